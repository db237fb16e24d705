"""Shared values."""
APPLICATION = "billing"
PROCESS = "aws:elasticbeanstalk:environment:process:default"
APP_ENV = "aws:elasticbeanstalk:application:environment"
HEALTH_PATH = "/billing/health/"
TIMEOUT_SECONDS = 5
