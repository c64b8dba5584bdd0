from django.urls import path

from . import views

app_name = "moderation"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("bulk", views.bulk, name="bulk"),
    path("audit/", views.audit_log, name="audit"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
    path("comments/<int:pk>/", views.comment_detail, name="comment"),
    path("comments/<int:pk>/decide", views.decide, name="decide"),
    path("comments/<int:pk>/undo", views.undo, name="undo"),
    path("comments/<int:pk>/reverse", views.reverse, name="reverse"),
    path("commenters/<int:pk>/", views.commenter_detail, name="commenter"),
]
