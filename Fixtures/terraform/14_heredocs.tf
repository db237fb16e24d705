resource "aws_ssm_parameter" "nginx_snippet" {
  name  = "/orders/nginx"
  type  = "String"
  value = <<-EOT
    location /static/ {
        alias /var/app/current/static/;
    }
    # comment inside the heredoc
  EOT
}

resource "aws_ssm_parameter" "motd" {
  name  = "/orders/motd"
  type  = "String"
  value = <<EOT
Welcome to orders.
  Indented line stays.
EOT
}

locals {
  config_document = <<-JSON
    {
      "Rules": {"Environment": {"Application": {"ApplicationRequests4xx": {"Enabled": false}}}},
      "Version": 1
    }
  JSON
}
