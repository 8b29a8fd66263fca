"""The English catalogue: find every translatable string and check locale/en covers it.

Pure Python (ast for code, Django's templatize for templates, polib for the .po file),
so no GNU gettext is needed. `python -m theodoi.core.i18n_catalog update` adds new
strings to locale/en/LC_MESSAGES/django.po; `check` lists what lacks a translation.
"""

import ast
import re
import sys
from pathlib import Path

import polib
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
SINGULAR = {"_", "_g", "gettext", "gettext_lazy", "gettext_noop", "_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
_TEMPLATE_CALL = re.compile(
    r"\b(gettext|pgettext|ngettext|_)\(\s*(u?'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
    r"(?:\s*,\s*(u?'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"))?"
)


def _python_strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        args = [
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
            for a in node.args
        ]
        if name in SINGULAR and args and args[0]:
            yield (None, args[0], None)
        elif name in PLURAL and len(args) >= 2 and args[0] and args[1]:
            yield (None, args[0], args[1])
        elif name in CONTEXT and len(args) >= 2 and args[0] and args[1]:
            yield (args[0], args[1], None)


def _template_strings(path: Path):
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for fn, first, second in _TEMPLATE_CALL.findall(code):
        first = ast.literal_eval(first.lstrip("u"))
        second = ast.literal_eval(second.lstrip("u")) if second else None
        if fn == "pgettext":
            yield (first, second, None)
        elif fn == "ngettext":
            yield (None, first, second)
        else:
            yield (None, first, None)


def extract() -> dict[tuple, set[str]]:
    """{(context, msgid, msgid_plural): {file:line...}} over theodoi/."""
    found: dict[tuple, set[str]] = {}
    for path in sorted((ROOT / "theodoi").rglob("*")):
        if "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            items = _python_strings(path)
        elif path.suffix in (".html", ".txt") and "templates" in path.parts:
            items = _template_strings(path)
        else:
            continue
        for item in items:
            found.setdefault(item, set()).add(str(path.relative_to(ROOT)))
    return found


def frozen_translations() -> list[str]:
    """Calls of the eager gettext (`_` imported as gettext) at module or class level:
    they translate once, in whatever language the first request had, and never again."""

    class Finder(ast.NodeVisitor):
        def __init__(self, names, where):
            self.names, self.where, self.found = names, where, []

        def visit_FunctionDef(self, node):  # a function body runs per call: fine
            pass

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Lambda(self, node):
            pass

        def visit_Call(self, node):
            if isinstance(node.func, ast.Name) and node.func.id in self.names:
                self.found.append(f"{self.where}:{node.lineno}")
            self.generic_visit(node)

    found = []
    for path in sorted((ROOT / "theodoi").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            alias.asname or alias.name
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
            for alias in node.names
            if alias.name in ("gettext", "ngettext", "pgettext")
        }
        if names:
            finder = Finder(names, str(path.relative_to(ROOT)))
            finder.visit(tree)
            found += finder.found
    return found


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def missing() -> list[tuple]:
    """Strings in the code without a (non-fuzzy) English translation."""
    po = polib.pofile(str(PO)) if PO.exists() else polib.POFile()
    done = {_key(e) for e in po if e.translated() and not e.obsolete}
    return sorted((k for k in extract() if k not in done), key=lambda k: (k[1], k[0] or ""))


def update() -> int:
    if PO.exists():
        po = polib.pofile(str(PO))
    else:
        PO.parent.mkdir(parents=True, exist_ok=True)
        po = polib.POFile()
        po.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": "en",
            "Plural-Forms": "nplurals=2; plural=(n != 1);",
        }
    known = {_key(e): e for e in po}
    added = 0
    for (ctx, msgid, plural), files in extract().items():
        entry = known.get((ctx, msgid, plural))
        if entry is None:
            entry = polib.POEntry(
                msgctxt=ctx,
                msgid=msgid,
                msgid_plural=plural or "",
                msgstr="",
                msgstr_plural={0: "", 1: ""} if plural else {},
            )
            po.append(entry)
            added += 1
        entry.occurrences = [(f, "") for f in sorted(files)]
    po.save(str(PO))
    return added


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings_test")
    django.setup()
    if sys.argv[1:] == ["update"]:
        print(f"{update()} new strings added to {PO.relative_to(ROOT)}")
    else:
        gaps = missing()
        for ctx, msgid, _plural in gaps:
            print(f"untranslated: {msgid!r}" + (f" (context {ctx!r})" if ctx else ""))
        print(f"{len(gaps)} strings without an English translation")
        sys.exit(1 if gaps else 0)
