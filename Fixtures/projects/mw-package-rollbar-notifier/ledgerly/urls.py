from django.urls import path

from status.views import status

urlpatterns = [
    path("status/", status),
]
