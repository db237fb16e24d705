from django.db import models


class StoredTable(models.Model):
    """The database's own catalogue of tables, read through the ORM (no migration needed)."""

    name = models.CharField(max_length=200, primary_key=True)
    type = models.CharField(max_length=20)

    class Meta:
        managed = False
        db_table = 'sqlite_master'
