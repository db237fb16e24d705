# Windows line endings, as committed from an editor on Windows.
resource "aws_elastic_beanstalk_environment" "crlf" {
  name        = "crlf-env"
  application = "crlf"

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = "/ping/"
  }
}
