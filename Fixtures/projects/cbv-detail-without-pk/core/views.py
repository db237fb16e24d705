from django.views.generic import DetailView

from .models import Note


class HealthView(DetailView):
    model = Note
    template_name = 'core/note.html'
