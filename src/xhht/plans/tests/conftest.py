"""The importer's figures on the corpus (test_importer_corpus.py) in the terminal summary of every
run that scored it: per document and in total expected, found, recall and invented, and the seeds'
total."""

from __future__ import annotations

import sys
from typing import Any

import pytest

CORPUS_MODULE = "xhht.plans.tests.test_importer_corpus"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    module = sys.modules.get(CORPUS_MODULE)
    report = getattr(module, "REPORT", None)
    if module is None or not report:
        return
    write = terminalreporter.write_line
    terminalreporter.section("plan importer on the corpus (issue 13)")
    write(f"{'document':34} {'expected':>8} {'found':>6} {'recall':>7} {'invented':>8}")
    total = module.Score("total")
    for name in sorted(report):
        score = report[name]
        total.add(score)
        write(_row(name, score))
    write(_row("TOTAL corpus", total))
    seeds = module.TOTALS.get("seeds")
    if seeds is not None:
        write(_row("TOTAL seeds (fixtures/)", seeds))
    if config.getoption("verbose") > 0:
        for name in sorted(report):
            for line in report[name].missed:
                write(f"  {name} missed: {line}")
            for line in report[name].invented:
                write(f"  {name} invented: {line}")


def _row(name: str, score: Any) -> str:
    invented = score.found - score.hits
    share = f"{invented / score.found:.1%}" if score.found else "-"
    return (
        f"{name:34} {score.expected:>8} {score.found:>6} {score.recall:>7.1%} "
        f"{invented:>3} ({share})"
    )
