output "endpoint_url" {
  description = "The environment's URL."
  value       = aws_elastic_beanstalk_environment.catalog.endpoint_url
}

output "cname" {
  value = aws_elastic_beanstalk_environment.catalog.cname
}

output "subnet_ids" {
  value     = aws_subnet.public[*].id
  sensitive = false
}
