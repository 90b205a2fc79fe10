from django.contrib import admin

from renda.livelihood.models import (
    LivelihoodProject,
    Milestone,
    ProgressReport,
    ProjectBallot,
    ProjectEvaluation,
    ProjectProposal,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(LivelihoodProject)
class LivelihoodProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "unit", "state", "votes", "percent", "lagging", "rating"]
    list_filter = ["year", "state", "lagging", "rating"]
    search_fields = ["name"]
    inlines = [MilestoneInline]


@admin.register(ProjectBallot)
class ProjectBallotAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "seats", "candidates_count", "state"]


@admin.register(ProjectProposal)
class ProjectProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "source", "proposer_name", "state"]
    list_filter = ["year", "source", "state"]
    search_fields = ["title", "proposer_name"]


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["project", "month", "percent", "spent"]


@admin.register(ProjectEvaluation)
class ProjectEvaluationAdmin(admin.ModelAdmin):
    list_display = ["project", "satisfied", "basically_satisfied", "dissatisfied", "voted", "settled"]
