"""Views of the exhibits app (a namespace package: the folder has no __init__.py)."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class StatusView(TemplateView):
    """What the load balancer asks for: a static page, no database."""

    template_name = "status.html"


class ExhibitListView(LoginRequiredMixin, TemplateView):
    template_name = "exhibit_list.html"
