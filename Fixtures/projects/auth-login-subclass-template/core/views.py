from django.contrib.auth.views import LoginView


class StaffLoginView(LoginView):
    """The staff sign-in page, also used as the load balancer's health page."""

    template_name = 'staff/login.html'
    redirect_authenticated_user = True
