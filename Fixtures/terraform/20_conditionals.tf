locals {
  stage        = "production"
  replicas     = local.stage == "production" ? 3 : 1
  instance     = local.stage == "production" ? "m6i.large" : "t3.small"
  enable_debug = !(local.stage == "production")
  threshold    = 2 * 3 + 1
  percentage   = 100 / 4
  remainder    = 17 % 5
  negative     = -42
  both         = true && false || true
  compare      = 3 >= 2
}
