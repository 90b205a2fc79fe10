"""To-dos of the organisation for the 工作台 (see core.todos): gaps in the records office staff keep."""

from django.urls import reverse

from renda.core.roles import can
from renda.core.todos import SOON, TodoItem
from renda.org import selectors

SOURCE = "组织机构"


def organisation_gaps(user) -> list[TodoItem]:
    """For office staff: no jurisdiction or no current term set, and active units without a contact person."""
    if not can(user, "org.change_jurisdiction"):
        return []
    jurisdiction = selectors.jurisdiction_for(user)
    if jurisdiction is None:
        return [TodoItem("尚未设置本级行政区", reverse("org:jurisdiction"), SOURCE, urgency=SOON)]
    items = []
    if selectors.term_current(jurisdiction) is None:
        items.append(TodoItem("尚未设置本届届次", reverse("org:term_list"), SOURCE, urgency=SOON))
    missing = selectors.handling_units_without_contact().count()
    if missing:
        url = f"{reverse('org:unit_list')}?active=true&no_contact=true"
        items.append(TodoItem(f"{missing}个在用承办单位未填写联系人", url, SOURCE))
    return items
