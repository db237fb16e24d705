resource "aws_db_subnet_group" "db" {
  name       = "orders-db"
  subnet_ids = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_db_instance" "orders" {
  identifier              = "orders-${var.environment}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t4g.micro"
  allocated_storage       = 20
  max_allocated_storage   = 100
  db_name                 = "orders"
  username                = "orders"
  manage_master_user_password = true
  db_subnet_group_name    = aws_db_subnet_group.db.name
  backup_retention_period = 7
  deletion_protection     = true
  skip_final_snapshot     = false
  storage_encrypted       = true
  multi_az                = false

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [engine_version]
  }
}
