/*
 * Multi-line block comment at the top.
 * It can hold "quotes", ${interpolations} and # hashes.
 */
resource "aws_sns_topic" "alerts" { # trailing hash comment
  name = "orders-alerts" // trailing slash comment
  /* inline */ display_name = "Orders alerts"
}

# resource "aws_sns_topic" "disabled" {
#   name = "commented-out"
# }

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "email"
  endpoint  = "oncall@example.com"
}
