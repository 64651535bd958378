"""Every text a user reads goes through the catalogue (`t(key)` in components, `tr` on the
server): a string literal handed to a Reflex component as text bypasses it and stays in one
language whatever the tab's language is. This parses every module under lumiku/pages and
lumiku/components and names the file and line of each such literal."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from lumiku.plugins import APPS

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("lumiku/pages", "lumiku/components")

# Keyword arguments a component shows (or says, to a screen reader) as text.
TEXT_KWARGS = {
    "content",
    "placeholder",
    "aria_label",
    "title",
    "alt",
    "label",
    "description",
    "text",
    "confirm_text",
    "cancel_text",
}
# rx calls whose positional strings are never text: names, colours, values, conditions.
NOT_TEXT_CALLS = {
    "rx.icon",  # a lucide icon name
    "rx.color",  # a Radix colour scale
    "rx.breakpoints",
    "rx.redirect",
    "rx.call_script",
    "rx.script",
    "rx.download",
    "rx.set_clipboard",
    "rx.console_log",
    "rx.scroll_to",
    "rx.set_value",
    "rx.foreach",
    "rx.recharts.bar",  # data keys
    "rx.recharts.x_axis",
    "rx.recharts.y_axis",
    "rx.selected_files",
    "rx.clear_selected_files",
    "rx.upload_files",
    "rx.get_upload_url",
    "rx.Var",  # JavaScript
    "rx.Var.create",
}
# rx.cond / rx.match branches are often values ("all", "password"); a branch is text when it
# reads like words: two or more of them, or one capitalised word.
BRANCH_CALLS = {"rx.cond", "rx.match"}

# Literals that are not text in any language, and why.
ALLOWED = {
    "Lumiku": "the product's name",
    "ID": "the language switch's code for Bahasa Indonesia, the same in both languages",
    "EN": "the language switch's code for English, the same in both languages",
    **{app.name: "an app's name (lumiku/plugins.py), the same in both languages" for app in APPS},
}
LETTER = re.compile(r"[^\W\d_]")  # a letter in any script
IDENTIFIER = re.compile(r"^[a-z0-9_\-.:/#?=&%]+$")  # ids, class names, routes, CSS values


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _is_text(value: str) -> bool:
    """Words a user reads: has a letter, and is not an id, route, URL or CSS value."""
    stripped = value.strip()
    if not LETTER.search(stripped) or stripped in ALLOWED:
        return False
    if stripped.startswith(("http://", "https://", "/", "#", "var(", "rgba(", "calc(")):
        return False
    return not IDENTIFIER.match(stripped)


def _reads_like_words(value: str) -> bool:
    stripped = value.strip()
    words = stripped.split()
    return _is_text(stripped) and (len(words) > 1 or stripped[:1].isupper())


def _strings(node: ast.AST) -> list[ast.Constant]:
    """The string constants of an argument: a literal, or the parts of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.JoinedStr):
        return [v for v in node.values if isinstance(v, ast.Constant)]
    return []


def literals(path: Path, root: Path = ROOT) -> list[str]:
    """`file:line: "text"` for every literal text handed to a component in this module."""
    found = []
    relative = path.relative_to(root)
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        in_rx = name.startswith("rx.")
        candidates: list[ast.Constant] = []
        if in_rx and name not in NOT_TEXT_CALLS:
            check = _reads_like_words if name in BRANCH_CALLS else _is_text
            for arg in node.args:
                candidates += [c for c in _strings(arg) if check(c.value)]
        for keyword in node.keywords:
            if keyword.arg in TEXT_KWARGS:
                candidates += [c for c in _strings(keyword.value) if _is_text(c.value)]
        found += [f"{relative}:{c.lineno}: {c.value!r}" for c in candidates]
    return found


def _modules(under: str) -> list[Path]:
    base = ROOT / under
    return [base] if base.is_file() else sorted(base.rglob("*.py"))


def test_no_component_shows_a_literal_text():
    found = [hit for under in SCANNED for path in _modules(under) for hit in literals(path)]
    assert not found, "texts that bypass lumiku.i18n (use t(key)):\n" + "\n".join(found)


def test_the_check_finds_literals_and_lets_values_through(tmp_path):
    module = tmp_path / "lumiku" / "pages" / "sample.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "import reflex as rx\n"
        "def view():\n"
        "    return rx.vstack(\n"
        '        rx.text("Make this one again"),\n'
        '        rx.tooltip(rx.icon("refresh-cw"), content="make this one again"),\n'
        '        rx.input(placeholder="Search", id="search-box", type="text"),\n'
        '        rx.text(t("key"), " · ", "%", class_name="muted"),\n'
        '        rx.cond(x, "all", "password"),\n'
        '        rx.cond(x, "Loading…", t("done")),\n'
        '        rx.link(t("home"), href="/dashboard", aria_label="Go home"),\n'
        '        rx.button(f"Pay {amount}"),\n'
        '        color=rx.color("green", 11), width="100%",\n'
        "    )\n"
    )
    hits = [hit.split(": ", 1)[1] for hit in literals(module, tmp_path)]
    assert sorted(hits) == sorted(
        [
            "'Make this one again'",
            "'make this one again'",
            "'Search'",
            "'Loading…'",
            "'Go home'",
            "'Pay '",
        ]
    )
