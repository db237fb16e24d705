# Created with Terraform (the Elastic Beanstalk API): no LoadBalancerType setting.

resource "aws_elastic_beanstalk_application" "kiosk" {
  name = "kiosk"
}

resource "aws_elastic_beanstalk_environment" "kiosk" {
  name                = "kiosk-prod"
  application         = aws_elastic_beanstalk_application.kiosk.name
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"

  setting {
    namespace = "aws:elasticbeanstalk:container:python"
    name      = "WSGIPath"
    value     = "kiosk.wsgi:application"
  }

  # Meant for an application load balancer's target group.
  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/health/"
  }
}
