resource "aws_lb_listener_rule" "static" {
  listener_arn = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:listener/app/orders/abc/def"
  priority     = 100

  action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-central-1:123456789012:targetgroup/orders/0123"
  }

  condition {
    path_pattern {
      values = [
        "/static/*",
        "/media/*", # user uploads
        "/favicon.ico",
      ]
    }
  }

  condition {
    host_header {
      values = ["orders.example.com"]
    }
  }
}
