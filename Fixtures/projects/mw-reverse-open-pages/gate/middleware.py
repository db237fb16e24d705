"""Sends anonymous visitors to the login page, except on the open pages."""
from django.shortcuts import redirect
from django.urls import reverse


class LoginGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        open_pages = [
            reverse('pages:login'),
            reverse('pages:health'),
            '/static/',
        ]
        if any(request.path.startswith(page) for page in open_pages):
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect(reverse('pages:login'))
        return self.get_response(request)
