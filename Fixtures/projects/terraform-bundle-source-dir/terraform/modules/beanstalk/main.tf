resource "aws_elastic_beanstalk_application" "bookshelf" {
  name = "bookshelf"
}

resource "aws_elastic_beanstalk_environment" "web" {
  name                = var.name
  application         = aws_elastic_beanstalk_application.bookshelf.name
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"
  version_label       = var.release

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "LoadBalancerType"
    value     = "application"
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = var.health_check_path
  }

  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "DJANGO_SETTINGS_MODULE"
    value     = "bookshelf.settings"
  }
}
