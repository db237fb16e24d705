resource "aws_elastic_beanstalk_environment" "per_stage" {
  for_each = local.environments

  name        = "orders-${each.key}"
  application = "orders"

  setting {
    namespace = "aws:autoscaling:launchconfiguration"
    name      = "InstanceType"
    value     = each.value.instance_type
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "HealthCheckPath"
    value     = each.value.health.path
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment:process:default"
    name      = "MatcherHTTPCode"
    value     = each.value.health.matcher
  }
}
