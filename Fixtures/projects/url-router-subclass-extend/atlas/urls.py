from django.urls import include, path
from rest_framework import routers

from atlas.places import places_router


class GatheringRouter(routers.DefaultRouter):
    """The project's router: the API root plus every app's registrations."""

    def gather(self, other):
        self.registry.extend(other.registry)


router = GatheringRouter()
router.gather(places_router)

urlpatterns = [
    path('api/', include(router.urls)),
]
