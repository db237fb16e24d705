from django.shortcuts import render as django_render


def render(request, template_name, context=None, **options):
    """Every page gets its own absolute URL in the context."""
    context = dict(context or {})
    if 'page_url' not in context:
        context['page_url'] = request.build_absolute_uri(request.path)
    return django_render(request, template_name, context, **options)


def health(request):
    return render(request, 'core/health.html', {'status': 'ok'})
