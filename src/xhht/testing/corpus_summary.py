"""The importer's figures on the corpus (test_importer_corpus.py) in the terminal summary of every
run that scored it: per document and in total expected, found, recall and invented, and the seeds'
total. The scores travel as the tests' user properties, so the summary also appears when xdist
runs the tests in workers (``make test``).

A plugin loaded by pyproject's ``addopts`` (``-p xhht.testing.corpus_summary``), not a conftest in
plans/tests: under xdist the controller process, which writes the summary, collects nothing and
so never loads a conftest below the root."""

from __future__ import annotations

from typing import Any

import pytest

PROPERTY = "importer_corpus_score"  # test_importer_corpus.PROPERTY
_scores: dict[str, dict[str, Any]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for name, value in report.user_properties:
        if name == PROPERTY and isinstance(value, dict):
            _scores[str(value["name"])] = value


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    documents = {name: score for name, score in _scores.items() if name != "seeds"}
    if not documents:
        return
    write = terminalreporter.write_line
    terminalreporter.section("plan importer on the corpus (issue 13)")
    write(f"{'document':34} {'expected':>8} {'found':>6} {'recall':>7} {'invented':>8}")
    total = {"expected": 0, "found": 0, "hits": 0}
    for name in sorted(documents):
        write(_row(name, documents[name]))
        for key in total:
            total[key] += int(documents[name][key])
    write(_row(f"TOTAL corpus ({len(documents)} texts)", total))
    if "seeds" in _scores:
        write(_row("TOTAL seeds (fixtures/)", _scores["seeds"]))
    if config.getoption("verbose") > 0:
        for name in sorted(documents):
            for line in documents[name]["missed"]:
                write(f"  {name} missed: {line}")
            for line in documents[name]["invented"]:
                write(f"  {name} invented: {line}")


def _row(name: str, score: dict[str, Any]) -> str:
    expected, found, hits = int(score["expected"]), int(score["found"]), int(score["hits"])
    recall = hits / expected if expected else 1.0
    invented = found - hits
    share = f"{invented / found:.1%}" if found else "-"
    return f"{name:34} {expected:>8} {found:>6} {recall:>7.1%} {invented:>3} ({share})"
