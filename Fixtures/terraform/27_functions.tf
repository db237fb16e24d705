locals {
  names      = ["web", "api"]
  joined     = join("-", local.names)
  formatted  = format("%s-%03d", "orders", 7)
  merged     = merge({ a = 1 }, { b = 2 })
  looked_up  = lookup({ small = "t3.small" }, "small", "t3.micro")
  lowered    = lower("ORDERS")
  trimmed    = trimspace("  padded  ")
  coalesced  = coalesce("", "fallback")
  listed     = tolist(["x", "y"])
  encoded    = base64encode("secret")
  stamp      = timestamp()
  cidr       = cidrhost("10.0.0.0/24", 5)
  spread     = concat(["a"], ["b", "c"])
}
