import requests

DEBUG = False
ALLOWED_HOSTS = ["api.example.com"]


def get_ec2_instance_ip():
    """Fetch the private IP with an IMDSv2 session token."""
    try:
        token = requests.put(
            "http://169.254.169.254/latest/api/token",
            headers={"X-aws-ec2-metadata-token-ttl-seconds": "21600"},
            timeout=1,
        ).text
        response = requests.get(
            "http://169.254.169.254/latest/meta-data/local-ipv4",
            headers={"X-aws-ec2-metadata-token": token},
            timeout=1,
        )
        response.raise_for_status()
        return response.text
    except requests.exceptions.RequestException:
        return None


private_ip = get_ec2_instance_ip()
if private_ip:
    ALLOWED_HOSTS.append(private_ip)

ROOT_URLCONF = "api.urls"
