import factory

from renda.deputies.tests.factories import DeputyFactory
from renda.suggestions.models import RefusalReason, ResultCategory, Suggestion, SuggestionCategory


class SuggestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuggestionCategory
        django_get_or_create = ("name",)

    name = "城乡建设"


class ResultCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResultCategory
        django_get_or_create = ("code",)

    code = "A"
    label = "已解决或基本解决"
    counts_as_resolved = True


class RefusalReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RefusalReason
        django_get_or_create = ("label",)

    label = "反映个人或家庭事务"


class SuggestionFactory(factory.django.DjangoModelFactory):
    """A draft; drive it forward with the services, never by setting `state`."""

    class Meta:
        model = Suggestion

    title = factory.Sequence(lambda n: f"关于加快第{n}村通组公路硬化的建议")
    content = "该村通组公路尚未硬化，群众出行困难，建议纳入年度计划。"
    lead_deputy = factory.SubFactory(DeputyFactory)
    category = factory.SubFactory(SuggestionCategoryFactory)
    year = 2026
