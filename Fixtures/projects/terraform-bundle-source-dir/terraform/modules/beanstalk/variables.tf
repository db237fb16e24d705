variable "name" {
  type = string
}

variable "release" {
  type = string
}

variable "health_check_path" {
  type    = string
  default = "/"
}
