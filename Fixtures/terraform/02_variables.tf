variable "environment" {
  description = "Deployment stage (staging or production)."
  type        = string
  default     = "staging"

  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "The environment must be staging or production."
  }
}

variable "instance_types" {
  type    = list(string)
  default = ["t3.small", "t3.medium"]
}

variable "health_check" {
  type = object({
    path     = string
    interval = number
    matcher  = string
  })
  default = {
    path     = "/health/"
    interval = 15
    matcher  = "200"
  }
}

variable "min_size" {
  type    = number
  default = 1
}

variable "enable_https" {
  type    = bool
  default = false
}

variable "certificate_arn" {
  type      = string
  default   = null
  sensitive = true
}
