data "aws_caller_identity" "current" {}

data "aws_region" "current" {}

data "aws_elastic_beanstalk_solution_stack" "python" {
  most_recent = true
  name_regex  = "^64bit Amazon Linux 2023 (.*) running Python 3.12$"
}

resource "aws_elastic_beanstalk_environment" "latest" {
  name                = "orders-latest"
  application         = "orders"
  solution_stack_name = data.aws_elastic_beanstalk_solution_stack.python.name

  setting {
    namespace = "aws:elasticbeanstalk:application:environment"
    name      = "AWS_ACCOUNT"
    value     = data.aws_caller_identity.current.account_id
  }
}
