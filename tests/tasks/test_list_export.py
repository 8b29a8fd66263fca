"""The task list builds its export (every task, fully loaded) only when asked for one."""

import pytest

from theodoi.tasks import exports

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(monkeypatch):
    calls = []
    original = exports.TaskExporter.__init__

    def spy(self, rows, **kw):
        calls.append(len(rows))
        original(self, rows, **kw)

    monkeypatch.setattr(exports.TaskExporter, "__init__", spy)
    return calls


def test_the_page_alone_does_not_load_every_task_for_an_export(client_as, task, built):
    response = client_as("steering").get("/nhiem-vu/")
    assert response.status_code == 200
    assert built == []


def test_asking_for_the_export_builds_it(client_as, task, built):
    response = client_as("steering").get("/nhiem-vu/", {"export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert built == [1]
