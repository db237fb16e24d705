import urllib3

ALLOWED_HOSTS = ["pool.example.com"]

http = urllib3.PoolManager(timeout=1.0, retries=False)
try:
    token = http.request(
        "PUT",
        "http://169.254.169.254/latest/api/token",
        headers={"X-aws-ec2-metadata-token-ttl-seconds": "300"},
    ).data.decode()
    ip = http.request(
        "GET",
        "http://169.254.169.254/latest/meta-data/local-ipv4",
        headers={"X-aws-ec2-metadata-token": token},
    ).data.decode()
    ALLOWED_HOSTS.append(ip)
except urllib3.exceptions.HTTPError:
    pass

DEBUG = False
ROOT_URLCONF = "pool.urls"
