module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"

  name = "orders"
  cidr = "10.0.0.0/16"

  azs             = ["eu-central-1a", "eu-central-1b"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24"]
  public_subnets  = ["10.0.101.0/24", "10.0.102.0/24"]

  enable_nat_gateway = true
  single_nat_gateway = true
}

module "beanstalk" {
  source = "./modules/beanstalk"

  app_name          = "orders"
  health_check_path = "/health/"
  matcher           = "200,302"
  vpc_id            = module.vpc.vpc_id
}
