from django.views.generic import CreateView

from .models import Note


class HealthView(CreateView):
    model = Note
    fields = ['title']
    success_url = '/'
