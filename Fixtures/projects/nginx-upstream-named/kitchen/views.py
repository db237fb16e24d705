from django.http import HttpResponse, JsonResponse


def recipes_home(request):
    return HttpResponse("<h1>Recipes</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
