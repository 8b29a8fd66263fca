from datetime import date

import pytest

from tests.tasks.conftest import at, directive  # noqa: F401 - shared fixtures
from theodoi.directives.models import Directive, DirectiveKind


@pytest.fixture
def cascade(agencies):
    nq = Directive.objects.create(
        kind=DirectiveKind.RESOLUTION,
        title="Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI",
        issuer=agencies["TU"],
        issued_on=date(2020, 10, 16),
        term="2020-2025",
    )
    ctr = Directive.objects.create(
        kind=DirectiveKind.PROGRAMME,
        number="10-CTr/TU",
        title="Chương trình hành động",
        issuer=agencies["TU"],
        issued_on=date(2021, 5, 24),
        implements=nq,
    )
    kh = Directive.objects.create(
        kind=DirectiveKind.PLAN,
        number="112/KH-UBND",
        title="Kế hoạch của UBND tỉnh",
        issuer=agencies["UBND"],
        issued_on=date(2021, 6, 1),
        implements=ctr,
    )
    return nq, ctr, kh
