"""House rules on imports (design.md §2): arrows point one way, nothing imports upward, there are no cycles, and only
engine/ imports SpiffWorkflow. Every import counts, at module level or inside a function."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "assistance", "documents", "demo", "web")
# what each layer may import besides itself; tools/, bench/ and tests/ stand above all of them
ALLOWED = {
    "engine": set(),
    "assistance": {"engine"},
    "documents": {"engine", "assistance"},
    "demo": {"engine", "assistance"},
    "web": {"engine", "assistance", "documents", "demo"},
}
# inside the domain: the shared core, then the worklist, then shared steps, then the programmes
DOMAIN = {
    "assistance.core": set(),
    "assistance.worklist": {"assistance.core"},
    "assistance.steps": {"assistance.core", "assistance.worklist"},
    "assistance.programmes": {"assistance.core", "assistance.worklist", "assistance.steps"},
}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, root: Path) -> set[str]:
    """Dotted names a file imports (relative imports resolved), module level and inside functions alike."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)   # `from pkg import module`
    return found


def graph(root: Path) -> dict[str, set[str]]:
    """module -> the project modules it imports."""
    files = [p for pkg in PACKAGES for p in (root / pkg).rglob("*.py")]
    modules = {module_name(p, root): p for p in files}
    return {name: {i for i in imports_of(path, root) if i in modules and i != name}
            for name, path in modules.items()}


def _domain_part(module: str) -> str | None:
    return next((part for part in DOMAIN if module == part or module.startswith(part + ".")), None)


def _programme(module: str) -> str | None:
    parts = module.split(".")
    return ".".join(parts[:3]) if len(parts) > 3 and parts[1] == "programmes" else None


def forbidden_arrows(edges: dict[str, set[str]]) -> list[str]:
    """Every import that points the wrong way, as 'a -> b'."""
    bad = []
    for source, targets in edges.items():
        top = source.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != top and other not in ALLOWED[top]:
                bad.append(f"{source} -> {target}")
            elif top == other == "assistance":
                here, there = _domain_part(source), _domain_part(target)
                if here and there and here != there and there not in DOMAIN[here]:
                    bad.append(f"{source} -> {target}")
                elif here is None and there is not None and source != "assistance":
                    bad.append(f"{source} -> {target}")   # a loose module beside the layers
                elif _programme(source) and _programme(target) and _programme(source) != _programme(target):
                    bad.append(f"{source} -> {target}")   # programmes stand side by side, never on each other
    return sorted(bad)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (a package's __init__ importing its own submodules is not one)."""
    def counts(a, b):
        return not b.startswith(a + ".") and not a.startswith(b + ".")
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if not counts(node, nxt):
                continue
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_no_import_points_the_wrong_way():
    assert forbidden_arrows(graph(ROOT)) == []


def test_no_import_cycles():
    assert cycles(graph(ROOT)) == []


def test_only_engine_imports_spiffworkflow():
    offenders = sorted(f"{name} -> SpiffWorkflow" for pkg in (*PACKAGES[1:], "tools", "bench")
                       for path in (ROOT / pkg).rglob("*.py")
                       if any(i.split(".")[0] == "SpiffWorkflow" for i in imports_of(path, ROOT))
                       for name in [module_name(path, ROOT)])
    assert offenders == []


# --- the checks themselves catch what they should ----------------------------------------------------------------

def _tree(tmp_path, files: dict[str, str]) -> Path:
    for pkg in PACKAGES:
        (tmp_path / pkg).mkdir(exist_ok=True)
        (tmp_path / pkg / "__init__.py").touch()
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.parents:
            if parent == tmp_path:
                break
            (parent / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("files, arrow", [
    ({"engine/jobs.py": "from assistance.core import models\n", "assistance/core/models.py": ""},
     "engine.jobs -> assistance.core.models"),
    ({"assistance/core/access.py": "def f():\n    from web import app\n", "web/app.py": ""},
     "assistance.core.access -> web.app"),
    ({"assistance/steps/discussion/scripts.py": "from documents.issuing import issue\n",
      "documents/issuing.py": ""}, "assistance.steps.discussion.scripts -> documents.issuing"),
    ({"documents/kinds.py": "from demo import cases\n", "demo/cases.py": ""}, "documents.kinds -> demo.cases"),
    ({"assistance/core/households.py": "from assistance.programmes.dibao import models\n",
      "assistance/programmes/dibao/models.py": ""}, "assistance.core.households -> assistance.programmes.dibao.models"),
    ({"assistance/programmes/temporary/steps.py": "from ..dibao.models import CaseProgress\n",
      "assistance/programmes/dibao/models.py": ""},
     "assistance.programmes.temporary.steps -> assistance.programmes.dibao.models"),
])
def test_an_upward_import_is_reported(tmp_path, files, arrow):
    assert arrow in forbidden_arrows(graph(_tree(tmp_path, files)))


def test_a_cycle_is_reported(tmp_path):
    root = _tree(tmp_path, {"engine/runtime.py": "from . import tasks\n",
                            "engine/tasks.py": "def sync():\n    from .runtime import load\n"})
    assert cycles(graph(root)) == [["engine.runtime", "engine.tasks", "engine.runtime"]]


def test_a_downward_import_is_allowed(tmp_path):
    root = _tree(tmp_path, {"web/cases.py": "from assistance.core import models\nfrom documents import issuing\n",
                            "assistance/core/models.py": "from engine import db\n", "engine/db.py": "",
                            "documents/issuing.py": "from assistance.core.models import Case\n"})
    assert forbidden_arrows(graph(root)) == [] and cycles(graph(root)) == []
