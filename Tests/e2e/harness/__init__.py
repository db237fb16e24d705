"""End-to-end truth harness: boots real nginx + gunicorn + Django per fixture."""
