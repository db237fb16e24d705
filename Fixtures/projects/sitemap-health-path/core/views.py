from django.contrib.sitemaps import Sitemap


class PagesSitemap(Sitemap):
    """The public pages, listed without a database."""

    def items(self):
        return ['/', '/about/']

    def location(self, item):
        return item
