from django.urls import path

from exhibits import views

urlpatterns = [
    path("status/", views.StatusView.as_view(), name="status"),
    path("", views.ExhibitListView.as_view(), name="exhibits"),
]
