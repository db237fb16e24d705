API_VERSION = 'v2'
API_PREFIX = 'api/{}/'
