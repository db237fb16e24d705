"""Settings for the observatory dashboard (Elastic Beanstalk)."""
import os
from urllib.request import urlopen

SECRET_KEY = 'observatory-not-secret-71c2'
DEBUG = False
ALLOWED_HOSTS = ['observatory.example.net']


def running_on_ec2():
    """Xen instances expose the hypervisor UUID, which starts with ec2 on EC2."""
    if os.path.isfile('/sys/hypervisor/uuid'):
        with open('/sys/hypervisor/uuid') as handle:
            return handle.read().startswith('ec2')
    return False


def private_address():
    if not running_on_ec2():
        return None
    try:
        reply = urlopen('http://169.254.169.254/latest/meta-data/local-ipv4', timeout=2)
        return reply.read()
    except OSError:
        return None


address = private_address()
if address:
    # A leading dot admits the address and any name below it.
    ALLOWED_HOSTS.append('.' + address.decode('utf-8'))

INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.auth']
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.middleware.common.CommonMiddleware',
]
ROOT_URLCONF = 'observatory.urls'
WSGI_APPLICATION = 'observatory.wsgi.application'
DATABASES = {}
