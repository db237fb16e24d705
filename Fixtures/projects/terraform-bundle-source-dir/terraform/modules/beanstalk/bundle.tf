# The source bundle: the repository itself, without the Terraform code.

data "archive_file" "source" {
  type        = "zip"
  source_dir  = "${path.module}/../../.."
  output_path = "${path.module}/.build/source.zip"
  excludes    = ["terraform", ".git"]
}

resource "aws_s3_bucket" "releases" {
  bucket = "${var.name}-releases"
}

resource "aws_s3_bucket_object" "source" {
  bucket = aws_s3_bucket.releases.id
  key    = "releases/${var.release}.zip"
  source = data.archive_file.source.output_path
}

resource "aws_elastic_beanstalk_application_version" "release" {
  name        = var.release
  application = aws_elastic_beanstalk_application.bookshelf.name
  bucket      = aws_s3_bucket.releases.id
  key         = aws_s3_bucket_object.source.key
}
