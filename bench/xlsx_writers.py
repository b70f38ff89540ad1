"""Issue 19: XLSX writers compared on the same rows (docs/decisions/0005-xlsx-writer.md).

Run by hand, not by ``make bench`` (the candidates other than the chosen one are not
dependencies)::

    python -m bench.xlsx_writers [ROWS]        # default 200,000 rows

Each writer runs in its own child process (``measure.run``: wall, CPU, peak RSS of exactly that
child) over the same generated rows: the people export's twelve columns with Vietnamese text,
codes, CCCD numbers (12 digits with leading zeros: text), phones ("+84…": text), a birth date or
a bare year, and a name starting with "=" every 1,000 rows. ``rows`` (the generator alone) is the
floor every writer pays. Each file is opened back with python-calamine and compared cell by cell
with the rows, and with openpyxl for the formula check (a text starting with "=" must be a
string cell, never a formula). A writer not installed is reported as such. Candidates: XlsxWriter
constant memory (the app's until issue 19), rustpy-xlsxwriter (Rust ``rust_xlsxwriter``),
polars ``write_excel`` (XlsxWriter underneath), PyExcelerate (the whole sheet in memory); fastexcel
only reads.
"""

from __future__ import annotations

import datetime
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import measure

HEADERS = [
    "Mã hộ", "Thôn/tổ dân phố", "Địa chỉ", "Họ và tên", "Quan hệ với chủ hộ", "Giới tính",
    "Ngày sinh hoặc năm sinh", "Dân tộc", "Trình độ học vấn", "Nhóm nghề nghiệp", "Số CCCD",
    "Điện thoại",
]  # fmt: skip
WRITERS = ["rows", "xlsxwriter", "rustpy", "rustpy_text_years", "polars", "pyexcelerate"]
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"]
_GIVEN = ["Văn Ánh", "Thị Hồng", "Minh Đức", "Ngọc Ý", "Quốc Bảo", "Thị Thuỷ", "Hữu Nghĩa"]
_HAMLETS = ["Phường Cái Khế", "Xã Thới Lai", "Khu vực Bình Thường B", "Ấp Mỹ Ái"]
_RELATION = ["Chủ hộ", "Vợ", "Chồng", "Con", "Cháu", "Bố", "Mẹ"]
_EDU = ["Chưa đi học", "Tiểu học", "THCS", "THPT", "Trung cấp", "Cao đẳng", "Đại học"]
_WORK = ["Nông, lâm, ngư nghiệp", "Công nhân", "Buôn bán, dịch vụ", "Học sinh, sinh viên"]


def rows(n: int) -> Iterator[list[Any]]:
    """``n`` export-like rows, the same for every writer (deterministic)."""
    for i in range(n):
        name = f"{_FAMILY[i % 10]} {_GIVEN[i % 7]}"
        if i % 1000 == 7:
            name = '=HYPERLINK("http://x.invalid","Bấm")'  # must stay text
        born: Any = datetime.date(1940 + i % 70, 1 + i % 12, 1 + i % 28) if i % 5 else 1950 + i % 60
        yield [
            f"92-{i // 4:07d}", _HAMLETS[i % 4], f"Số {i % 300} đường 30/4, khu vực {i % 9}",
            name, _RELATION[i % 7], "Nữ" if i % 2 else "Nam", born, "Kinh",
            _EDU[i % 7], _WORK[i % 4], f"{i * 7919 % 10**12:012d}",
            f"+84 9{i % 10**8:08d}" if i % 3 == 0 else "",
        ]  # fmt: skip


def expected_cell(value: Any) -> Any:
    """What the reader gives back for a written value (calamine: dates as dates, ints as
    numbers; an empty string is an empty cell)."""
    return None if value == "" else value


def write(writer: str, n: int, target: Path) -> None:
    if writer == "rows":
        for _row in rows(n):
            pass
    elif writer == "xlsxwriter":
        import xlsxwriter  # type: ignore[import-untyped]

        workbook = xlsxwriter.Workbook(
            str(target),
            {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
             "strings_to_urls": False, "default_date_format": "dd/mm/yyyy"},
        )  # fmt: skip
        sheet = workbook.add_worksheet("Công dân")
        sheet.write_row(0, 0, HEADERS)
        for at, row in enumerate(rows(n), start=1):
            for col, value in enumerate(row):
                sheet.write(at, col, value)
        workbook.close()
    elif writer in ("rustpy", "rustpy_text_years"):
        import rustpy_xlsxwriter

        def records() -> Iterator[dict[str, Any]]:
            for row in rows(n):
                if writer == "rustpy_text_years" and isinstance(row[6], int):
                    row[6] = str(row[6])
                yield dict(zip(HEADERS, row, strict=True))

        rustpy_xlsxwriter.write_worksheet(
            records(), str(target), sheet_name="Công dân", datetime_format="dd/mm/yyyy"
        )
    elif writer == "polars":
        import polars as pl  # type: ignore[import-not-found]  # a candidate, not a dependency

        columns = [list(values) for values in zip(*rows(n), strict=True)]
        # One type per column: the bare years cannot share the date column (left empty).
        columns[6] = [v if isinstance(v, datetime.date) else None for v in columns[6]]
        frame = pl.DataFrame(dict(zip(HEADERS, columns, strict=True)))
        frame.write_excel(str(target), worksheet="Công dân", dtype_formats={pl.Date: "dd/mm/yyyy"})
    elif writer == "pyexcelerate":
        from pyexcelerate import Workbook  # type: ignore[import-not-found]  # a candidate

        workbook = Workbook()
        workbook.new_sheet("Công dân", data=[HEADERS, *rows(n)])
        workbook.save(str(target))
    else:
        raise SystemExit(f"unknown writer {writer!r}")


def check(writer: str, n: int, target: Path) -> str:
    """'' when the file holds the rows exactly (text stays text, dates dates), else a problem."""
    if writer == "rows":
        return ""
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    if [str(h) for h in sheet[0]] != HEADERS:
        return "headers differ"
    problems = 0
    first = ""
    for at, (got, want) in enumerate(zip(sheet[1:], rows(n), strict=False), start=2):
        for col, value in enumerate(want):
            cell = got[col] if col < len(got) else None
            expected = expected_cell(value)
            if cell == "" and expected is None:
                continue
            if isinstance(expected, int) and not isinstance(expected, bool) and col == 6:
                ok = cell in (expected, float(expected), str(expected))
                ok = ok or (writer == "polars" and cell == "")  # see write(): left empty
            elif isinstance(expected, datetime.date):
                ok = isinstance(cell, datetime.date) and cell == expected
                ok = ok or (isinstance(cell, datetime.datetime) and cell.date() == expected)
            else:
                ok = cell == expected
            if not ok:
                problems += 1
                first = first or f"row {at} col {col}: {cell!r} != {expected!r}"
    if len(sheet) - 1 != n:
        return f"{len(sheet) - 1} rows instead of {n}"
    formula = _formula_check(target)
    return "; ".join(
        p for p in (f"{problems} cells differ ({first})" if problems else "", formula) if p
    )


def _formula_check(target: Path) -> str:
    """The "=" name on data row 8 (sheet row 9) is a string cell (openpyxl, first rows only)."""
    from openpyxl import load_workbook

    workbook = load_workbook(str(target), read_only=True)
    sheet = workbook.worksheets[0]
    for at, row in enumerate(sheet.iter_rows(min_row=9, max_row=9, max_col=4)):
        cell = row[3]
        if cell.data_type != "s" or not str(cell.value).startswith("=HYPERLINK"):
            return f"the '=' name became {cell.data_type!r} {cell.value!r} (row {9 + at})"
    workbook.close()
    return ""


def child(command: str, writer: str, n: int, target: Path) -> None:
    """Write (measured: its own process) or check (another process: the reader's memory is
    not the writer's)."""
    if command == "check":
        print(json.dumps({"problem": check(writer, n, target)}))
        return
    started, cpu = time.perf_counter(), time.process_time()
    try:
        write(writer, n, target)
    except ImportError as missing:
        print(json.dumps({"missing": str(missing)}))
        return
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    size = target.stat().st_size if target.exists() else 0
    print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "bytes": size}))


def _figures(output: str) -> dict[str, Any]:
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return {k: v for line in lines for k, v in line.items()}


def main(argv: list[str]) -> None:
    if argv and argv[0] in ("write", "check"):
        child(argv[0], argv[1], int(argv[2]), Path(argv[3]))
        return
    n = int(argv[0]) if argv else 200_000
    env = {**measure.xhht_env(Path(tempfile.gettempdir())), "PYTHONPATH": str(measure.REPO)}
    import os

    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] += ":" + os.environ["PYTHONPATH"]
    print(f"{n:,} rows; load average before {Path('/proc/loadavg').read_text().split()[:3]}")
    scratch = Path(tempfile.mkdtemp())
    for writer in WRITERS:
        target = scratch / f"{writer}.xlsx"
        command = [
            measure.python(),
            "-m",
            "bench.xlsx_writers",
            "write",
            writer,
            str(n),
            str(target),
        ]
        run = measure.run(command, env)
        figures = _figures(run.output)
        if "missing" not in figures:
            command[3] = "check"
            figures.update(_figures(measure.run(command, env).output))
            target.unlink(missing_ok=True)
        if "missing" in figures:
            print(f"{writer:18} not installed ({figures['missing']})")
            continue
        print(
            f"{writer:18} write {figures['seconds']:6.1f} s (CPU {figures['cpu']:6.1f} s), "
            f"child peak {run.peak_rss_mib:6.0f} MiB, file {figures['bytes'] / 2**20:5.1f} MiB; "
            f"check: {figures.get('problem') or 'equal'}"
        )
    scratch.rmdir()
    print(f"load average after {Path('/proc/loadavg').read_text().split()[:3]}")


if __name__ == "__main__":
    main(sys.argv[1:])
