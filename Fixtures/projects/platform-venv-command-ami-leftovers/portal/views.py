from django.http import HttpResponse, JsonResponse


def health(request):
    return JsonResponse({"status": "ok"})


def home(request):
    return HttpResponse("Advisory portal")
