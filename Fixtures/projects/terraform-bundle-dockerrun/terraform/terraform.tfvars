image   = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ledger:latest"
release = "2024-06-01"
