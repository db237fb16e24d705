resource "aws_elastic_beanstalk_environment" "legacy" {
  name        = "legacy-prod"
  application = "legacy"

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "LoadBalancerType"
    value     = "classic"
  }

  setting {
    namespace = "aws:elasticbeanstalk:application"
    name      = "Application Healthcheck URL"
    value     = "HTTP:80/health/"
  }

  setting {
    namespace = "aws:elb:healthcheck"
    name      = "Interval"
    value     = 30
  }

  setting {
    namespace = "aws:elb:healthcheck"
    name      = "Timeout"
    value     = 5
  }
}
