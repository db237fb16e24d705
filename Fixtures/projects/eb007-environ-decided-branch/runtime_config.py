"""Where the service reads its configuration: the process environment when
HARBOR_CONFIG_FROM_ENV is set, otherwise a JSON file the instance provides."""
import json
from os import environ

if environ.get('HARBOR_CONFIG_FROM_ENV'):
    values = environ
else:
    with open('/etc/harbor/config.json') as source:
        values = json.load(source)
