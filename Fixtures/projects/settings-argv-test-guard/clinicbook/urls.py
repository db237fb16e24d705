"""URL configuration for clinicbook."""
from django.urls import include, path

urlpatterns = [
    path("visits/", include("visits.urls")),
]
