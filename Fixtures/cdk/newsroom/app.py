#!/usr/bin/env python3
import aws_cdk as cdk

from stacks.beanstalk_stack import BeanstalkStack

app = cdk.App()
BeanstalkStack(app, "NewsroomBeanstalk", stage="prod")
app.synth()
