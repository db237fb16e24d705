resource "aws_elastic_beanstalk_environment" "catalog" {
  name                = local.name_prefix
  application         = "catalog"
  solution_stack_name = "64bit Amazon Linux 2023 v4.3.0 running Python 3.12"

  dynamic "setting" {
    for_each = local.health_settings
    content {
      namespace = "aws:elasticbeanstalk:environment:process:default"
      name      = setting.key
      value     = setting.value
    }
  }

  dynamic "setting" {
    for_each = var.enable_https ? [1] : []
    content {
      namespace = "aws:elbv2:listener:443"
      name      = "SSLCertificateArns"
      value     = var.certificate_arn
    }
  }

  tags = local.common_tags
}
