from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.index, name="index"),
    path("text-size", views.text_size, name="text_size"),
    path("articles/<str:slug>/", views.detail, name="detail"),
]
