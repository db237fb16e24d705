# The depot environment, created through the Elastic Beanstalk API on an Amazon Linux 2 stack.

resource "aws_elastic_beanstalk_application" "depot" {
  name = "depot"
}

resource "aws_elastic_beanstalk_environment" "depot" {
  name                = "depot-prod"
  application         = aws_elastic_beanstalk_application.depot.name
  solution_stack_name = "64bit Amazon Linux 2 v3.7.2 running Python 3.8"

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "LoadBalancerType"
    value     = "application"
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/status/"
  }
}
