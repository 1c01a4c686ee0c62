"""The rectification page and its forms (included by pinggu/web/urls.py)."""

from django.urls import path

from . import views

_ITEM = "rounds/<int:round_id>/rectification/items/<int:item_id>/"

urlpatterns = [
    path("rounds/<int:round_id>/rectification/", views.page, name="rectification"),
    path(_ITEM + "response/", views.respond, name="rectification_respond"),
    path(_ITEM + "evidence/", views.upload_evidence, name="rectification_upload"),
    path(
        _ITEM + "evidence/<int:evidence_id>/",
        views.evidence,
        name="rectification_evidence",
    ),
    path(
        _ITEM + "evidence/<int:evidence_id>/delete/",
        views.delete_evidence,
        name="rectification_delete_evidence",
    ),
    path(_ITEM + "mark/", views.mark, name="rectification_mark"),
    path(_ITEM + "carry/", views.carry, name="rectification_carry"),
]
