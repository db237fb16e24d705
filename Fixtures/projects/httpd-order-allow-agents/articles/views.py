from django.http import HttpResponse, JsonResponse


def newsroom_home(request):
    return HttpResponse("<h1>Newsroom</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
