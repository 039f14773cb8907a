"""Automatic feedback in the interview's language (issue 21, item 3).

German, French and Spanish answers are read by their own STAR cues and reviewed in their
own language; the six other offered languages say what they could not measure and score
it None; German, French and Spanish postings give key terms in their own words.
"""

from __future__ import annotations

import dataclasses
import json
import re
import string
from pathlib import Path

import pytest

from interview_app.services.feedback.answers import (
    AnswerInputs,
    is_closing_question,
    is_story_question,
    review_answer_automatically,
)
from interview_app.services.feedback.language_rules import rules_for
from interview_app.services.feedback.messages import CATALOGS, message
from interview_app.services.feedback.report import FEEDBACK_CATEGORIES, render_markdown
from interview_app.services.feedback.rubric import automatic_feedback_for
from interview_app.services.jobs.key_terms import (
    canonical_key,
    extract_key_terms,
    posting_language,
)
from interview_app.services.languages import LANGUAGES
from interview_app.services.transcript_entry import TranscriptEntry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", ["de", "fr", "es"])
def test_each_catalog_says_everything_english_says_with_the_same_placeholders(code: str) -> None:
    english = {
        key: text for key, text in CATALOGS["en"].items() if not key.startswith("unmeasured")
    }
    english = {key: text for key, text in english.items() if not key.startswith("unit.")}
    catalog = CATALOGS[code]
    assert set(english) <= set(catalog)
    for key, text in english.items():
        assert _placeholders(catalog[key]) == _placeholders(text), key


def _inputs(question: str, answer: str, language: str, job: str = "") -> AnswerInputs:
    return AnswerInputs(
        question=question,
        answer=[TranscriptEntry(speaker="interviewee", text=answer, start_ms=0)],
        job_description=job,
        job_title=None,
        experience_level="mid-level",
        question_index=0,
        language=language,
    )


GERMAN_STORY = (
    "Als ich bei meinem letzten Arbeitgeber war, hatten wir ständig Ausfälle im "
    "Zahlungsdienst. Meine Aufgabe war es, die Ursache zu finden. Ich habe zuerst die "
    "Logs analysiert und dann einen Circuit Breaker eingeführt. Dadurch sank die "
    "Fehlerquote um 40 Prozent."
)
FRENCH_STORY = (
    "Quand j'étais dans mon précédent poste, notre équipe perdait des commandes. Mon rôle "
    "était de trouver la cause. J'ai d'abord analysé les journaux, puis j'ai ajouté des "
    "relances automatiques. Au final, les pertes ont baissé de 40 %."
)
SPANISH_STORY = (
    "Cuando trabajaba en mi anterior empresa, teníamos caídas en el servicio de pagos. Mi "
    "tarea era encontrar la causa. Primero analicé los registros y luego implementé "
    "reintentos automáticos. Como resultado, los errores bajaron un 40 %."
)


@pytest.mark.parametrize(
    ("language", "question", "answer"),
    [
        (
            "de",
            "Erzählen Sie von einer Situation, in der Sie einen Ausfall behoben haben.",
            GERMAN_STORY,
        ),
        ("fr", "Parlez-moi d'une fois où vous avez résolu une panne.", FRENCH_STORY),
        ("es", "Háblame de una vez en la que resolviste una caída.", SPANISH_STORY),
    ],
)
def test_a_full_story_is_read_in_its_language_and_reviewed_in_it(
    language: str, question: str, answer: str
) -> None:
    assert is_story_question(question, language)
    review = review_answer_automatically(_inputs(question, answer, language))

    assert review.star == ["situation", "task", "action", "result"]
    assert review.language == language
    assert message(language, "worked.all_star") in review.worked
    assert message(language, "worked.number") in review.worked
    thin = review_answer_automatically(_inputs(question, answer.split(".")[0] + ".", language))
    assert review.score is not None and thin.score is not None and review.score > thin.score
    # The stronger version's labels are the language's.
    assert f"**{message(language, 'label.result')}:**" in review.stronger_version
    # Nothing English leaks into what the candidate reads.
    for english in ("You ", "Add the", "missing the", "Strong:", "What did"):
        assert english not in review.worked + review.improve + review.verdict


def test_a_thin_german_answer_is_told_what_to_add_in_german() -> None:
    review = review_answer_automatically(
        _inputs(
            "Erzählen Sie von einer Situation, in der Sie unter Zeitdruck standen.",
            "Wir hatten großen Zeitdruck und eine knappe Frist, und wir haben es gemeinsam "
            "geschafft, das Team war sehr gut und wir haben viel gearbeitet.",
            "de",
        )
    )
    assert review.verdict.startswith(("Dünn", "Solide"))
    assert "Ihr Vorgehen" in review.verdict
    assert "Ergänzen Sie" in review.improve
    assert "„wir“" in review.improve  # says "we" throughout
    assert "[Was haben *Sie* Schritt für Schritt getan?" in review.stronger_version


def test_a_short_french_answer_and_a_skipped_spanish_one() -> None:
    short = review_answer_automatically(
        _inputs("Parlez-moi de vous.", "Je suis développeur.", "fr")
    )
    assert short.verdict == "Trop court pour juger : 3 mots."
    skipped = review_answer_automatically(_inputs("Háblame de ti.", "", "es"))
    assert (skipped.score, skipped.verdict) == (0, "Sin respuesta.")


def test_an_off_topic_spanish_answer_is_called_so() -> None:
    review = review_answer_automatically(
        _inputs(
            "Háblame de una vez en la que resolviste un conflicto con un compañero.",
            "El verano pasado viajé a Roma con mi familia y visitamos muchos museos, comimos "
            "muy bien y descansamos bastante durante dos semanas.",
            "es",
        )
    )
    assert review.verdict == message("es", "verdict.off_topic")
    assert review.worked == ""


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("de", "Haben Sie noch Fragen an uns?"),
        ("fr", "Avez-vous des questions pour moi ?"),
        ("es", "¿Tienes alguna pregunta para nosotros?"),
        ("en", "Do you have any questions for me?"),
    ],
)
def test_the_closing_question_is_known_in_each_language(language: str, question: str) -> None:
    assert is_closing_question(question, language)
    assert not is_story_question(question, language)


@pytest.mark.parametrize(
    ("language", "text", "parts"),
    [
        ("de", "Ich hatte keine Zeit und ich sollte das machen.", ("task",)),
        ("de", "Ich analysierte die Logs.", ("action",)),
        ("fr", "J'ai été chargé du projet.", ("task",)),
        ("es", "Aquí también así es.", ()),
    ],
)
def test_star_cues_that_are_not_what_they_seem(language: str, text: str, parts: tuple) -> None:
    rules = rules_for(language)
    assert rules is not None
    assert rules.star(text) == parts


OTHER_LANGUAGES = [language.code for language in LANGUAGES if language.code not in CATALOGS]


def test_six_languages_have_no_rules_and_four_do() -> None:
    assert sorted(OTHER_LANGUAGES) == ["hi", "it", "ja", "nl", "pl", "pt"]
    assert all(rules_for(code) is not None for code in CATALOGS)
    assert all(rules_for(code) is None for code in OTHER_LANGUAGES)


PORTUGUESE = [
    TranscriptEntry(
        speaker="interviewer", text="Fale-me de um projeto difícil.", start_ms=0, end_ms=2_000
    ),
    TranscriptEntry(
        speaker="interviewee",
        text=(
            "No meu último emprego liderei a migração do sistema de pagamentos. Primeiro "
            "analisei os riscos e depois dividi o trabalho em etapas. No final reduzimos os "
            "erros em 40 por cento."
        ),
        start_ms=3_500,
        end_ms=18_000,
        spoken=True,
    ),
    TranscriptEntry(
        speaker="interviewer", text="Alguma pergunta para mim?", start_ms=19_000, end_ms=20_000
    ),
    TranscriptEntry(
        speaker="interviewee", text="Como é a equipa?", start_ms=21_500, end_ms=23_000, spoken=True
    ),
]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_other_languages_say_what_was_not_measured_and_score_none(code: str) -> None:
    report = automatic_feedback_for(
        transcript=PORTUGUESE,
        job_description="Engenheiro de software: Python, Kafka.",
        language=code,
    )
    by_name = {category.name: category for category in report.categories}
    name = next(language.name for language in LANGUAGES if language.code == code)

    assert report.language == code
    for unmeasured in (
        "Confidence and Emotional State",
        "Response Quality",
        "Role Fit & Alignment",
    ):
        assert by_name[unmeasured].score is None
        assert f"not measured in {name}" in by_name[unmeasured].markdown.lower().replace(
            name.lower(), name
        )
    # What needs no language is still reported: answers given, timing of spoken answers.
    assert by_name["Engagement and Interaction"].score is not None
    assert "You answered 2 of 2 question(s)." in by_name["Engagement and Interaction"].markdown
    assert "began answering" in by_name["Pacing and Timing"].markdown
    assert f"were not measured in {name}" in report.summary
    assert report.key_terms == []
    for review in report.answers:
        assert review.score is None
        assert review.star == []
        assert review.verdict.startswith(
            f"Not scored: the automatic review cannot judge the content of answers in {name}"
        )
        assert "STAR structure" in review.improve
    assert "not measured" in render_markdown(report)


def test_japanese_lengths_are_characters_and_its_pace_is_not_measured() -> None:
    transcript = [
        TranscriptEntry(
            speaker="interviewer",
            text="難しかったプロジェクトについて教えてください。",
            start_ms=0,
            end_ms=2_000,
        ),
        TranscriptEntry(
            speaker="interviewee",
            text="前の会社で決済システムの移行を担当しました。まずリスクを分析しました。",
            start_ms=3_000,
            end_ms=12_000,
            spoken=True,
        ),
    ]
    report = automatic_feedback_for(transcript=transcript, job_description="Python", language="ja")
    pacing = next(c for c in report.categories if c.name == FEEDBACK_CATEGORIES[3])
    assert "Speaking pace is not measured in Japanese" in pacing.markdown
    assert "characters" in report.answers[0].verdict
    assert report.answers[0].score is None


GERMAN_TRANSCRIPT = [
    TranscriptEntry(
        speaker="interviewer",
        text="Erzählen Sie von einer Situation, in der Sie einen Ausfall behoben haben.",
        start_ms=0,
        end_ms=3_000,
    ),
    TranscriptEntry(speaker="interviewee", text=GERMAN_STORY, start_ms=4_000, end_ms=40_000),
    TranscriptEntry(
        speaker="interviewer", text="Haben Sie noch Fragen an uns?", start_ms=41_000, end_ms=43_000
    ),
    TranscriptEntry(
        speaker="interviewee", text="Wie arbeitet das Team?", start_ms=44_000, end_ms=46_000
    ),
]


def test_a_german_interview_gets_a_german_report() -> None:
    report = automatic_feedback_for(
        transcript=GERMAN_TRANSCRIPT,
        job_description="Backend-Entwickler (m/w/d): Erfahrung mit Python und Kafka.",
        language="de",
    )
    assert report.language == "de"
    assert report.summary.startswith("Insgesamt ")
    markdown = render_markdown(report)
    assert "*Automatisches Feedback" in markdown
    assert "Ihre Antworten erreichten im Schnitt" in markdown
    assert "Wörter pro Minute" in markdown
    assert "Sie haben 2 von 2 Frage(n) beantwortet." in markdown
    # Decimal commas, German quotes.
    assert re.search(r"\d,\d/10", markdown)
    assert "„" in markdown
    assert {"Python", "Kafka"} <= set(report.key_terms)


GERMAN_POSTING = """Backend-Entwicklerin (m/w/d) in Berlin
Ihre Aufgaben: Sie entwickeln Microservices mit Python und FastAPI und betreiben sie auf
Kubernetes. Ihr Profil: Erfahrung mit PostgreSQL und Kafka, sehr gute Kenntnisse in agiler
Softwareentwicklung und Qualitätssicherung. Projektmanagement ist ein Plus.
Wir bieten 30 Tage Urlaub und ein JobRad."""


@pytest.mark.parametrize("language", ["de", None])
def test_a_german_posting_gives_german_key_terms_and_no_stopwords(language: str | None) -> None:
    terms = extract_key_terms(GERMAN_POSTING, limit=30, language=language)
    assert {"Python", "FastAPI", "Kubernetes", "PostgreSQL", "Kafka"} <= set(terms)
    assert {"Softwareentwicklung", "Qualitätssicherung", "Projektmanagement"} <= set(terms)
    lowered = {term.lower() for term in terms}
    for never in ("und", "wir", "sie", "ihr", "m/w/d", "berlin", "urlaub", "jobrad", "aufgaben"):
        assert never not in lowered


def test_the_posting_language_is_read_from_its_common_words() -> None:
    assert posting_language(GERMAN_POSTING) == "de"
    assert posting_language("Vous développerez des API avec nous et pour nos clients.") == "fr"
    assert posting_language("Buscamos una persona para el equipo de datos con experiencia.") == "es"
    assert posting_language("We are looking for a Python developer to join our team.") == "en"


def _language_scores() -> dict[str, tuple[float, float]]:
    document = json.loads((FIXTURES / "key_terms" / "held_out_languages.json").read_text("utf-8"))
    totals: dict[str, list[int]] = {}
    for item in document["sentences"]:
        wanted = {canonical_key(term) for term in item["terms"]}
        got = {
            canonical_key(term)
            for term in extract_key_terms(item["sentence"], limit=100, language=item["language"])
        }
        expected, found, correct = totals.setdefault(item["language"], [0, 0, 0])
        totals[item["language"]] = [
            expected + len(wanted),
            found + len(got),
            correct + len(wanted & got),
        ]
    return {
        code: (correct / found if found else 1.0, correct / expected if expected else 1.0)
        for code, (expected, found, correct) in totals.items()
    }


def test_key_terms_precision_and_recall_on_held_out_sentences_per_language() -> None:
    # Floors a little under the figures first measured on this held-out set:
    # German 1.00 / 0.79, French 0.91 / 0.91, Spanish 1.00 / 1.00 (precision / recall).
    scores = _language_scores()
    assert scores["de"][0] >= 0.9 and scores["de"][1] >= 0.7
    assert scores["fr"][0] >= 0.85 and scores["fr"][1] >= 0.85
    assert scores["es"][0] >= 0.9 and scores["es"][1] >= 0.9


def test_the_model_prompt_names_the_language_and_bounds_the_resume() -> None:
    from interview_app.services.feedback.prompt import (
        RESUME_EXCERPT_CHARS,
        SYSTEM_PROMPT,
        FeedbackInputs,
        build_prompt,
    )

    inputs = FeedbackInputs(
        candidate_name="Kenji",
        job_title="Backend",
        job_name="Backend",
        job_description="Python",
        experience_level="senior",
        transcript=GERMAN_TRANSCRIPT,
        language="ja",
        resume_text="Experience\nEngineer, Acme KK (2018 - 2024)\n" + "Built things. " * 400,
    )
    prompt = build_prompt(inputs)
    assert (
        "## Interview language\nJapanese (日本語, ja). Write every text field in Japanese" in prompt
    )
    excerpt = next(line for line in prompt.splitlines() if line.startswith("Excerpt: "))
    assert len(excerpt) <= len("Excerpt: ") + RESUME_EXCERPT_CHARS
    assert "Keep the JSON keys, the category names and the STAR part names" in SYSTEM_PROMPT
    without = build_prompt(dataclasses.replace(inputs, resume_text=""))
    assert "## Résumé" not in without


def test_model_resume_notes_are_kept_only_when_a_resume_was_given() -> None:
    from interview_app.devtools.fake_gemini import sample_feedback
    from interview_app.services.feedback.answers import pair_answers
    from interview_app.services.feedback.prompt import parse_feedback

    answer = {
        **sample_feedback(6),
        "answers": [
            {
                "question_index": 0,
                "score": 6,
                "star": [],
                "worked": "Gut.",
                "improve": "Mehr.",
                "stronger_version": "…",
                "verdict": "Solide.",
                "quotes": [],
                "resume_notes": ["Ihr Lebenslauf nennt Kafka."],
            }
        ],
    }
    pairs = pair_answers(GERMAN_TRANSCRIPT)
    kept = parse_feedback(json.dumps(answer), pairs, language="de", with_resume=True)
    assert kept.answers[0].resume_notes == ["Ihr Lebenslauf nennt Kafka."]
    assert (kept.language, kept.answers[0].language) == ("de", "de")
    dropped = parse_feedback(json.dumps(answer), pairs, language="de")
    assert dropped.answers[0].resume_notes == []


def test_star_cues_on_held_out_answers_per_language() -> None:
    # First measured (micro-averaged over the parts): German precision 1.00, recall 0.93
    # ("Ich habe ... erhöht" was missed: "erhöht" is a participle without "ge"); French
    # and Spanish 1.00 / 1.00. Floors sit under those figures.
    document = json.loads((FIXTURES / "star_languages" / "held_out.json").read_text("utf-8"))
    totals: dict[str, list[int]] = {}
    for item in document["answers"]:
        rules = rules_for(item["language"])
        assert rules is not None
        got, wanted = set(rules.star(item["text"])), set(item["parts"])
        expected, found, correct = totals.get(item["language"], [0, 0, 0])
        totals[item["language"]] = [
            expected + len(wanted),
            found + len(got),
            correct + len(got & wanted),
        ]
    for code, (expected, found, correct) in totals.items():
        assert correct / found >= 0.9, code
        assert correct / expected >= 0.85, code


def test_quotes_in_any_languages_quotation_marks_are_checked() -> None:
    from interview_app.services.feedback.quotes import verify_quotes

    report = automatic_feedback_for(
        transcript=GERMAN_TRANSCRIPT, job_description="Python und Kafka", language="de"
    )
    # The automatic feedback quotes the candidate verbatim: nothing is dropped.
    assert verify_quotes(report, GERMAN_TRANSCRIPT).quotes_dropped == 0
    invented = report.model_copy(
        update={
            "summary": "Bei 00:04: „Ich habe alles allein und ohne Hilfe gemacht“. Und "
            "à 00:04 : « j'ai tout refait seul en une nuit » aussi."
        }
    )
    checked = verify_quotes(invented, GERMAN_TRANSCRIPT)
    assert checked.quotes_dropped == 2
    assert checked.summary.count("(Zitat entfernt: nicht in Ihren Antworten gefunden)") == 2


def test_an_answer_cards_figures_count_in_the_reviews_language() -> None:
    from interview_app.services.feedback.report import AnswerReview
    from interview_app.services.retries.attempts import answer_figures

    answer = "Äh, also, ich habe äh die Logs analysiert."
    german = AnswerReview(question_index=0, question="?", answer=answer, score=3, language="de")
    english = german.model_copy(update={"language": "en"})
    # "Äh", "also" opening after it, and "äh" again.
    assert answer_figures(german, answer, []).fillers == 3
    assert answer_figures(english, answer, []).fillers == 0
    japanese = german.model_copy(update={"language": "ja", "score": None})
    text = "前の会社で決済システムを担当しました。"
    figures = answer_figures(japanese, text, [])
    # Japanese is counted in characters, and its fillers are not measured.
    assert (figures.score, figures.fillers) == (None, None)
    assert figures.words == sum(1 for character in text if character.isalpha())


def test_with_few_categories_measured_none_is_both_a_strength_and_an_improvement() -> None:
    report = automatic_feedback_for(transcript=PORTUGUESE, job_description="", language="pt")
    assert not set(report.strengths) & set(report.improvements)


def test_the_reports_headings_are_in_its_language_and_english_is_unchanged() -> None:
    assert [CATALOGS["en"][f"category.{i}"] for i in range(7)] == list(FEEDBACK_CATEGORIES)
    german = automatic_feedback_for(
        transcript=GERMAN_TRANSCRIPT, job_description="Python", language="de"
    )
    markdown = render_markdown(german)
    assert markdown.startswith("## Gesamtbewertung: ")
    assert "## Klarheit: " in markdown and "## Passung zur Stelle: " in markdown
    # The structure keeps its English keys.
    assert [c.name for c in german.categories] == list(FEEDBACK_CATEGORIES)
    english = german.model_copy(update={"language": "en"})
    assert render_markdown(english).startswith("## Overall Rating: ")


def test_the_answers_markdown_is_in_the_reports_language() -> None:
    from interview_app.services.feedback.report import render_answers_markdown

    german = automatic_feedback_for(
        transcript=GERMAN_TRANSCRIPT, job_description="Python", language="de"
    )
    markdown = render_answers_markdown(german)
    assert markdown.startswith("## Ihre Antworten")
    assert "**STAR-Teile:** Situation, Aufgabe, Vorgehen, Ergebnis" in markdown
    assert "**Eine stärkere Fassung**" in markdown
    english = render_answers_markdown(german.model_copy(update={"language": "en"}))
    assert "**STAR parts:** situation, task, action, result" in english
