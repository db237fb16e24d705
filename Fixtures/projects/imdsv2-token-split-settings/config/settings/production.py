"""Production settings (Elastic Beanstalk, Amazon Linux 2023)."""
import os
import urllib.request

from .base import *  # noqa: F401,F403

SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', SECRET_KEY)

ALLOWED_HOSTS = ['app.example.org']

METADATA_URL = 'http://169.254.169.254/latest'


def instance_private_ip():
    """Private IPv4 of this instance via IMDSv2 (token first), or None off EC2."""
    try:
        token_request = urllib.request.Request(
            f'{METADATA_URL}/api/token',
            method='PUT',
            headers={'X-aws-ec2-metadata-token-ttl-seconds': '21600'},
        )
        with urllib.request.urlopen(token_request, timeout=1) as response:
            token = response.read().decode()
        ip_request = urllib.request.Request(
            f'{METADATA_URL}/meta-data/local-ipv4',
            headers={'X-aws-ec2-metadata-token': token},
        )
        with urllib.request.urlopen(ip_request, timeout=1) as response:
            return response.read().decode()
    except OSError:
        return None


PRIVATE_IP = instance_private_ip()
if PRIVATE_IP:
    ALLOWED_HOSTS.append(PRIVATE_IP)
