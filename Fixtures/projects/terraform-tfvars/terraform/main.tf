# Elastic Beanstalk application and environment for bookshelf.

locals {
  name    = "bookshelf-${var.environment}"
  process = "aws:elasticbeanstalk:environment:process:default"
}

resource "aws_elastic_beanstalk_application" "bookshelf" {
  name        = "bookshelf"
  description = "Bookshelf Django app"
}

resource "aws_elastic_beanstalk_environment" "web" {
  name                = local.name
  application         = aws_elastic_beanstalk_application.bookshelf.name
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"
  tier                = "WebServer"

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "LoadBalancerType"
    value     = "application"
  }

  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "InstanceType"
    value     = var.instance_type
  }

  setting {
    namespace = "aws:autoscaling:asg"
    name      = "MinSize"
    value     = var.min_instances
  }

  setting {
    namespace = local.process
    name      = "HealthCheckPath"
    value     = var.health_check_path
  }

  setting {
    namespace = local.process
    name      = "MatcherHTTPCode"
    value     = "200"
  }

  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "DJANGO_SETTINGS_MODULE"
    value     = "bookshelf.settings"
  }
}
