"""The shape of the code, read from its imports (no application is started).

- No import cycle among the modules of ``app`` and ``workflows`` — imports inside
  functions included: a cycle hidden in a function is a cycle still.
- An import inside a function says why, in a comment on its line or the line above.
- Nothing imports another module's private names.
- ``workflows`` (the rules) imports neither Flask, nor SQLAlchemy, nor the app.
"""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "workflows")


def _modules():
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name):
    return MODULES[name].name == "__init__.py"


def _resolve(module, node):
    """The modules of ours an import statement in ``module`` names (submodules preferred)."""
    if isinstance(node, ast.Import):
        bases = [alias.name for alias in node.names]
        return [b for b in bases if b in MODULES] + [
            b.rsplit(".", 1)[0] for b in bases if b not in MODULES and b.rsplit(".", 1)[0] in MODULES]
    if node.level:
        package = module if _is_package(module) else module.rsplit(".", 1)[0]
        for _ in range(node.level - 1):
            package = package.rsplit(".", 1)[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    targets = []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        if sub in MODULES:
            targets.append(sub)  # "from ..outbox import operations": the submodule
        elif base in MODULES:
            targets.append(base)
    return targets


def _imports():
    """(module, line, node, is_inside_a_function, targets) for every import of ours."""
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = set()
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside.update(id(n) for n in ast.walk(node) if n is not node)
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                yield module, path, node, id(node) in inside, _resolve(module, node)


def _cycles(edges):
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, result, counter = {}, {}, set(), [], [], [0]
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        result.append(sorted(component))
    return result


def test_no_import_cycle():
    edges = {}
    for module, _path, _node, _inside, targets in _imports():
        for target in targets:
            # A package's own __init__ importing its submodules (or the reverse) is how
            # packages are made, not a dependency between layers.
            if target != module and not module.startswith(target + ".") and not target.startswith(module + "."):
                edges.setdefault(module, set()).add(target)
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}}) == []


REASON = re.compile(r"#\s*\S")


def test_an_import_inside_a_function_says_why():
    unexplained = []
    for module, path, node, inside, _targets in _imports():
        if not inside:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        here = lines[node.lineno - 1]
        # The reason may sit above a block of imports that need it alike.
        above = node.lineno - 2
        while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
            above -= 1
        if not (REASON.search(here.split("import", 1)[1]) or (above >= 0 and lines[above].strip().startswith("#"))):
            unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}: {here.strip()}")
    assert unexplained == []


def test_no_module_takes_another_modules_private_names():
    taken = []
    for module, path, node, _inside, _targets in _imports():
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    taken.append(f"{path.relative_to(ROOT)}:{node.lineno}: {alias.name}")
    assert taken == []


def test_the_rules_import_no_framework_and_no_app():
    leaks = []
    for module, path, node, _inside, _targets in _imports():
        if not module.startswith("workflows"):
            continue
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
        for name in names:
            if getattr(node, "level", 0) == 0 and name.split(".")[0] in ("flask", "flask_babel", "sqlalchemy", "app"):
                leaks.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert leaks == []
