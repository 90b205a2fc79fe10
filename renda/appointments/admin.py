from django.contrib import admin

from renda.appointments.models import (
    Appointment,
    AppointmentEvent,
    Appraisal,
    Holding,
    LegalExam,
    Person,
    Post,
)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["name", "organ", "kind", "order", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "organ"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "gender", "birth_month", "current_job"]
    search_fields = ["name"]


@admin.register(LegalExam)
class LegalExamAdmin(admin.ModelAdmin):
    list_display = ["person", "term", "taken_on", "score", "passed"]
    list_filter = ["passed", "term"]


class EventInline(admin.TabularInline):
    model = AppointmentEvent
    extra = 0
    readonly_fields = ["action", "from_state", "to_state", "actor", "note", "created_at"]
    can_delete = False


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "state", "nominated_on", "decided_on", "letter_number"]
    list_filter = ["kind", "state", "term"]
    search_fields = ["person__name", "post__name"]
    readonly_fields = ["state", "version"]
    inlines = [EventInline]


@admin.register(Holding)
class HoldingAdmin(admin.ModelAdmin):
    list_display = ["post", "person", "start_date", "end_date"]
    list_filter = ["end_date"]
    search_fields = ["person__name", "post__name"]


@admin.register(Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "year", "state", "result"]
    list_filter = ["year", "state"]
    readonly_fields = ["state", "version"]
