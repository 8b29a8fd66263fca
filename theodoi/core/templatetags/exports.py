"""{% export_buttons %}: "Xuất Excel" and "Xuất CSV" links to the page itself with its filters."""

from django import template

from theodoi.core.exporters import export_links

register = template.Library()


@register.inclusion_tag("core/_export_buttons.html", takes_context=True)
def export_buttons(context, param="export"):
    request = context.get("request")
    return {"links": export_links(request, param) if request is not None else {}}
