// Source bundle: the Django app is zipped from ../app.
data "archive_file" "bundle" {
  type        = "zip"
  source_dir  = "${path.module}/../app"
  output_path = "${path.module}/build/app.zip"
  excludes    = ["__pycache__", ".venv", "node_modules"]
}

resource "aws_s3_object" "bundle" {
  bucket = "orders-deployments"
  key    = "app-${data.archive_file.bundle.output_md5}.zip"
  source = data.archive_file.bundle.output_path
}

resource "aws_elastic_beanstalk_application_version" "current" {
  name        = "orders-${data.archive_file.bundle.output_md5}"
  application = "orders"
  bucket      = aws_s3_object.bundle.bucket
  key         = aws_s3_object.bundle.key
}
