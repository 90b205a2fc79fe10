from django.urls import path

from renda.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.ItemListView.as_view(), name="items"),
    path("plans/", views.PlanListView.as_view(), name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/adopt/", views.plan_adopt, name="plan_adopt"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/items/new/", views.item_add, name="item_add"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/schedule/", views.item_schedule, name="item_schedule"),
    path("items/<int:pk>/deliberate/", views.item_deliberate, name="item_deliberate"),
    path("items/<int:pk>/opinions/", views.item_opinions, name="item_opinions"),
    path("items/<int:pk>/rectifications/new/", views.rectification_add, name="rectification_add"),
    path("items/<int:pk>/report/", views.item_report, name="item_report"),
    path("items/<int:pk>/rate/", views.item_rate, name="item_rate"),
    path("items/<int:pk>/follow-up/", views.item_follow_up, name="item_follow_up"),
    path("items/<int:pk>/publish/", views.item_publish, name="item_publish"),
    path("rectifications/", views.RectificationListView.as_view(), name="rectifications"),
    path("rectifications/<int:pk>/done/", views.rectification_done, name="rectification_done"),
    path("rectifications/<int:pk>/close/", views.rectification_close, name="rectification_close"),
    path("board/", views.board, name="board"),
    path("interpellations/", views.InterpellationListView.as_view(), name="interpellations"),
    path("interpellations/new/", views.interpellation_file, name="interpellation_file"),
    path("interpellations/<int:pk>/", views.interpellation_detail, name="interpellation"),
    path("interpellations/<int:pk>/schedule/", views.interpellation_schedule, name="interpellation_schedule"),
    path("interpellations/<int:pk>/answer/", views.interpellation_answer, name="interpellation_answer"),
    path("interpellations/<int:pk>/assess/", views.interpellation_assess, name="interpellation_assess"),
    path("filings/", views.FilingListView.as_view(), name="filings"),
    path("filings/new/", views.filing_register, name="filing_register"),
    path("filings/<int:pk>/", views.filing_detail, name="filing"),
    path("filings/<int:pk>/review/", views.filing_review, name="filing_review"),
    path("filings/<int:pk>/decide/", views.filing_decide, name="filing_decide"),
    path("filings/<int:pk>/corrected/", views.filing_corrected, name="filing_corrected"),
]
