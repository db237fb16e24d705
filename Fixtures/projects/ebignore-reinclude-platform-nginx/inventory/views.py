from django.http import HttpResponse, JsonResponse


def health(request):
    return HttpResponse("ok", content_type="text/plain")


def stock(request):
    return JsonResponse({"items": []})
