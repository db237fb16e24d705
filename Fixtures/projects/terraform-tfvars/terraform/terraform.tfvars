environment       = "production"
health_check_path = "/health/"
min_instances     = 2
