from django.urls import path

from renda.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("mine/", views.MeetingListView.as_view(), name="mine"),  # the same list: a member's or deputy's own
    path("new/", views.create, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/screen/", views.screen, name="screen"),
    path("<int:pk>/convene/", views.convene, name="convene"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/sign-in/", views.sign_in, name="sign_in"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/attendees/new/", views.attendee_add, name="attendee_add"),
    path("<int:pk>/items/new/", views.item_add, name="item_add"),
    path("<int:pk>/minutes/", views.minutes, name="minutes"),
    path("attendances/<int:pk>/decide/", views.leave_decide, name="leave_decide"),
    path("items/<int:pk>/record/", views.item_record, name="item_record"),
    path("items/<int:pk>/resolution/", views.resolution_draft, name="resolution_draft"),
    path("resolutions/<int:pk>/decide/", views.resolution_decide, name="resolution_decide"),
    path("items/<int:pk>/vote/", views.item_vote, name="item_vote"),
    path("votes/<int:pk>/open/", views.vote_open, name="vote_open"),
    path("votes/<int:pk>/settle/", views.vote_settle, name="vote_settle"),
    path("papers/<int:pk>/submit/", views.paper_submit, name="paper_submit"),
    path("papers/<int:pk>/file/", views.paper_file, name="paper_file"),
]
