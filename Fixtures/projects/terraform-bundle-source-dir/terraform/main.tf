# Bookshelf on Elastic Beanstalk: the module zips the repository and deploys it.

module "bookshelf" {
  source = "./modules/beanstalk"

  name              = "bookshelf-production"
  release           = var.release
  health_check_path = "/health/"
}
