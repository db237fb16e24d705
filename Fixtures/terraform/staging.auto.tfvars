# Defaults for the staging workspace.
environment = "staging"
min_size    = 1
