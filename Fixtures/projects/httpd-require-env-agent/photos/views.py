from django.http import HttpResponse, JsonResponse


def gallery_home(request):
    return HttpResponse("<h1>Gallery</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
