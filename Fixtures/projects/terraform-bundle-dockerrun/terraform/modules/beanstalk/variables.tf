variable "application" {
  type = string
}

variable "environment" {
  type = string
}

variable "image" {
  type = string
}

variable "container_port" {
  type = number
}

variable "release" {
  type = string
}
