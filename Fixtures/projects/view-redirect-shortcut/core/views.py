from django.http import HttpResponse
from django.shortcuts import redirect


def home(request):
    return HttpResponse("home")


def health(request):
    # The old health URL moved; keep the link working.
    return redirect('home')
