from aws_cdk import aws_elasticbeanstalk as eb

from infra.constants import APP_ENV, HEALTH_PATH, PROCESS, TIMEOUT_SECONDS


def option(namespace, name, value):
    return eb.CfnEnvironment.OptionSettingProperty(
        namespace=namespace, option_name=name, value=str(value)
    )


def health_options(path=HEALTH_PATH):
    return [
        option(PROCESS, "HealthCheckPath", path),
        option(PROCESS, "HealthCheckTimeout", TIMEOUT_SECONDS),
        option(PROCESS, "HealthCheckInterval", TIMEOUT_SECONDS * 3),
    ]


def environment_options(settings_module):
    return [option(APP_ENV, "DJANGO_SETTINGS_MODULE", settings_module)]
