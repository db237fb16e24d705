resource "aws_elastic_beanstalk_environment" "worker" {
  name        = "orders-worker"
  application = "orders"
  tier        = "Worker"

  setting {
    namespace = "aws:elasticbeanstalk:sqsd"
    name      = "WorkerQueueURL"
    value     = "https://sqs.eu-central-1.amazonaws.com/123456789012/orders-jobs"
  }

  setting {
    namespace = "aws:elasticbeanstalk:sqsd"
    name      = "HttpPath"
    value     = "/tasks/"
  }

  setting {
    namespace = "aws:elasticbeanstalk:environment"
    name      = "EnvironmentType"
    value     = "SingleInstance"
  }
}
