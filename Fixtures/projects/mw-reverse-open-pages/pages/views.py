from django.http import HttpResponse


def home(request):
    return HttpResponse('home')


def login(request):
    return HttpResponse('log in')


def health(request):
    return HttpResponse('ok')
