from datetime import date

import pytest
import time_machine

from theodoi.directives.models import Directive, DirectiveKind
from theodoi.tasks.services import create_tasks

ASSIGNED = date(2021, 6, 15)
DEADLINE = date(2021, 9, 30)


@pytest.fixture
def directive(agencies):
    return Directive.objects.create(
        kind=DirectiveKind.PLAN,
        number="112/KH-UBND",
        title="Kế hoạch thực hiện Nghị quyết",
        issuer=agencies["UBND"],
        issued_on=date(2021, 3, 1),
        term="2020-2025",
    )


@pytest.fixture
def at():
    """at(date) freezes time at 09:00 Hà Nội time on that day."""
    travellers = []

    def go(day):
        if travellers:
            travellers.pop().stop()
        t = time_machine.travel(f"{day.isoformat()} 09:00 +0700", tick=False)
        t.start()
        travellers.append(t)

    yield go
    for t in travellers:
        t.stop()


@pytest.fixture
def task(people, agencies, directive, at):
    """A task vanphong assigned to STC on 15/06/2021, due 30/09/2021, shared with SKH...
    SVH is not."""
    at(ASSIGNED)
    [t] = create_tasks(
        people["steering"],
        directive,
        [
            {
                "title": "Rà soát, bổ sung Chương trình hành động",
                "content": "Rà soát các chỉ tiêu, nhiệm vụ, giải pháp.",
                "lead": agencies["STC"],
                "coordinators": [agencies["TU"]],
                "deadline": DEADLINE,
                "recurrence": "",
                "product": "Kế hoạch trình UBND tỉnh",
            }
        ],
    )
    return t
