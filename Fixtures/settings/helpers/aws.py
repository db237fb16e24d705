import urllib.request

METADATA = "http://169.254.169.254/latest"


def get_token():
    request = urllib.request.Request(
        METADATA + "/api/token",
        method="PUT",
        headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"},
    )
    with urllib.request.urlopen(request, timeout=2) as response:
        return response.read().decode()


def get_private_ip():
    try:
        request = urllib.request.Request(
            METADATA + "/meta-data/local-ipv4",
            headers={"X-aws-ec2-metadata-token": get_token()},
        )
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.read().decode()
    except Exception:
        return None
