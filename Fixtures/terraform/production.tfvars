environment    = "production"
min_size       = 3
instance_types = ["m6i.large"]
enable_https   = true
health_check = {
  path     = "/health/"
  interval = 10
  matcher  = "200"
}
