variable "region" { default = "us-east-1" }
variable "app" { type = string }
variable "empty" {}

resource "aws_cloudwatch_log_group" "app" { name = "/eb/app" }

locals { single = "one" }
