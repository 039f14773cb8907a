"""Reading the text of an uploaded résumé: PDF, DOCX or plain text, nothing else.

The kind of a file is sniffed from its bytes, never taken from its name or the browser's
content type. Only text is read: nothing in a file is run or rendered (no macros, no
images, no fonts, no external entities), and pypdf works within tight limits (pages,
decoded bytes, parsing work, time) so a hostile PDF cannot hold a worker. Every refusal
is a `ResumeFileError` whose message tells the candidate what to do instead.
"""

from __future__ import annotations

import io
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from interview_app.config import get_settings
from interview_app.services.errors import DomainError

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

SourceFormat = Literal["pdf", "docx", "text"]

# The most text a résumé may have; a longer one is not a résumé (or not one page of it).
MAX_TEXT_CHARS = 50_000
# Fewer words than this is not a résumé: a blank export, a cover page, a wrong file.
MIN_WORDS = 20
# A PDF whose pages give fewer letters than this has no text layer (a scan).
_MIN_PDF_LETTERS = 40
# How long reading one PDF's pages may take before it is given up: the upload's event
# holds its tab's state lock meanwhile, which Reflex lets expire after 10 s with Redis.
_PDF_SECONDS = 5.0
# A DOCX is a ZIP: its parts unpacked may not exceed this (a "zip bomb" stays packed).
_DOCX_MAX_UNPACKED_BYTES = 30_000_000
_DOCX_MAX_PARTS = 2_000

_PASTE_HINT = "or paste the text."


class ResumeFileError(DomainError):
    """A résumé file that cannot be read; the message says why and what to do."""

    default_message = f"We couldn't read this file. Upload a PDF or a DOCX, {_PASTE_HINT}"


class ResumeTooLargeError(ResumeFileError):
    """The file is over `RESUME_MAX_BYTES`."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"This file is {_megabytes(size)}; résumés of up to {_megabytes(limit)} are "
            f"accepted. Export it without images, {_PASTE_HINT}"
        )


class ResumeFormatError(ResumeFileError):
    """The file is neither a PDF, a DOCX nor plain text."""

    default_message = (
        "We can read a PDF, a Word document (DOCX) or a plain-text file, and this file is "
        f"none of them. Save your résumé as a PDF or a DOCX, {_PASTE_HINT}"
    )


class ResumeEncryptedError(ResumeFileError):
    """The PDF or Word file is protected by a password."""

    default_message = (
        f"This file is protected by a password. Save a copy without a password, {_PASTE_HINT}"
    )


class ResumeScannedError(ResumeFileError):
    """The PDF has no text layer (a scan or a picture of a page)."""

    default_message = (
        "This PDF has no text we can read — it looks scanned. Upload a PDF exported from "
        "your editor, a DOCX, or paste the text."
    )


class ResumeTooManyPagesError(ResumeFileError):
    """The PDF has more pages than `RESUME_MAX_PAGES`."""

    def __init__(self, pages: int, limit: int) -> None:
        super().__init__(
            f"This PDF has {pages} pages; résumés of up to {limit} pages are read. Upload a "
            f"shorter version, {_PASTE_HINT}"
        )


class ResumeNotAResumeError(ResumeFileError):
    """The file holds too little text to be a résumé, or far too much."""

    default_message = (
        "This file has too little text to be a résumé. Upload your résumé, or paste its text."
    )


class ResumeCorruptError(ResumeFileError):
    """The file claims a format but is damaged, or too complex to read safely."""

    default_message = f"This file looks damaged and can't be read. Export it again, {_PASTE_HINT}"


@dataclass(frozen=True)
class ParsedResume:
    """The text read from a résumé file.

    Attributes:
        text: The text, with one line per line of the document and normalised whitespace.
        source_format: What it was read from: `pdf`, `docx` or `text`.
    """

    text: str
    source_format: SourceFormat


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, or an encrypted Office file
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")
_LETTER = re.compile(r"[^\W\d_]")


def read_resume(
    data: bytes,
    filename: str,
    content_type: str | None,
    *,
    max_bytes: int | None = None,
    max_pages: int | None = None,
) -> ParsedResume:
    """Read the text of a résumé file, whatever its name claims.

    Args:
        data: The file's bytes.
        filename: Its name as uploaded; only used to explain a refusal.
        content_type: The browser's content type; not trusted, only used to explain.
        max_bytes: The largest file accepted (default `RESUME_MAX_BYTES`).
        max_pages: The most pages of a PDF (default `RESUME_MAX_PAGES`).

    Returns:
        The text and the format it was read from.

    Raises:
        ResumeFileError: a subclass saying why the file cannot be read: too large, not a
            PDF, DOCX or text, protected by a password, scanned, too many pages, damaged,
            or too little (or too much) text for a résumé.
    """
    settings = get_settings()
    max_bytes = max_bytes or settings.resume_max_bytes
    max_pages = max_pages or settings.resume_max_pages
    if len(data) > max_bytes:
        raise ResumeTooLargeError(len(data), max_bytes)
    if not data.strip():
        raise ResumeNotAResumeError("This file is empty. Upload your résumé, or paste its text.")
    head = data[:1024]
    if _PDF_MAGIC in head:
        text, source = _pdf_text(data, max_pages), "pdf"
    elif data.startswith(_ZIP_MAGIC):
        text, source = _docx_text(data), "docx"
    elif data.startswith(_OLE_MAGIC):
        raise ResumeFormatError(
            "This is an old Word file (.doc) or a password-protected one, which we can't "
            f"read. Save it as a DOCX or a PDF without a password, {_PASTE_HINT}"
        )
    else:
        text, source = _plain_text(data, filename, content_type), "text"
    return ParsedResume(text=_checked(normalise_text(text)), source_format=source)


def normalise_text(text: str) -> str:
    """Tidy text read from a file or pasted: one kind of line break, no control characters.

    Args:
        text: The raw text.

    Returns:
        NFC-normalised text, with tabs kept, trailing spaces and control characters
        removed, at most one blank line in a row, and no blank lines around it.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.replace("\x0c", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def _checked(text: str) -> str:
    if len(text) > MAX_TEXT_CHARS:
        raise ResumeNotAResumeError(
            f"This file has {len(text):,} characters of text; a résumé of up to "
            f"{MAX_TEXT_CHARS:,} is read. Upload a shorter version, {_PASTE_HINT}"
        )
    if len(text.split()) < MIN_WORDS:
        raise ResumeNotAResumeError()
    return text


def _pdf_text(data: bytes, max_pages: int) -> str:
    # Imported here: pypdf is only needed when a PDF arrives.
    import pypdf

    # Far below pypdf's defaults (75 MB per stream): a résumé's text needs little, and a
    # crafted PDF then fails fast instead of holding a worker. No jbig2dec: nothing runs.
    limits = {
        "maximum_declared_stream_length": 20_000_000,
        "zlib_maximum_output_length": 20_000_000,
        "lzw_maximum_output_length": 20_000_000,
        "run_length_maximum_output_length": 20_000_000,
        "brotli_maximum_output_length": 20_000_000,
        "array_based_stream_maximum_output_length": 20_000_000,
        "jbig2_maximum_output_length": 1_000_000,
        "image_maximum_buffer_size": 1_000_000,
        "stream_decoding_work_maximum_length": 60_000_000,
        "stream_parsing_work_maximum_count": 1_000_000,
        "page_tree_maximum_entries": 1_000,
        "page_tree_maximum_page_entries": 50_000,
        "xform_maximum_invocations_per_extraction": 500,
        "jbig2dec_binary": None,
    }
    started = time.monotonic()
    try:
        with pypdf.apply_configuration(**limits):
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                # Many exporters "encrypt" with an empty password only to set permissions;
                # those open as any PDF does. Anything else needs its password.
                try:
                    opened = reader.decrypt("")
                except Exception as error:  # an unsupported cipher is a locked file too
                    raise ResumeEncryptedError() from error
                if not opened:
                    raise ResumeEncryptedError()
            pages = len(reader.pages)
            if pages > max_pages:
                raise ResumeTooManyPagesError(pages, max_pages)
            texts = []
            for page in reader.pages:
                if time.monotonic() - started > _PDF_SECONDS:
                    raise ResumeCorruptError(
                        "This PDF is too complex to read quickly. Export it again from your "
                        f"editor, {_PASTE_HINT}"
                    )
                texts.append(page.extract_text() or "")
    except ResumeFileError:
        raise
    except Exception as error:  # pypdf raises many kinds on malformed input
        raise ResumeCorruptError() from error
    text = "\n".join(texts)
    if len(_LETTER.findall(text)) < _MIN_PDF_LETTERS:
        raise ResumeScannedError()
    return text


def _docx_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ResumeCorruptError() from error
    names = {part.filename for part in parts}
    if "word/document.xml" not in names:
        # An OpenDocument text, a Pages file, or any other ZIP.
        raise ResumeFormatError()
    if len(parts) > _DOCX_MAX_PARTS or sum(p.file_size for p in parts) > _DOCX_MAX_UNPACKED_BYTES:
        raise ResumeCorruptError()
    # Imported here: python-docx is only needed when a DOCX arrives. Its XML parser
    # resolves no entities and loads nothing from outside the file.
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, DocxTable):
                lines.extend(_table_lines(block))
            else:
                lines.append(_paragraph_line(block))
    except Exception as error:  # python-docx and lxml raise many kinds on malformed input
        raise ResumeCorruptError() from error
    return "\n".join(lines)


def _paragraph_line(paragraph: Paragraph) -> str:
    """A paragraph's text, with a bullet when Word shows it as a list item."""
    text = paragraph.text
    properties = paragraph._p.pPr
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    listed = (properties is not None and properties.numPr is not None) or style.startswith("List")
    return f"- {text}" if listed and text.strip() else text


def _table_lines(table: Table) -> list[str]:
    """One line per row, its cells apart by a wide gap as in a column layout."""
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        line = "    ".join(cell for cell in cells if cell)
        if line:
            lines.append(line)
    return lines


def _plain_text(data: bytes, filename: str, content_type: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ResumeCorruptError() from error
    if b"\x00" in data or _looks_binary(data):
        claimed = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
        if claimed in ("pdf", "docx") or (content_type or "").endswith(("pdf", "document")):
            raise ResumeCorruptError(
                f"This file is named as a {claimed.upper() or 'document'} but is not one "
                f"we can read. Export it again, {_PASTE_HINT}"
            )
        raise ResumeFormatError()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not UTF-8: an older editor's Windows-1252, or Latin-1 as a last resort.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    """Whether bytes are a picture, an archive or another binary file rather than text."""
    sample = data[:4096]
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) // 100
