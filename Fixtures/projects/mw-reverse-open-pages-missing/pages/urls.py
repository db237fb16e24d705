from django.urls import path

from . import views

app_name = 'pages'

urlpatterns = [
    path('', views.home, name='home'),
    path('login/', views.login, name='login'),
    path('health/', views.health, name='health'),
]
