locals {
  health_check = {
    HealthCheckPath     = "/status/"
    HealthCheckInterval = 20
    HealthCheckTimeout  = 5
    MatcherHTTPCode     = "200"
  }

  env_vars = {
    DJANGO_SETTINGS_MODULE = "ledger.settings"
    ALLOWED_HOSTS          = "ledger.example.com"
  }
}

resource "aws_elastic_beanstalk_environment" "ledger" {
  name                = "ledger-prod"
  application         = "ledger"
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "LoadBalancerType"
    value     = "application"
  }

  dynamic "setting" {
    for_each = local.health_check
    content {
      namespace = "aws:elasticbeanstalk:environment:process:default"
      name      = setting.key
      value     = setting.value
    }
  }

  dynamic "setting" {
    for_each = local.env_vars
    iterator = env
    content {
      namespace = "aws:elasticbeanstalk:application:environment"
      name      = env.key
      value     = env.value
    }
  }
}
