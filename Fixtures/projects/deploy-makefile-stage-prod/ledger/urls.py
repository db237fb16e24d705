from django.urls import path

from gauges.views import ready

urlpatterns = [
    path('ready/', ready),
]
