import pytest

from theodoi.audit.models import AuditEntry
from theodoi.core.errors import DomainError, NotAllowed
from theodoi.org.models import Agency
from theodoi.org.services import create_agency

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_an_agency_and_it_is_recorded(people, agencies):
    agency = create_agency(
        people["admin"],
        code="SDL",
        name="Sở Du lịch",
        kind="department",
        unit_code="68",
        parent_code="UBND",
    )
    assert agency.parent == agencies["UBND"]
    entry = AuditEntry.objects.get(action="org.agency.created")
    assert entry.actor == people["admin"] and entry.object_id == str(agency.pk)


@pytest.mark.parametrize(
    "persona", ["steering", "leader", "specialist", "viewer", "outsider", "nobody"]
)
def test_nobody_else_may_add_an_agency(persona, people, agencies):
    with pytest.raises(NotAllowed):
        create_agency(
            people[persona], code="SDL", name="Sở Du lịch", kind="department", unit_code="68"
        )
    assert not Agency.objects.filter(code="SDL").exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"code": ""}, "code"),
        ({"code": "STC"}, "code"),
        ({"name": " "}, "name"),
        ({"kind": "ban"}, "kind"),
        ({"unit_code": "99"}, "unit"),
        ({"parent_code": "XYZ"}, "parent"),
        ({"name": "so tai chinh"}, "name"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(kwargs, field, people, agencies):
    args = {"code": "SDL", "name": "Sở Du lịch", "kind": "department", "unit_code": "68", **kwargs}
    before = Agency.objects.count()
    with pytest.raises(DomainError) as exc:
        create_agency(people["admin"], **args)
    assert exc.value.field == field and exc.value.message
    assert Agency.objects.count() == before
