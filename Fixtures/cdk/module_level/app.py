"""A single-file app without a Stack subclass."""
import aws_cdk as cdk
from aws_cdk.aws_elasticbeanstalk import CfnEnvironment

app = cdk.App()
stack = cdk.Stack(app, "Tiny")

CfnEnvironment(
    stack,
    "TinyEnv",
    application_name="tiny",
    option_settings=[
        CfnEnvironment.OptionSettingProperty(
            namespace="aws:elasticbeanstalk:environment", option_name="EnvironmentType",
            value="SingleInstance",
        ),
        CfnEnvironment.OptionSettingProperty(
            namespace="aws:elasticbeanstalk:container:python", option_name="WSGIPath",
            value="tiny.wsgi:application",
        ),
    ],
)

app.synth()
