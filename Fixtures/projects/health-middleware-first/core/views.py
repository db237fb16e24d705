# Views live in the feature apps.
