import aws_cdk as cdk
from aws_cdk import aws_elasticbeanstalk as eb
from aws_cdk import aws_sqs as sqs

from infra.constants import APPLICATION
from infra.options import environment_options, health_options, option


class BillingStack(cdk.Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        queue = sqs.Queue(self, "Invoices")
        eb.CfnEnvironment(
            self,
            "BillingWeb",
            application_name=APPLICATION,
            environment_name=APPLICATION + "-web",
            option_settings=health_options()
            + environment_options("billing.settings.production")
            + [option("aws:elasticbeanstalk:application:environment", "QUEUE_URL", queue.queue_url)],
        )


app = cdk.App()
BillingStack(app, "Billing")
app.synth()
