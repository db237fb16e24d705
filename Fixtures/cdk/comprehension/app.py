import aws_cdk as cdk
from aws_cdk import aws_elasticbeanstalk as eb

HEALTH = {
    "HealthCheckPath": "/healthz/",
    "HealthCheckInterval": "15",
    "HealthyThresholdCount": "3",
}
ENVIRONMENT = {"DJANGO_SETTINGS_MODULE": "catalog.settings", "DJANGO_DEBUG": "false"}


def setting(namespace, name, value):
    return eb.CfnEnvironment.OptionSettingProperty(namespace=namespace, option_name=name, value=value)


class CatalogStack(cdk.Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        process = "aws:elasticbeanstalk:environment:process:default"
        options = [setting(process, name, value) for name, value in HEALTH.items()]
        options += [
            setting("aws:elasticbeanstalk:application:environment", key, ENVIRONMENT[key])
            for key in sorted(ENVIRONMENT)
        ]
        eb.CfnEnvironment(self, "Catalog", application_name="catalog", option_settings=options)


app = cdk.App()
CatalogStack(app, "CatalogStack")
app.synth()
