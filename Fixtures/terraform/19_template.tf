resource "aws_elastic_beanstalk_configuration_template" "base" {
  name                = "orders-base"
  application         = "orders"
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "EnvironmentType"
    value     = "LoadBalanced"
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/"
  }
}

resource "aws_elastic_beanstalk_environment" "from_template" {
  name          = "orders-blue"
  application   = "orders"
  template_name = aws_elastic_beanstalk_configuration_template.base.name

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/health/"
  }
}
