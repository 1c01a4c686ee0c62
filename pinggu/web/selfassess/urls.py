"""The self-assessment's addresses (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("rounds/<int:round_id>/self/", views.page, name="self_assessment"),
    path("rounds/<int:round_id>/self/upload/", views.upload, name="self_document_upload"),
    path(
        "rounds/<int:round_id>/self/documents/<int:document_id>/delete/",
        views.delete,
        name="self_document_delete",
    ),
    path(
        "rounds/<int:round_id>/self/documents/<int:document_id>/",
        views.download,
        name="self_document",
    ),
]
