"""The facts a résumé states: employers, roles, projects and skills (pure).

A résumé arrives as the plain text pypdf or python-docx read from it: one line per line of
the page, headings on lines of their own, entries such as "Senior Engineer, Acme GmbH
(2019-2023)", "Acme Corp — Backend Developer", "Backend Developer at Acme" or an employer
and a role on two lines, bullets, and skills listed with commas, bullets or pipes. The
reading here is a heuristic in three steps:

1. the lines are sorted into sections by their headings (English, German, French and
   Spanish: "Experience", "Berufserfahrung", "Expérience professionnelle", "Proyectos",
   "Skills", "Kenntnisse"...);
2. in the experience section, dates are cut from each entry's line and what is left is
   split into its parts; a part with a word that names a job ("Engineer", "Nurse",
   "Entwicklerin", "Développeuse") is the role, a part with a legal form or a word that
   names an organisation ("GmbH", "Ltd", "Hospital", "University") or the next unnamed
   part is the employer; bullets, indented lines and sentences are descriptions;
3. project names come from the projects section's entries and from "Project: X" or
   "Built X, a ..." anywhere; skills from the skills section and from "Tech: ..." lines.

`benchmarks/resume_facts.py` prints its precision and recall on labelled résumés
(`tests/fixtures/resumes/`, a tuning set and a held-out set never tuned on).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from interview_app.services.jobs.key_terms import canonical_key, mentioned_terms


def _word_set(block: str) -> frozenset[str]:
    return frozenset(block.split())


# What one heading may be called, by the section it opens. Headings are matched whole,
# after their case, a trailing colon and markdown marks are dropped.
_HEADING_WORDS: dict[str, tuple[str, ...]] = {
    "experience": (
        "experience",
        "experiences",
        "work experience",
        "professional experience",
        "relevant experience",
        "research experience",
        "teaching experience",
        "industry experience",
        "leadership experience",
        "internships",
        "internship experience",
        "employment",
        "employment history",
        "work history",
        "career history",
        "career",
        "professional background",
        "berufserfahrung",
        "erfahrung",
        "berufliche erfahrung",
        "beruflicher werdegang",
        "werdegang",
        "praxiserfahrung",
        "expérience",
        "expériences",
        "expérience professionnelle",
        "expériences professionnelles",
        "parcours professionnel",
        "experiencia",
        "experiencia profesional",
        "experiencia laboral",
        "trayectoria profesional",
    ),
    "projects": (
        "projects",
        "project",
        "selected projects",
        "personal projects",
        "side projects",
        "key projects",
        "academic projects",
        "notable projects",
        "open source",
        "open-source",
        "open source projects",
        "open-source projects",
        "portfolio",
        "projekte",
        "projekterfahrung",
        "ausgewählte projekte",
        "projets",
        "projets personnels",
        "proyectos",
        "proyectos personales",
    ),
    "skills": (
        "skills",
        "key skills",
        "technical skills",
        "core skills",
        "skills & tools",
        "skills and tools",
        "skills & technologies",
        "core competencies",
        "competencies",
        "technologies",
        "tech stack",
        "tools",
        "expertise",
        "areas of expertise",
        "kenntnisse",
        "fähigkeiten",
        "it-kenntnisse",
        "fachkenntnisse",
        "kompetenzen",
        "compétences",
        "compétences techniques",
        "habilidades",
        "competencias",
        "conocimientos",
        "aptitudes",
    ),
    "education": (
        "education",
        "academic background",
        "qualifications",
        "ausbildung",
        "studium",
        "bildung",
        "schulbildung",
        "formation",
        "formación",
        "educación",
        "estudios",
    ),
    "other": (
        "summary",
        "professional summary",
        "profile",
        "professional profile",
        "about",
        "about me",
        "objective",
        "career objective",
        "certifications",
        "certificates",
        "licenses",
        "languages",
        "interests",
        "hobbies",
        "awards",
        "achievements",
        "publications",
        "references",
        "contact",
        "volunteering",
        "volunteer experience",
        "courses",
        "training",
        "resume",
        "résumé",
        "curriculum vitae",
        "cv",
        "lebenslauf",
        "profil",
        "kurzprofil",
        "persönliche daten",
        "sprachen",
        "zertifikate",
        "interessen",
        "langues",
        "centres d'intérêt",
        "certificats",
        "perfil",
        "idiomas",
        "certificaciones",
        "intereses",
    ),
}
_SECTION_OF_HEADING = {
    heading: section for section, headings in _HEADING_WORDS.items() for heading in headings
}
_LONGEST_HEADING = max(len(heading) for heading in _SECTION_OF_HEADING)

# Labels of a line that lists a job's tools ("Tech: Go, Kubernetes").
_TECH_LABELS = frozenset(
    {
        "tech",
        "tech stack",
        "stack",
        "technologies",
        "technology",
        "tools",
        "environment",
        "skills",
        "key skills",
        "technical skills",
        "technologien",
        "werkzeuge",
        "kenntnisse",
        "outils",
        "technologies utilisées",
        "compétences",
        "tecnologías",
        "herramientas",
        "habilidades",
    }
)

# Words that make a part of an entry a job title. A German or Dutch compound counts when
# it ends in one of `_ROLE_SUFFIXES` ("Softwareentwicklerin", "IT-Projektleiter").
_ROLE_WORDS = _word_set(
    """
    engineer engineers developer programmer architect manager director head lead leader
    analyst scientist designer consultant specialist administrator officer assistant
    associate intern internship trainee apprentice coordinator technician nurse teacher
    tutor lecturer professor researcher accountant auditor advisor adviser representative
    executive supervisor founder co-founder cto ceo cfo coo cio vp president owner sre
    devops writer editor marketer recruiter clerk cashier chef cook driver pharmacist
    therapist physician doctor surgeon paramedic mechanic electrician operator agent planner
    buyer strategist producer journalist attorney lawyer paralegal partner fellow
    instructor coach trainer receptionist secretary barista tester contractor freelancer
    volunteer principal dentist midwife caregiver carer technologist economist statistician
    librarian counselor counsellor
    chef responsable stagiaire alternant alternante chargé chargée directeur directrice
    développeur développeuse ingénieur ingénieure analyste technicien technicienne
    enseignant enseignante infirmier infirmière concepteur conceptrice architecte
    gestionnaire assistante consultante
    desarrollador desarrolladora ingeniero ingeniera jefe jefa analista consultor consultora
    directora técnico técnica becario becaria coordinador coordinadora gerente diseñador
    diseñadora profesor profesora enfermero enfermera administrador administradora
    programador programadora arquitecto arquitecta
    """
)
_ROLE_SUFFIXES = (
    "entwickler",
    "ingenieur",
    "leiter",
    "berater",
    "referent",
    "architekt",
    "analyst",
    "manager",
    "designer",
    "administrator",
    "pfleger",
    "lehrer",
    "praktikant",
    "werkstudent",
    "kaufmann",
    "kauffrau",
    "sachbearbeiter",
    "mitarbeiter",
    "techniker",
    "informatiker",
    "wissenschaftler",
    "engineer",
    "developer",
)

# Legal forms: a part carrying one names an employer, whatever else it says.
_LEGAL_FORMS = _word_set(
    """
    inc inc. incorporated ltd ltd. limited llc llp plc corp corp. corporation co co. gmbh
    ag kg ohg ug se sa s.a. sas sarl s.a.r.l. s.l. sl s.l.u. bv b.v. nv n.v. oy ab pte
    pty spa s.p.a. srl s.r.l. kft d.o.o. doo s.r.o. sp. z o.o.
    """
)
# Words that name an organisation rather than a job ("St. Agnes Hospital").
_ORGANISATION_WORDS = _word_set(
    """
    university universität université universidad college school schule école escuela
    academy institute institut instituto hospital klinikum clinic klinik hôpital
    centre center zentrum bank banco banque group gruppe groupe holdings labs lab
    technologies solutions systems agency agentur agencia studio studios media
    foundation stiftung council ministry ministerium department police army navy
    partners consulting services associates ventures capital insurance versicherung
    logistics
    """
)

# Dates and spans as résumés write them, in the four languages.
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|jän|mär|okt|dez|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "janv|févr|fév|avr|juil|déc|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    "diciembre|ene|abr|ago|dic"
)
_SEASONS = "spring|summer|autumn|fall|winter|frühjahr|sommer|herbst|été|automne|verano"
_YEAR = r"(?:19|20)\d{2}(?!\d)"
_POINT = (
    rf"(?:(?:(?:{_MONTHS})\.?|{_SEASONS})\s+{_YEAR}|\d{{1,2}}[/.]\s?{_YEAR}"
    rf"|{_YEAR}(?:[/.-]\d{{1,2}}(?!\d))?)"
)
_NOW = (
    r"(?:present|current|now|today|heute|aktuell|jetzt|dato|actualidad|presente|hoy|"
    r"aujourd'hui|aujourd\u2019hui|présent|actuel|en cours|ongoing)"
)
_SPAN = re.compile(
    rf"(?:\b(?:since|seit|depuis|desde|from|von|ab|expected)\s+)?\b{_POINT}"
    rf"(?:\s*(?:[-\u2013—]|\bto\b|\bbis\b|\bà\b|\bau\b|\bhasta\b|\ba\b)\s*(?:{_POINT}|{_NOW}\b))?",
    re.IGNORECASE,
)
_DATED_PARENTHESES = re.compile(rf"\([^()]*{_YEAR}[^()]*\)")

_BULLET = re.compile(r"^\s*(?:[-*•▪◦●‣∙·\u2013—>+]|\d{1,2}[.)])\s+")
_MARKDOWN = re.compile(r"\*\*|__|^#+\s*|`")
# Between the parts of an entry: a spaced dash, a pipe, a middle dot, a comma, a tab, or
# the wide gap of a column layout.
_PART_BREAK = re.compile(r"\s+[—\u2013-]\s+|\s*\|\s*|\s+[·•]\s+|\s*,\s+|,$|\t+|\s{3,}")
# "Backend Developer at Acme", "SRE @ Mangrove", "Développeuse chez X", "Leiter bei Y".
_AT = re.compile(r"^(?P<role>.+?)\s+(?:at|@|chez|bei)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_WORD = re.compile(r"[\w'\u2019.&+#/-]+")

# Projects.
_PROJECT_LABEL = re.compile(
    r"^(?:project|projekt|projet|proyecto|side project)\s*[:—\u2013-]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
_BUILT = re.compile(
    r"^(?i:built|created|developed|designed|wrote|launched|founded|made|shipped|"
    r"maintain(?:ed)?|authored|co-created|entwickelte|erstellte|créé|développé|"
    r"desarrollé|creé|diseñé|construí|lancé)\s+"
    r"(?P<name>[A-Z0-9][\w'\u2019.+-]*(?:\s+[A-Z0-9][\w'\u2019.+-]*){0,3})"
    r"(?=\s*(?:,\s*(?:a|an|the|ein|eine|un|une|una)\b|\s[—\u2013-]\s|\s*:|\s*\())"
)
_NAME_BREAK = re.compile(r"\s+[—\u2013-]\s+|\s*:\s+|\s+:\s*|\s*\(|,\s+|\s*\|\s*")

# Skills.
_LIST_LABEL = re.compile(r"^(?P<label>[^:]{1,40}?)\s*:\s*(?P<items>.+)$")
_ITEM_BREAK = re.compile(r"\s*[,;•▪◦●|·]\s*|\s+/\s+")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_NOT_A_SKILL = _word_set(
    """
    native fluent advanced intermediate basic beginner expert proficient good excellent
    muttersprache fließend grundkenntnisse verhandlungssicher courant natif nativo
    avanzado básico etc etc.
    english german french spanish italian portuguese dutch polish arabic chinese mandarin
    japanese hindi russian turkish deutsch englisch französisch spanisch italienisch
    anglais allemand français espagnol inglés alemán francés español
    """
)
_LANGUAGE_LEVEL = re.compile(r"[A-C][12]\+?")

_MAX_ENTRY_WORDS = 8
_MAX_NAME_WORDS = 6
_MAX_SKILL_WORDS = 4
_MAX_FACTS = 40


@dataclass(frozen=True)
class ResumeFacts:
    """What a résumé says, each in the résumé's order, once, in its own spelling.

    Attributes:
        employers: Organisations the candidate worked for.
        projects: Names of projects the candidate built or led.
        skills: Skills and tools the résumé lists.
        roles: Job titles the candidate held.
    """

    employers: tuple[str, ...]
    projects: tuple[str, ...]
    skills: tuple[str, ...]
    roles: tuple[str, ...]


@dataclass(frozen=True)
class _Entry:
    role: str | None
    employer: str | None


@dataclass(frozen=True)
class _Line:
    text: str
    indent: int
    bullet: bool


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _clean(text: str) -> str:
    """Text without markdown marks, stray separators or outer punctuation."""
    text = _MARKDOWN.sub("", text).strip()
    return text.strip(" \t,;:|·\u2013—-").strip()


def _heading(text: str) -> str | None:
    """The section a line opens, when it is a heading."""
    candidate = _fold(_clean(text)).rstrip(":").strip()
    if not candidate or len(candidate) > _LONGEST_HEADING:
        return None
    return _SECTION_OF_HEADING.get(re.sub(r"\s+", " ", candidate))


def _lines(text: str) -> list[_Line]:
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        expanded = raw.replace("\u00a0", " ").expandtabs(4)
        stripped = expanded.strip()
        bullet = bool(_BULLET.match(expanded))
        body = _BULLET.sub("", expanded, count=1).strip() if bullet else stripped
        lines.append(_Line(body, len(expanded) - len(expanded.lstrip()), bullet))
    return lines


def _sections(lines: list[_Line]) -> Iterator[tuple[str, list[_Line]]]:
    """Yield each section's kind with its lines; the top of the page is `preamble`.

    A heading with its content on the same line ("Skills: Python, Go") opens its section
    with that content as the first line, except inside the skills section, where such
    labels group the skills ("Languages: Python, Go").
    """
    kind = "preamble"
    body: list[_Line] = []
    for line in lines:
        section, rest = None, ""
        if not line.bullet:
            section = _heading(line.text)
            labelled = _LIST_LABEL.match(_clean(line.text)) if section is None else None
            if labelled and kind != "skills" and (section := _heading(labelled.group("label"))):
                rest = labelled.group("items")
        if section is None:
            body.append(line)
            continue
        yield kind, body
        kind, body = section, ([_Line(rest, line.indent, False)] if rest else [])
    yield kind, body


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_role(part: str) -> bool:
    for word in _words(_fold(part)):
        word = word.strip(".,'\u2019")
        if word in _ROLE_WORDS:
            return True
        bare = word.removesuffix("in") if word.endswith("in") else word
        if any(bare.endswith(suffix) for suffix in _ROLE_SUFFIXES):
            return True
        if "-" in word and any(piece in _ROLE_WORDS for piece in word.split("-")):
            return True
    return False


def _has_legal_form(part: str) -> bool:
    return any(word.rstrip(",") in _LEGAL_FORMS for word in _words(_fold(part)))


def _names_organisation(part: str) -> bool:
    return any(word.strip(".,") in _ORGANISATION_WORDS for word in _words(_fold(part)))


def _only_legal_form(part: str) -> bool:
    words = _words(_fold(part))
    return bool(words) and all(word.rstrip(",") in _LEGAL_FORMS for word in words)


def _without_dates(text: str) -> str:
    text = _DATED_PARENTHESES.sub(" ", text)
    return _SPAN.sub(" ", text)


def _parts(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _PART_BREAK.split(text):
        piece = _clean(piece)
        if not piece:
            continue
        if parts and _only_legal_form(piece):
            parts[-1] = f"{parts[-1]}, {piece}"  # "Acme, Inc." is one employer
        else:
            parts.append(piece)
    return parts


def _looks_like_name(part: str, *, max_words: int = _MAX_ENTRY_WORDS) -> bool:
    words = part.split()
    return 0 < len(words) <= max_words and (part[0].isupper() or part[0].isdigit())


def _is_sentence(text: str) -> bool:
    """Whether a line is prose: a long stretch of words, or a full stop after a plain word.

    Only words between separators count, so "Role | Employer | City, Country" is no
    sentence however many parts it has; "Ltd." or "S.L." at the end is a legal form, not
    the end of a sentence.
    """
    if any(len(_words(part)) > _MAX_ENTRY_WORDS for part in _PART_BREAK.split(text)):
        return True
    words = text.split()
    closing = words[-1] if words else ""
    return len(words) >= 4 and closing.endswith(".") and not closing[:1].isupper()


def _entry_from_parts(parts: list[str]) -> _Entry:
    """An entry from the parts of one line: the role part, and the employer part."""
    role = next((p for p in parts if _is_role(p) and not _has_legal_form(p)), None)
    others = [p for p in parts if p is not role]
    employer = next((p for p in others if _has_legal_form(p)), None)
    employer = employer or next((p for p in others if _names_organisation(p)), None)
    employer = employer or next((p for p in others if _looks_like_name(p)), None)
    if role is not None and not _looks_like_name(role, max_words=_MAX_NAME_WORDS + 2):
        role = None
    if employer is not None and not _looks_like_name(employer):
        employer = None
    return _Entry(role, employer)


def _entry_of_line(text: str) -> _Entry | None:
    """Read one line of the experience section; None when it is no entry's line."""
    text = _clean(_without_dates(_clean(text)))
    if not text or _is_sentence(text):
        return None
    at = _AT.match(text)
    if at and _is_role(at.group("role")) and len(at.group("role").split()) <= _MAX_NAME_WORDS:
        rest = _parts(at.group("rest"))
        employer = rest[0] if rest and _looks_like_name(rest[0]) else None
        return _Entry(_clean(at.group("role")), employer)
    parts = _parts(text)
    if len(parts) == 1:
        part = parts[0]
        if _has_legal_form(part) or (_names_organisation(part) and not _is_role(part)):
            return _Entry(None, part if _looks_like_name(part) else None)
        if _is_role(part):
            return _Entry(part if _looks_like_name(part) else None, None)
        # A line of one unnamed part: an employer only beside a role (see _experience).
        return _Entry(None, part) if _looks_like_name(part, max_words=5) else None
    entry = _entry_from_parts(parts)
    # "Tallyho Software Inc. • Remote • 2021 - 2024" under its role: the employer's line.
    return entry if entry.role or entry.employer else None


def _experience(lines: list[_Line]) -> Iterator[_Entry]:
    """The entries of an experience section, each line or group of lines read once."""
    base = min((line.indent for line in lines if line.text), default=0)
    pending: list[_Entry] = []

    def flush() -> Iterator[_Entry]:
        roles = [entry.role for entry in pending if entry.role]
        employers = [entry.employer for entry in pending if entry.employer]
        if roles:
            # A lone unnamed line counts as the employer only beside a role.
            yield _Entry(roles[0], employers[0] if employers else None)
        elif employers and any(
            _has_legal_form(name) or _names_organisation(name) for name in employers
        ):
            yield _Entry(None, employers[0])
        pending.clear()

    for line in lines:
        if not line.text:
            yield from flush()
            continue
        if line.bullet or line.indent > base:
            continue
        entry = _entry_of_line(line.text)
        if entry is None:
            continue
        if entry.role and entry.employer:
            yield from flush()
            yield entry
        else:
            if any(e.role for e in pending) and entry.role:
                yield from flush()
            pending.append(entry)
    yield from flush()


def _project_name(text: str, *, bullet: bool) -> str | None:
    text = _clean(text)
    if labelled := _PROJECT_LABEL.match(text):
        head = _NAME_BREAK.split(_clean(labelled.group("rest")), maxsplit=1)[0]
        return _clean(head) if _looks_like_name(_clean(head), max_words=_MAX_NAME_WORDS) else None
    if built := _BUILT.match(text):
        return built.group("name")
    pieces = _NAME_BREAK.split(_without_dates(text), maxsplit=1)
    head = _clean(pieces[0])
    if len(pieces) == 1 and (_is_sentence(text) or bullet or len(text.split()) > 5):
        return None
    if _looks_like_name(head, max_words=_MAX_NAME_WORDS) and not _SPAN.fullmatch(head):
        return head
    return None


def _projects(lines: list[_Line]) -> Iterator[str]:
    base = min((line.indent for line in lines if line.text and not line.bullet), default=0)
    previous_blank = True
    for line in lines:
        if not line.text:
            previous_blank = True
            continue
        continuation = line.indent > base and not line.bullet
        # A sentence right under a project's name describes it; a line that starts with a
        # name and a separator ("Queue Doctor — a CLI ...") is the next project.
        named = len(_NAME_BREAK.split(_clean(line.text), maxsplit=1)) > 1
        described = not previous_blank and not line.bullet and not named and _is_sentence(line.text)
        previous_blank = False
        if continuation or described:
            continue
        if name := _project_name(line.text, bullet=line.bullet):
            yield name


def _projects_named_anywhere(lines: list[_Line]) -> Iterator[str]:
    for line in lines:
        text = _clean(line.text)
        if labelled := _PROJECT_LABEL.match(text):
            head = _clean(_NAME_BREAK.split(_clean(labelled.group("rest")), maxsplit=1)[0])
            if _looks_like_name(head, max_words=_MAX_NAME_WORDS):
                yield head
        elif built := _BUILT.match(text):
            yield built.group("name")


def _skill_items(text: str) -> Iterator[str]:
    """The skills of one listing line.

    What parentheses hold counts when it names things ("Python (Django, FastAPI)",
    "PLC programming (Siemens S7)"), not when it qualifies ("(native)", "(electrical and
    hydraulic)"); a sentence ("References available on request.") lists nothing.
    """
    if not _ITEM_BREAK.search(text) and _is_sentence(text):
        return
    inside = [group for group in _PARENTHESES.findall(text) if group[:1].isupper()]
    outside = _PARENTHESES.sub(",", text)
    for item in _ITEM_BREAK.split(", ".join([outside, *inside])):
        item = _clean(item).rstrip(".")
        words = item.split()
        if not words or len(words) > _MAX_SKILL_WORDS or len(item) > 40:
            continue
        if _fold(item) in _NOT_A_SKILL or _LANGUAGE_LEVEL.fullmatch(item):
            continue
        if re.fullmatch(r"[\d\s.,%+/-]+", item) or _SPAN.fullmatch(item):
            continue
        yield item


def _skills(lines: list[_Line]) -> Iterator[str]:
    for line in lines:
        text = _clean(line.text)
        if not text:
            continue
        labelled = _LIST_LABEL.match(text)
        if labelled and len(labelled.group("label").split()) <= 3:
            text = labelled.group("items")
        yield from _skill_items(text)


def _tech_lines(lines: list[_Line]) -> Iterator[str]:
    """Skills listed on a "Tech: ..." or "Skills: ..." line outside the skills section."""
    for line in lines:
        labelled = _LIST_LABEL.match(_clean(line.text))
        if labelled and _fold(labelled.group("label")).strip() in _TECH_LABELS:
            yield from _skill_items(labelled.group("items"))


def _unique(values: Iterable[str], key: Callable[[str], object] = _fold) -> tuple[str, ...]:
    seen: set[object] = set()
    kept: list[str] = []
    for value in values:
        value = value.strip()
        marker = key(value)
        if not value or not marker or marker in seen:
            continue
        seen.add(marker)
        kept.append(value)
    return tuple(kept[:_MAX_FACTS])


def _employer_key(name: str) -> str:
    words = [w.strip(".,") for w in _words(_fold(name)) if w.rstrip(",") not in _LEGAL_FORMS]
    return " ".join(word for word in words if word)


def _read(text: str) -> tuple[list[_Entry], ResumeFacts]:
    lines = _lines(text)
    entries: list[_Entry] = []
    projects: list[str] = []
    skills: list[str] = []
    for kind, body in _sections(lines):
        if kind == "experience":
            entries.extend(_experience(body))
        elif kind == "projects":
            projects.extend(_projects(body))
        elif kind == "skills":
            skills.extend(_skills(body))
        if kind not in ("projects", "skills"):
            projects.extend(_projects_named_anywhere(body))
            skills.extend(_tech_lines(body))
    facts = ResumeFacts(
        employers=_unique((e.employer for e in entries if e.employer), key=_employer_key),
        projects=_unique(projects),
        skills=_unique(skills, key=lambda skill: canonical_key(skill) or _fold(skill)),
        roles=_unique(e.role for e in entries if e.role),
    )
    return entries, facts


def extract_resume_facts(text: str) -> ResumeFacts:
    """Read the employers, roles, projects and skills a résumé's text states.

    Args:
        text: The résumé as plain text (as read from a PDF or DOCX, or pasted).

    Returns:
        The facts, each in the résumé's order, without repeats (ignoring case; employers
        also ignoring legal forms, skills also ignoring spellings of one thing such as
        Postgres and PostgreSQL), at most 40 of each. Empty tuples when the text states
        none.
    """
    return _read(text)[1]


def _fit(parts: list[str], max_chars: int) -> str:
    """Join sentences, cutting the last at a word when the whole would be too long."""
    summary = " ".join(part for part in parts if part)
    if len(summary) <= max_chars:
        return summary
    cut = summary[: max(max_chars - 1, 0)]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    cut = cut.rstrip(" ,;:.")
    return f"{cut}…" if cut else ""


def _listed(label: str, items: Sequence[str], budget: int, *, joiner: str = ", ") -> str:
    """'Label: a, b, c.' with as many items as fit in the budget (at least one)."""

    def sentence(chosen: list[str]) -> str:
        listed = joiner.join(chosen)
        return f"{label}: {listed}" + ("" if listed.endswith(".") else ".")

    chosen: list[str] = []
    for item in items:
        if chosen and len(sentence([*chosen, item])) > budget:
            break
        chosen.append(item)
    return sentence(chosen) if chosen else ""


def resume_summary(text: str, *, max_chars: int = 600) -> str:
    """Summarise a résumé in a few plain sentences for an interviewer's instructions.

    Args:
        text: The résumé as plain text.
        max_chars: The most characters the summary may have.

    Returns:
        "Experience: <role> at <employer>; ... Projects: ... Skills: ...", shortened to
        fit `max_chars` (later items give way first); when nothing is recognised, the start
        of the text itself with its whitespace collapsed. Empty for an empty text or a
        `max_chars` below one.
    """
    if max_chars < 1:
        return ""
    entries, facts = _read(text)
    jobs = _unique(
        f"{entry.role} at {entry.employer}"
        if entry.role and entry.employer
        else entry.role or entry.employer or ""
        for entry in entries
    )
    if not (jobs or facts.projects or facts.skills):
        return _fit([" ".join(text.split())], max_chars)
    parts = [
        # Entries are joined by semicolons: an employer may have a comma ("Acme, Inc.").
        _listed("Experience", jobs, max_chars // 2, joiner="; "),
        _listed("Projects", facts.projects, max_chars // 4),
        _listed("Skills", facts.skills, max_chars // 3),
    ]
    return _fit(parts, max_chars)


def skills_in_common(facts: ResumeFacts, job_description: str) -> tuple[str, ...]:
    """Return the résumé's skills that a job description also names.

    Args:
        facts: What the résumé states.
        job_description: The job's description.

    Returns:
        The skills, in the résumé's order and spelling, that the description mentions in
        any usual form ("Postgres" for PostgreSQL, "Dockerfiles" for Docker).
    """
    return tuple(mentioned_terms(facts.skills, job_description))


def skills_missing(job_key_terms: Sequence[str], resume_text: str) -> tuple[str, ...]:
    """Return the job's key terms that a résumé never mentions, for questions on gaps.

    Args:
        job_key_terms: The job's key terms (from `extract_key_terms`).
        resume_text: The résumé as plain text.

    Returns:
        The terms the résumé mentions in no usual form, in the order given, once each.
    """
    present = set(mentioned_terms(job_key_terms, resume_text))
    return _unique(
        (term for term in job_key_terms if term not in present),
        key=lambda term: canonical_key(term) or _fold(term),
    )
