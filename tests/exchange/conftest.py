from datetime import date

import pytest
import time_machine

from theodoi.directives.models import Directive, DirectiveKind


@pytest.fixture
def directive(agencies):
    return Directive.objects.create(kind=DirectiveKind.PLAN, number="112/KH-UBND", title="Kế hoạch thực hiện Nghị quyết",
                                    issuer=agencies["UBND"], issued_on=date(2021, 3, 1), term="2020-2025")


@pytest.fixture
def june_2021():
    """Time stands at 09:00 on 15/06/2021 (Hà Nội)."""
    with time_machine.travel("2021-06-15 09:00 +0700", tick=False):
        yield date(2021, 6, 15)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
