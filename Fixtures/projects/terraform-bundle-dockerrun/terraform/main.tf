# The ledger environment: a Docker environment running the image CI pushes.

module "ledger" {
  source = "./modules/beanstalk"

  application    = "ledger"
  environment    = "ledger-prod"
  image          = var.image
  container_port = 5000
  release        = var.release
}
