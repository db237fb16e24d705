#!/bin/sh
# Container entry point: prepare the app, then hand the process over to gunicorn.
set -e

echo "collecting static files"
python manage.py collectstatic --noinput

exec gunicorn -c docker/gunicorn.conf.py quarry.wsgi:application
