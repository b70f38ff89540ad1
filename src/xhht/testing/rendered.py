"""Documents as a reader sees them: a DOCX converted to PDF by LibreOffice, a PDF's lines with
their positions (poppler's ``pdftotext -bbox-layout``) and its fonts (``pdffonts``).

The layout tests of the decision, the certificate and the consolidated report read these; they
skip, saying why, only where LibreOffice or poppler is not installed (``make browser-deps``
installs both, so CI runs them).
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")
XHTML = "{http://www.w3.org/1999/xhtml}"

needs_office = pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT and PDFFONTS),
    reason="LibreOffice (soffice) or poppler-utils (pdftotext, pdffonts) is not installed; "
    "`make browser-deps` installs them",
)
needs_poppler = pytest.mark.skipif(
    not (PDFTOTEXT and PDFFONTS),
    reason="poppler-utils (pdftotext, pdffonts) is not installed; `make browser-deps` installs it",
)


def docx_to_pdf(docx: bytes, folder: Path) -> bytes:
    """The PDF LibreOffice makes of a DOCX (its own profile in ``folder``: no shared state)."""
    return docxs_to_pdfs([docx], folder)[0]


def docxs_to_pdfs(documents: list[bytes], folder: Path) -> list[bytes]:
    """Several DOCX converted by one LibreOffice start (it takes seconds to start)."""
    assert SOFFICE is not None
    sources = [folder / f"document-{n}.docx" for n in range(len(documents))]
    for source, docx in zip(sources, documents, strict=True):
        source.write_bytes(docx)
    subprocess.run(  # noqa: S603 - the installed LibreOffice, fixed arguments, our own files
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [source.with_suffix(".pdf").read_bytes() for source in sources]


@dataclass(frozen=True)
class TextLine:
    """One line of text as poppler reads it off a page (points, origin top left)."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def text_lines(pdf: bytes, folder: Path) -> list[TextLine]:
    assert PDFTOTEXT is not None
    source = folder / "read.pdf"
    source.write_bytes(pdf)
    target = folder / "read.html"
    subprocess.run(  # noqa: S603 - poppler's pdftotext, fixed arguments, our own file
        [PDFTOTEXT, "-bbox-layout", str(source), str(target)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    root = ET.parse(target).getroot()  # noqa: S314 - poppler's output of a PDF the test made
    lines = []
    for number, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        for line in page.iter(f"{XHTML}line"):
            words = list(line.iter(f"{XHTML}word"))
            lines.append(
                TextLine(
                    page=number,
                    text=" ".join((w.text or "") for w in words),
                    x0=float(line.get("xMin", 0)),
                    y0=float(line.get("yMin", 0)),
                    x1=float(line.get("xMax", 0)),
                    y1=float(line.get("yMax", 0)),
                )
            )
    return lines


def fonts(pdf: bytes, folder: Path) -> set[str]:
    """The names of the fonts a PDF uses, without their subset prefix ("LiberationSerif-Bold")."""
    assert PDFFONTS is not None
    source = folder / "fonts.pdf"
    source.write_bytes(pdf)
    listing = subprocess.run(  # noqa: S603 - poppler's pdffonts, fixed arguments, our own file
        [PDFFONTS, str(source)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    names = {row.split()[0] for row in listing.splitlines()[2:] if row.strip()}
    return {name.split("+", 1)[-1] for name in names}


def times_or_twin(names: set[str]) -> bool:
    """Every font is Times New Roman or Liberation Serif (same metrics), in any style."""
    families = {name.replace("-", "").replace(",", "") for name in names}
    return bool(families) and all(
        family.startswith(("LiberationSerif", "TimesNewRoman")) for family in families
    )


def line(lines: list[TextLine], text: str) -> TextLine:
    """The one line that reads exactly ``text`` (spaces collapsed); fails listing the lines."""
    found = [candidate for candidate in lines if " ".join(candidate.text.split()) == text]
    assert found, f"no line reads {text!r}; lines: {[candidate.text for candidate in lines]}"
    return found[0]


def joined(lines: list[TextLine]) -> str:
    return " ".join(" ".join(candidate.text.split()) for candidate in lines)
