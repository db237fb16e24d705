locals {
  environments = {
    staging = {
      instance_type = "t3.small"
      min_size      = 1
      health = {
        path    = "/health/"
        matcher = "200"
      }
    }
    production = {
      instance_type = "m6i.large"
      min_size      = 2
      health = {
        path    = "/health/"
        matcher = "200"
      }
    }
  }
}
