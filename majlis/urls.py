from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from majlis.moderation.views import RateLimitedLoginView

urlpatterns = [
    path("accounts/login/", RateLimitedLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("moderation/", include("majlis.moderation.urls")),
    path("integrations/", include("majlis.integrations.urls")),
    path("", include("majlis.api.urls")),
    path("", include("majlis.perspective.urls")),
    path("", include("majlis.comments.urls")),
    path("", include("majlis.articles.urls")),
]
