from aws_cdk import Stack
from aws_cdk import aws_elasticbeanstalk as elasticbeanstalk
from aws_cdk import aws_s3_assets as s3_assets
from constructs import Construct

from .config import APP_NAME, HEALTH_CHECK_PATH, PROCESS_NAMESPACE, SOLUTION_STACK


def option(namespace, name, value):
    """One Beanstalk option setting."""
    return elasticbeanstalk.CfnEnvironment.OptionSettingProperty(
        namespace=namespace, option_name=name, value=value
    )


def health_check_options(path, interval=15):
    return [
        option(PROCESS_NAMESPACE, "HealthCheckPath", path),
        option(PROCESS_NAMESPACE, "HealthCheckInterval", str(interval)),
        option(PROCESS_NAMESPACE, "MatcherHTTPCode", "200"),
    ]


class BeanstalkStack(Stack):
    def __init__(self, scope: Construct, construct_id: str, *, stage: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        bundle = s3_assets.Asset(self, "Bundle", path="..")
        application = elasticbeanstalk.CfnApplication(
            self, "Application", application_name=APP_NAME
        )
        version = elasticbeanstalk.CfnApplicationVersion(
            self,
            "Version",
            application_name=APP_NAME,
            source_bundle=elasticbeanstalk.CfnApplicationVersion.SourceBundleProperty(
                s3_bucket=bundle.s3_bucket_name, s3_key=bundle.s3_object_key
            ),
        )
        version.add_dependency(application)

        environment = elasticbeanstalk.CfnEnvironment(
            self,
            "Environment",
            application_name=APP_NAME,
            environment_name=f"{APP_NAME}-{stage}",
            solution_stack_name=SOLUTION_STACK,
            version_label=version.ref,
            option_settings=health_check_options(HEALTH_CHECK_PATH)
            + [
                {
                    "namespace": "aws:elasticbeanstalk:environment",
                    "option_name": "LoadBalancerType",
                    "value": "application",
                },
                option(
                    "aws:elasticbeanstalk:application:environment",
                    "DJANGO_SETTINGS_MODULE",
                    "newsroom.settings",
                ),
            ],
        )
        environment.add_dependency(application)
