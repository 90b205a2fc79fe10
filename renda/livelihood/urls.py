from django.urls import path

from renda.livelihood import views

app_name = "livelihood"
urlpatterns = [
    path("", views.ProjectListView.as_view(), name="list"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("projects/<int:pk>/report/", views.project_report, name="project_report"),
    path("projects/<int:pk>/plan/", views.project_plan, name="project_plan"),
    path("projects/<int:pk>/complete/", views.project_complete, name="project_complete"),
    path("projects/<int:pk>/follow/", views.project_follow, name="project_follow"),
    path("projects/<int:pk>/carry/", views.project_carry, name="project_carry"),
    path("projects/<int:pk>/evaluate/", views.project_evaluate, name="project_evaluate"),
    path("projects/<int:pk>/inspect/", views.inspection_create, name="inspection_create"),
    path("findings/", views.FindingListView.as_view(), name="findings"),
    path("findings/<int:pk>/", views.finding_detail, name="finding"),
    path("findings/<int:pk>/forward/", views.finding_forward, name="finding_forward"),
    path("findings/<int:pk>/close/", views.finding_close, name="finding_close"),
    path("findings/<int:pk>/rehandle/", views.finding_rehandle, name="finding_rehandle"),
    path("finding-assignments/<int:pk>/sign-for/", views.finding_sign_for, name="finding_sign_for"),
    path("finding-assignments/<int:pk>/reply/", views.finding_reply, name="finding_reply"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("review/", views.review, name="review"),
    path("ballots/", views.ballot_list, name="ballots"),
    path("ballots/new/", views.ballot_create, name="ballot_create"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot"),
    path("ballots/<int:pk>/candidates/new/", views.candidate_add, name="candidate_add"),
    path("ballots/<int:pk>/submit/", views.ballot_submit, name="ballot_submit"),
    path("ballots/<int:pk>/vote/", views.ballot_vote, name="ballot_vote"),
    path("ballots/<int:pk>/publish/", views.ballot_publish, name="ballot_publish"),
    path("proposals/", views.ProposalListView.as_view(), name="proposals"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/screen/", views.proposal_screen, name="proposal_screen"),
    path("statistics/", views.statistics, name="statistics"),
]
