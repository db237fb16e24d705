provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

resource "aws_acm_certificate" "site" {
  provider          = aws.us_east_1
  domain_name       = "orders.example.com"
  validation_method = "DNS"

  subject_alternative_names = ["www.orders.example.com"]

  lifecycle {
    create_before_destroy = true
  }
}
