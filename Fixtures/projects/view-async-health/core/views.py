import asyncio

from django.http import JsonResponse


async def health(request):
    await asyncio.sleep(0)
    return JsonResponse({'status': 'ok', 'path': request.path})
