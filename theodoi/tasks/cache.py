"""The tasks area's cached answers (core.cache): the task list's filters, count, rows and
pager, drawn (HTML).

What a list holds depends on what the person may see (`permissions.tasks.visible_tasks`):
the answer is keyed by its `visibility_scope` (every task, or the set of the person's
agencies), read live at each request, so people who see the same tasks share a drawn list
and nobody is ever given a list drawn for a wider scope. The rest of the key is the
request's (core.cache.request_parts): path, every query parameter (the filters, the page),
the language, today and the as-of date the statuses are classified on. The rows read tasks,
their lead agencies (org) and their directives; the filters the agencies, directives and
breakthroughs: a change in any of these areas draws a new generation."""

from __future__ import annotations

from datetime import date

from django.core.paginator import Page, Paginator
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from theodoi.core.cache import cached, request_parts
from theodoi.directives.models import Breakthrough, Directive
from theodoi.org.models import Agency
from theodoi.permissions import tasks as perms
from theodoi.tasks import status as st
from theodoi.tasks.models import State
from theodoi.tasks.queries import Filters, filtered_statuses, load

SCOPES = ("tasks", "org", "directives")
PER_PAGE = 50


def task_list(request, f: Filters, day: date) -> SafeString:
    """The list part of the task list page (templates/tasks/_list.html), drawn."""
    user = request.user

    def compute() -> SafeString:
        rows = filtered_statuses(user, f, today=day)
        # The page holds ids, then the loaded (task, status) pairs of those ids.
        page: Page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = load(list(page.object_list), rows_only=True)
        params = request.GET.copy()
        params.pop("page", None)
        return render_to_string(
            "tasks/_list.html",
            {
                "page": page,
                "count": len(rows),
                "f": f,
                "params": params.urlencode(),
                "classes": [(c, st.LABELS[c]) for c in st.ALL_CLASSES],
                "states": State.choices,
                "agencies": Agency.objects.filter(led_tasks__isnull=False)
                .distinct()
                .order_by("name"),
                "directives": Directive.objects.order_by("issued_on", "number"),
                "breakthroughs": Breakthrough.objects.all(),
            },
        )

    parts = (*request_parts(request), perms.visibility_scope(user))
    return cached("tasks.list", scopes=SCOPES, parts=parts, compute=compute)
