resource "aws_elastic_beanstalk_environment" "api" {
  name        = "api-prod"
  application = "api"

  setting {
    namespace = "aws:elasticbeanstalk:healthreporting:system"
    name      = "ConfigDocument"
    value = jsonencode({
      Rules = {
        Environment = {
          Application = {
            ApplicationRequests4xx = { Enabled = false }
          }
        }
      }
      Version = 1
    })
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/api/health/"
  }
}
