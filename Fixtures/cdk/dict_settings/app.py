#!/usr/bin/env python3
"""Option settings written as plain dicts."""
import aws_cdk as cdk
from aws_cdk import aws_elasticbeanstalk as eb
from constructs import Construct

PROCESS = "aws:elasticbeanstalk:environment:process:default"


class ApiStack(cdk.Stack):
    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        settings = [
            {"namespace": PROCESS, "option_name": "HealthCheckPath", "value": "/api/health/"},
            {"namespace": PROCESS, "option_name": "MatcherHTTPCode", "value": "200,204"},
            {"namespace": "aws:elasticbeanstalk:environment", "option_name": "LoadBalancerType",
             "value": "application"},
        ]
        settings.append(
            {"namespace": "aws:elasticbeanstalk:application:environment",
             "option_name": "DJANGO_SETTINGS_MODULE", "value": "api.settings"})
        eb.CfnEnvironment(
            self, "ApiEnv", application_name="api", environment_name="api-prod",
            solution_stack_name="64bit Amazon Linux 2023 v4.3.0 running Python 3.12",
            option_settings=settings)


app = cdk.App()
ApiStack(app, "Api")
app.synth()
