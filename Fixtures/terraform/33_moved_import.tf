moved {
  from = aws_elastic_beanstalk_environment.old
  to   = aws_elastic_beanstalk_environment.web
}

import {
  to = aws_s3_bucket.media
  id = "orders-media-prod"
}

check "health" {
  data "http" "site" {
    url = "https://orders.example.com/health/"
  }

  assert {
    condition     = data.http.site.status_code == 200
    error_message = "orders returned ${data.http.site.status_code}"
  }
}
