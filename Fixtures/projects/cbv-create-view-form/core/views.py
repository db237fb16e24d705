from django.views.generic import CreateView

from .models import Note


class HealthView(CreateView):
    # The health check lands on the "new note" page: GET renders the empty form.
    model = Note
    fields = ['title']
