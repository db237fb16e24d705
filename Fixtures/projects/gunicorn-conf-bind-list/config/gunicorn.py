import os

HOST = "127.0.0.1"
ports = [8000, 8001]
bind = [f"{HOST}:{port}" for port in ports]
loglevel = os.environ.get("LOG_LEVEL", "info")
