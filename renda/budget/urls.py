from django.urls import path

from renda.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.execution, name="execution"),
    path("revenue/", views.revenue, name="revenue"),
    path("debt/", views.debt, name="debt"),
    path("alerts/", views.AlertListView.as_view(), name="alerts"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/dismiss/", views.alert_dismiss, name="alert_dismiss"),
    path("alerts/<int:pk>/inquire/", views.alert_inquire, name="alert_inquire"),
    path("alerts/<int:pk>/sign/", views.alert_sign_for, name="alert_sign_for"),
    path("alerts/<int:pk>/reply/", views.alert_reply, name="alert_reply"),
    path("alerts/<int:pk>/close/", views.alert_close, name="alert_close"),
    path("alerts/<int:pk>/escalate/", views.alert_escalate, name="alert_escalate"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
    path("imports/mappings/", views.mappings, name="mappings"),
    path("imports/mappings/edit/", views.mapping_edit, name="mapping_edit"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/new/", views.milestone_record, name="milestone_record"),
    path("calendar/adjustments/new/", views.adjustment_record, name="adjustment_record"),
]
