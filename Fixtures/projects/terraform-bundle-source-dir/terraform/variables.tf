variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "release" {
  description = "Label of the application version"
  type        = string
  default     = "v1"
}
