"""The apps form layers (ARCHITECTURE.md): no import goes up a layer and no set of apps imports itself in a loop,
imports inside functions included. tools/import_graph.py prints the graph."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "import_graph", Path(__file__).resolve().parent.parent / "tools" / "import_graph.py"
)
assert _spec and _spec.loader
import_graph = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(import_graph)


def test_every_app_has_a_layer() -> None:
    apps = {p.name for p in import_graph.SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert apps - {"api"} <= set(import_graph.LAYERS), apps - set(import_graph.LAYERS)


def test_no_import_goes_up_a_layer() -> None:
    assert import_graph.upward_edges(import_graph.edges()) == []


def test_no_cycle_between_apps() -> None:
    assert import_graph.cycles(import_graph.edges()) == []


def test_the_checker_sees_a_hidden_upward_import() -> None:
    graph = {("supplychain", "compliance"): ["x.py:1"], ("compliance", "supplychain"): ["y.py:2"]}
    assert import_graph.cycles(graph) == ["compliance <-> supplychain"]
    assert import_graph.upward_edges(graph) == ["supplychain -> compliance goes up (x.py:1)"]
