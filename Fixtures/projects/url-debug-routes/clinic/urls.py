from django.conf import settings
from django.conf.urls.static import static
from django.http import HttpResponse
from django.urls import path


def home(request):
    return HttpResponse('clinic home')


def health(request):
    return HttpResponse('ok')


urlpatterns = [
    path('', home, name='home'),
]

if settings.DEBUG:
    urlpatterns += [path('health/', health, name='health')]

urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
