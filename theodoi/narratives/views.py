"""The "Đọc báo cáo" page: upload or paste, preview, tick, confirm. Thin: the services
read, match, check and write."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.errors import DomainError, NotAllowed
from theodoi.narratives import services
from theodoi.permissions.org import require_app_user
from theodoi.permissions.targets import entry_agency_ids
from theodoi.targets.models import Indicator
from theodoi.targets.services import add_synonym


@login_required
def index(request):
    require_app_user(request.user)
    ctx = {
        "period": request.POST.get("period", ""),
        "text": request.POST.get("text", ""),
        "indicators": Indicator.objects.filter(retired=False).order_by("order", "code"),
        "can_enter": entry_agency_ids(request.user) is None or bool(entry_agency_ids(request.user)),
    }
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        try:
            if action == "commit":
                chosen = request.POST.getlist("pick")
                rows = [json.loads(request.POST.get(f"row-{i}", "{}")) for i in chosen]
                written = services.commit(
                    request.user, rows, filename=request.POST.get("filename", "")
                )
                messages.success(request, _("Đã ghi %(n)s số liệu.") % {"n": len(written)})
                return redirect("narratives:index")
            upload = request.FILES.get("file")
            result = services.preview(
                request.user,
                text=ctx["text"],
                name=upload.name if upload else "",
                data=upload.read() if upload else None,
                period=ctx["period"],
            )
            for row in result["statements"]:
                row["json"] = json.dumps(
                    {
                        k: row[k]
                        for k in ("indicator", "unit", "period", "value", "status", "sentence")
                    },
                    ensure_ascii=False,
                )
            ctx["result"] = result
        except NotAllowed as exc:
            raise PermissionDenied(exc.message) from None
        except DomainError as exc:
            ctx["error"] = exc
    return render(request, "narratives/index.html", ctx)


@login_required
@require_POST
def synonym(request):
    require_app_user(request.user)
    try:
        ind = add_synonym(
            request.user, request.POST.get("indicator", ""), request.POST.get("words", "")
        )
        messages.success(
            request,
            _("Đã thêm “%(w)s” làm tên gọi khác của “%(i)s”. Hãy đọc lại báo cáo.")
            % {"w": request.POST.get("words", ""), "i": ind.name},
        )
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("narratives:index")
