from django.db import models


class Note(models.Model):
    title = models.CharField(max_length=80)
    created = models.DateTimeField(auto_now_add=True)
