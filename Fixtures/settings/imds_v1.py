import requests

DEBUG = False
ALLOWED_HOSTS = ["myapp.example.com", ".elasticbeanstalk.com"]

# Allow the ELB health checker, which uses the private IP as Host
EC2_PRIVATE_IP = None
try:
    EC2_PRIVATE_IP = requests.get(
        "http://169.254.169.254/latest/meta-data/local-ipv4", timeout=0.01
    ).text
except requests.exceptions.RequestException:
    pass

if EC2_PRIVATE_IP:
    ALLOWED_HOSTS.append(EC2_PRIVATE_IP)

ROOT_URLCONF = "myapp.urls"
