variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  description = "Deployment stage, used in resource names."
  type        = string
}

variable "health_check_path" {
  description = "Path the load balancer polls on every instance."
  type        = string
  default     = "/"
}

variable "instance_type" {
  type    = string
  default = "t3.small"
}

variable "min_instances" {
  type    = number
  default = 1
}
