"""House rules: only engine/ imports SpiffWorkflow, the engine imports no domain package, and its modules import
each other without a cycle."""
import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMPORT = re.compile(r"^\s*(from|import)\s+SpiffWorkflow", re.M)


def test_only_engine_imports_spiffworkflow():
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.glob("*/**/*.py")
                 if IMPORT.search(p.read_text(encoding="utf-8"))
                 and p.relative_to(ROOT).parts[0] not in ("engine", ".venv", "node_modules")]
    assert offenders == []


def test_engine_imports_no_domain_package():
    domain = re.compile(r"^\s*(from|import)\s+(assistance|web|documents)\b", re.M)
    assert [p.name for p in (ROOT / "engine").glob("*.py") if domain.search(p.read_text(encoding="utf-8"))] == []


def _engine_imports(path: Path) -> set[str]:
    """The engine modules a file imports, at module level or inside a function (relative imports resolved)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("engine."))
        elif isinstance(node, ast.ImportFrom):
            base = "engine" + (f".{node.module}" if node.module else "") if node.level == 1 else node.module or ""
            if base == "engine":   # `from . import audit` names modules; `from engine import X` may name one too
                found.update(f"engine.{a.name}" for a in node.names)
            elif base.startswith("engine."):
                found.add(base)
    return found


def test_engine_modules_import_each_other_without_a_cycle():
    modules = {f"engine.{p.stem}": p for p in (ROOT / "engine").glob("*.py") if p.stem != "__init__"}
    graph = {name: _engine_imports(path) & modules.keys() - {name} for name, path in modules.items()}
    done, cycles = set(), []

    def visit(name, path):
        for nxt in sorted(graph[name]):
            if nxt in path:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, path + [nxt])
        done.add(name)

    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert cycles == []
