"""Screening endpoints, mounted at the site root by majlis/urls.py.

Coral builds ``{endpoint}/comments:analyze?key=…``; the endpoint to configure is
``https://your-majlis/v1alpha1`` (a trailing slash, or the bare host, work too)."""
from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^(?:v1alpha1/+)?comments:analyze/?$", views.analyze, name="perspective-analyze"),
    re_path(r"^(?:v1alpha1/+)?comments:suggestscore/?$", views.suggestscore, name="perspective-suggestscore"),
    re_path(r"^coral/moderate/?$", views.coral_moderate, name="coral-moderate"),
]
