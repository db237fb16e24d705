locals {
  services = ["web", "worker", "scheduler"]
  upper    = [for s in local.services : upper(s)]
  by_name  = { for s in local.services : s => "svc-${s}" }
  filtered = [for s in local.services : s if s != "worker"]
  numbers  = [for i, v in ["a", "b"] : "${i}:${v}"]
}

resource "aws_cloudwatch_log_group" "services" {
  for_each          = toset(local.services)
  name              = "/eb/orders/${each.key}"
  retention_in_days = 14
}
