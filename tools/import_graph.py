"""App-level import graph of src/rsca, imports inside functions included.

`python tools/import_graph.py` prints every edge between apps and flags cycles and upward edges against the
layers of ARCHITECTURE.md. tests/test_layers.py asserts there are none.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "rsca"

# Lower number = lower layer. An app may import apps of a lower layer (or its own) only.
# `api` and `config` assemble everything and sit on top; `library` sits directly on core.
LAYERS: dict[str, float] = {
    "core": 0,
    "api.base": 0.5,  # rsca.api's shared pieces (auth, pagination, the token endpoints) every app's API uses
    "standards": 1,
    "library": 1,
    "supplychain": 2,
    "compliance": 3,
    "training": 4,
    "outreach": 4,
    "duediligence": 4,
    "grievances": 4,
    "observatory": 5,
    "programme": 5,
    "api": 9,  # rsca.api.router mounts every app's API
    "config": 9,
}


def _component(bits: list[str]) -> str:
    """The layer component of a dotted module path below `rsca` (the api package is split in two)."""
    if bits[1] == "api":
        return "api" if len(bits) > 2 and bits[2] == "router" else "api.base"
    return bits[1]


def _app_of(path: Path) -> str | None:
    parts = path.relative_to(SRC).parts
    if len(parts) < 2:
        return None
    return _component(["rsca", *(p.removesuffix(".py") for p in parts)])


def _imported_apps(tree: ast.AST) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            bits = name.split(".")
            if len(bits) >= 2 and bits[0] == "rsca":
                found.add((_component(bits), node.lineno))
    return found


def edges() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) → places ("file:line") where it happens."""
    graph: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        app = _app_of(path)
        if app is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for target, line in _imported_apps(tree):
            if target != app and (SRC / target.split(".")[0]).is_dir():
                graph[(app, target)].append(f"{path.relative_to(SRC.parent.parent)}:{line}")
    return graph


def upward_edges(graph: dict[tuple[str, str], list[str]]) -> list[str]:
    problems = []
    for (source, target), places in sorted(graph.items()):
        low, high = LAYERS.get(source), LAYERS.get(target)
        if low is None or high is None:
            problems.append(f"{source} -> {target}: app missing from LAYERS ({places[0]})")
        elif high > low:
            problems.append(f"{source} -> {target} goes up ({', '.join(places[:3])})")
    return problems


def cycles(graph: dict[tuple[str, str], list[str]]) -> list[str]:
    """Every strongly connected set of more than one app (sideways edges inside a layer may not loop)."""
    following: dict[str, set[str]] = defaultdict(set)
    for source, target in graph:
        following[source].add(target)

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in following[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    reach = {app: reachable(app) for app in list(following)}
    groups = {frozenset([a, *(b for b in reach[a] if a in reach.get(b, set()))]) for a in reach if a in reach[a]}
    return [" <-> ".join(sorted(group)) for group in sorted(groups, key=sorted)]


def main() -> int:
    graph = edges()
    for (source, target), places in sorted(graph.items()):
        print(f"{source:>13} -> {target:<13} {len(places):3d}  {places[0]}")
    problems = cycles(graph) + upward_edges(graph)
    for problem in problems:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
