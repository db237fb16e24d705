from django.http import HttpResponse, JsonResponse


def ledger_home(request):
    return HttpResponse("<h1>Ledger</h1>")


def health(request):
    return JsonResponse({"status": "ok"})
