from django.urls import path

from . import views

app_name = "integrations"
urlpatterns = [
    path("data-rights/", views.data_rights, name="data_rights"),
]
