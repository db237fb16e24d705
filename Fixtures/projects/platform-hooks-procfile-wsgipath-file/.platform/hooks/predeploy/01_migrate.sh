#!/bin/bash
# Migrations before the new version starts.
source /var/app/venv/*/bin/activate
python3 manage.py migrate --noinput
