"""Each page lives in the package its blueprint is named after, and the floors under the
pages stay below them: plans do not reach into the admin pages, the templates' helpers
and the error pages into no domain."""
import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"


def test_each_blueprint_is_named_after_its_package(app):
    strays = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        blueprint, dot, _view = rule.endpoint.partition(".")
        module = app.view_functions[rule.endpoint].__module__
        if not dot or not (module == f"app.{blueprint}" or module.startswith(f"app.{blueprint}.")):
            strays.append(f"{rule.rule} → {rule.endpoint} in {module}")
    assert strays == []


def _imports(path):
    """The app modules that the file at ``path`` imports, by their absolute names."""
    package = ".".join(path.relative_to(APP.parent).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _files(place):
    path = APP / place
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


@pytest.mark.parametrize("place, allowed", [
    # The helpers every template may use: formats, labels, the date; a domain registers its own.
    ("jinja.py", ("app.formatting", "app.clock", "app.labels")),
    ("formatting.py", ("app.clock",)),
])
def test_the_templates_helpers_import_no_domain(place, allowed):
    for path in _files(place):
        taken = {name for name in _imports(path) if name.startswith("app.")}
        assert {name for name in taken if not name.startswith(allowed)} == set(), path


@pytest.mark.parametrize("place, above", [
    ("plans", "app.admin"),  # the target import shares app/tables.py with the admin's imports
    ("errors.py", "app.api"),  # the API's JSON errors are drawn here; the API imports them
])
def test_a_lower_floor_does_not_import_a_higher_one(place, above):
    for path in _files(place):
        assert [name for name in _imports(path) if name == above or name.startswith(above + ".")] == [], path
