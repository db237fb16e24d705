import aws_cdk as cdk
from aws_cdk import aws_elasticbeanstalk as eb

PRODUCTION = True
STAGE = "prod" if PRODUCTION else "dev"
DOMAIN = "reports.example.com"


class ReportsStack(cdk.Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        health_path = "/health/" if PRODUCTION else "/"
        interval = "10" if PRODUCTION else "30"
        eb.CfnEnvironment(
            self,
            "Reports",
            application_name="reports",
            environment_name=f"reports-{STAGE}",
            option_settings=[
                eb.CfnEnvironment.OptionSettingProperty(
                    namespace="aws:elasticbeanstalk:environment:process:default",
                    option_name="HealthCheckPath",
                    value=health_path,
                ),
                eb.CfnEnvironment.OptionSettingProperty(
                    namespace="aws:elasticbeanstalk:environment:process:default",
                    option_name="HealthCheckInterval",
                    value=interval,
                ),
                eb.CfnEnvironment.OptionSettingProperty(
                    namespace="aws:elasticbeanstalk:application:environment",
                    option_name="ALLOWED_HOSTS",
                    value=",".join([DOMAIN, "www." + DOMAIN]),
                ),
                eb.CfnEnvironment.OptionSettingProperty(
                    namespace="aws:elasticbeanstalk:application:environment",
                    option_name="SITE_URL",
                    value="https://%s/" % DOMAIN,
                ),
            ],
        )


app = cdk.App()
ReportsStack(app, "Reports")
app.synth()
