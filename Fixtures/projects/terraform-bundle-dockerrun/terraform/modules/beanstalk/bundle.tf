# The source bundle: a Dockerrun.aws.json naming the image, zipped and uploaded.

resource "local_file" "dockerrun" {
  filename = "${path.module}/build/Dockerrun.aws.json"
  content = jsonencode({
    AWSEBDockerrunVersion = "1"
    Image = {
      Name   = var.image
      Update = "true"
    }
    Ports = [
      {
        ContainerPort = var.container_port
        HostPort      = 80
      }
    ]
    Logging = "/var/log/gunicorn"
  })
}

data "archive_file" "bundle" {
  type        = "zip"
  source_file = local_file.dockerrun.filename
  output_path = "${path.module}/build/bundle.zip"
}

resource "aws_s3_bucket" "bundles" {
  bucket = "${var.application}-bundles"
}

resource "aws_s3_object" "bundle" {
  bucket = aws_s3_bucket.bundles.id
  key    = "${var.release}/bundle.zip"
  source = data.archive_file.bundle.output_path
  etag   = data.archive_file.bundle.output_md5
}
