"""URL configuration for intranet project."""
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from core.views import PagesSitemap

urlpatterns = [
    path('sitemap.xml', sitemap, {'sitemaps': {'pages': PagesSitemap}}, name='sitemap'),
]
