from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path

from core import views

# 모든 페이지는 언어 접두사(/ko/, /en/) 아래에 있음
urlpatterns = i18n_patterns(
    path('admin/', admin.site.urls),
    path('health/', views.health, name='health'),
)
