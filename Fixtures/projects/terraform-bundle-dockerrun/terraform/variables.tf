variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "image" {
  description = "The image CI builds and pushes"
  type        = string
}

variable "release" {
  description = "Label of the application version"
  type        = string
}
