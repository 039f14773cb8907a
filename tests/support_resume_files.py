"""Résumé files built in the tests: real PDFs (fpdf2, pypdf) and DOCX files (python-docx)."""

from __future__ import annotations

import io

RESUME_LINES = (
    "Jordan Ellis",
    "Experience",
    "Senior Software Engineer, Ridgeline Payments Inc. (2020-2024)",
    "Led the migration of the settlement service to Kubernetes and cut latency.",
    "Projects",
    "Ledgerlite - an open-source double-entry bookkeeping library for Python.",
    "Skills",
    "Python, Go, SQL, Django, FastAPI, Kubernetes, Terraform, PostgreSQL",
)


def text_pdf(lines: tuple[str, ...] = RESUME_LINES, *, pages: int = 1) -> bytes:
    """A PDF with a text layer, as an editor exports it: `lines` on each of `pages`."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """A PDF whose page is only a picture, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(picture).text((40, 40), "Jordan Ellis - Software Engineer", fill="black")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret") -> bytes:
    """A text PDF encrypted with AES-256; an empty user password opens without one."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_file(lines: tuple[str, ...] = RESUME_LINES, *, table_row: tuple[str, ...] = ()) -> bytes:
    """A DOCX: a heading per section, the entries as paragraphs, a bulleted line, a table."""
    import docx

    document = docx.Document()
    for line in lines:
        if line in ("Experience", "Projects", "Skills"):
            document.add_heading(line, level=2)
        elif line.startswith("Led "):
            document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph(line)
    if table_row:
        table = document.add_table(rows=1, cols=len(table_row))
        for cell, text in zip(table.rows[0].cells, table_row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
