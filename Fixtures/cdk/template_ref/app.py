import aws_cdk as cdk
from aws_cdk import aws_elasticbeanstalk as elasticbeanstalk


class ShopStack(cdk.Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        template = elasticbeanstalk.CfnConfigurationTemplate(
            self,
            "BaseConfig",
            application_name="shop",
            solution_stack_name="64bit Amazon Linux 2023 v4.3.0 running Python 3.12",
            option_settings=[
                elasticbeanstalk.CfnConfigurationTemplate.ConfigurationOptionSettingProperty(
                    namespace="aws:elasticbeanstalk:environment:process:default",
                    option_name="HealthCheckPath",
                    value="/",
                ),
                elasticbeanstalk.CfnConfigurationTemplate.ConfigurationOptionSettingProperty(
                    namespace="aws:autoscaling:asg", option_name="MaxSize", value="4"
                ),
            ],
        )
        elasticbeanstalk.CfnEnvironment(
            self,
            "ShopEnv",
            application_name="shop",
            template_name=template.ref,
            option_settings=[
                elasticbeanstalk.CfnEnvironment.OptionSettingProperty(
                    namespace="aws:elasticbeanstalk:environment:process:default",
                    option_name="HealthCheckPath",
                    value="/health/",
                )
            ],
        )


app = cdk.App()
ShopStack(app, "Shop")
app.synth()
