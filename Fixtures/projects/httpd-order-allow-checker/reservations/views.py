from django.http import HttpResponse, JsonResponse


def bookings_home(request):
    return HttpResponse("<h1>Bookings</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
