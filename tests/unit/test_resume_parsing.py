"""Reading résumé uploads: PDF, DOCX and text sniffed from their bytes (issue 21, item 2)."""

import contextlib
import io
import random
import zipfile

import pytest

from interview_app.services.resumes.facts import extract_resume_facts
from interview_app.services.resumes.parsing import (
    ResumeCorruptError,
    ResumeEncryptedError,
    ResumeFileError,
    ResumeFormatError,
    ResumeNotAResumeError,
    ResumeScannedError,
    ResumeTooLargeError,
    ResumeTooManyPagesError,
    read_resume,
)
from tests.support_resume_files import (
    RESUME_LINES,
    docx_file,
    encrypted_pdf,
    image_only_pdf,
    text_pdf,
)

PLAIN = "\n".join(RESUME_LINES)


def test_a_pdf_exported_from_an_editor_is_read():
    parsed = read_resume(text_pdf(), "cv.pdf", "application/pdf")
    assert parsed.source_format == "pdf"
    assert "Ridgeline Payments Inc." in parsed.text
    facts = extract_resume_facts(parsed.text)
    assert facts.employers == ("Ridgeline Payments Inc.",)
    assert facts.projects == ("Ledgerlite",)


def test_the_kind_comes_from_the_bytes_not_the_name_or_content_type():
    assert read_resume(text_pdf(), "resume.txt", "text/plain").source_format == "pdf"
    assert read_resume(docx_file(), "resume.pdf", "application/pdf").source_format == "docx"
    assert read_resume(PLAIN.encode(), "resume.docx", None).source_format == "text"


def test_a_docx_gives_its_paragraphs_bullets_and_table_rows_in_order():
    parsed = read_resume(
        docx_file(table_row=("2016-2020", "Engineer, Cartwheel Logistics")), "cv.docx", None
    )
    assert parsed.source_format == "docx"
    lines = parsed.text.split("\n")
    assert "- Led the migration of the settlement service to Kubernetes and cut latency." in lines
    assert lines[-1] == "2016-2020    Engineer, Cartwheel Logistics"
    assert extract_resume_facts(parsed.text).skills[:2] == ("Python", "Go")


@pytest.mark.parametrize(
    ("encoded", "expected"),
    [
        ((PLAIN + "\nCafé Zürich").encode("utf-8"), "Café Zürich"),
        ((PLAIN + "\nCafé Zürich").encode("utf-8-sig"), "Café Zürich"),
        ((PLAIN + "\nCafé Zürich").encode("cp1252"), "Café Zürich"),
        ((PLAIN + "\nCafé Zürich").encode("utf-16"), "Café Zürich"),
    ],
)
def test_plain_text_in_the_usual_encodings(encoded: bytes, expected: str):
    parsed = read_resume(encoded, "cv.txt", "text/plain")
    assert parsed.source_format == "text"
    assert parsed.text.endswith(expected)
    assert parsed.text.startswith("Jordan Ellis\nExperience")


def test_text_is_tidied():
    messy = ("\r\n".join(RESUME_LINES) + "\r\n\r\n\r\n\r\nTrailing   \x07line\u200b  ").encode()
    text = read_resume(messy, "cv.txt", None).text
    assert "\r" not in text and "\x07" not in text and "\u200b" not in text
    assert "\n\n\n" not in text
    assert text.endswith("\n\nTrailing   line")


def test_too_large_is_refused_before_reading():
    with pytest.raises(ResumeTooLargeError, match=r"This file is 3 MB; résumés of up to 2 MB"):
        read_resume(b"x" * 3_000_000, "cv.pdf", None, max_bytes=2_000_000)


def test_a_password_protected_pdf_is_refused_and_an_empty_password_is_not_a_lock():
    with pytest.raises(ResumeEncryptedError, match="protected by a password"):
        read_resume(encrypted_pdf("secret"), "cv.pdf", "application/pdf")
    assert "Ridgeline" in read_resume(encrypted_pdf(""), "cv.pdf", None).text


def test_a_scanned_pdf_says_so():
    with pytest.raises(ResumeScannedError) as refused:
        read_resume(image_only_pdf(), "scan.pdf", "application/pdf")
    assert str(refused.value) == (
        "This PDF has no text we can read — it looks scanned. Upload a PDF exported from "
        "your editor, a DOCX, or paste the text."
    )


def test_too_many_pages():
    with pytest.raises(ResumeTooManyPagesError, match="This PDF has 4 pages; résumés of up to 3"):
        read_resume(text_pdf(pages=4), "cv.pdf", None, max_pages=3)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "none of them"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old Word file"),
        (random.Random(1).randbytes(5000), "none of them"),
    ],
    ids=["png", "word-97", "random"],
)
def test_files_that_are_neither_pdf_docx_nor_text(data: bytes, message: str):
    with pytest.raises(ResumeFormatError, match=message):
        read_resume(data, "cv.png", "image/png")


def test_a_zip_that_is_not_a_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    with pytest.raises(ResumeFormatError):
        read_resume(buffer.getvalue(), "cv.odt", None)


def test_a_docx_that_unpacks_to_far_more_than_a_resume_is_not_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * 40_000_000)
    assert len(buffer.getvalue()) < 2_000_000
    with pytest.raises(ResumeCorruptError):
        read_resume(buffer.getvalue(), "cv.docx", None)


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"garbage " * 200,
        text_pdf()[:400],
        b"PK\x03\x04" + b"\x00" * 300,
    ],
    ids=["pdf-garbage", "pdf-truncated", "zip-garbage"],
)
def test_damaged_files(data: bytes):
    with pytest.raises((ResumeCorruptError, ResumeScannedError)):
        read_resume(data, "cv.pdf", None)


def test_a_binary_file_named_pdf_says_it_is_not_one():
    with pytest.raises(ResumeCorruptError, match="named as a PDF but is not one"):
        read_resume(b"\x00\x01\x02" * 300, "cv.pdf", "application/pdf")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n  ", b"Thanks for reading.", ("word " * 60_000).encode()],
    ids=["empty", "blank", "short", "huge"],
)
def test_empty_short_or_huge_text_is_no_resume(data: bytes):
    with pytest.raises(ResumeNotAResumeError):
        read_resume(data, "cv.txt", None)


def test_mangled_pdfs_only_ever_raise_resume_file_errors():
    original = text_pdf()
    chance = random.Random(21)
    for _ in range(40):
        mangled = bytearray(original)
        for _ in range(30):
            mangled[chance.randrange(len(mangled))] = chance.randrange(256)
        # Whatever pypdf meets inside, the candidate gets one of our messages.
        with contextlib.suppress(ResumeFileError):
            read_resume(bytes(mangled), "cv.pdf", None)
