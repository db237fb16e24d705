resource "aws_elastic_beanstalk_application" "this" {
  name = var.application
}

resource "aws_elastic_beanstalk_application_version" "this" {
  name        = var.release
  application = aws_elastic_beanstalk_application.this.name
  bucket      = aws_s3_bucket.bundles.id
  key         = aws_s3_object.bundle.key
}

resource "aws_elastic_beanstalk_environment" "this" {
  name                = var.environment
  application         = aws_elastic_beanstalk_application.this.name
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.3 running Docker"
  version_label       = aws_elastic_beanstalk_application_version.this.name

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "LoadBalancerType"
    value     = "application"
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/health/"
  }

  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "InstanceType"
    value     = "t3.small"
  }
}
