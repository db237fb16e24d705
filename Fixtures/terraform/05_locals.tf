locals {
  app_name    = "catalog"
  name_prefix = "${local.app_name}-${var.environment}"
  is_prod     = var.environment == "production"

  common_tags = {
    Application = local.app_name
    Environment = var.environment
    CostCenter  = "1234"
  }

  health_settings = {
    HealthCheckPath         = "/healthz/"
    HealthCheckInterval     = "20"
    HealthCheckTimeout      = "5"
    HealthyThresholdCount   = "3"
    UnhealthyThresholdCount = "5"
    MatcherHTTPCode         = "200"
  }

  instance_count = local.is_prod ? 3 : 1
  ports          = [80, 443, 8000]
  ratio          = 0.75
  nothing        = null
}
