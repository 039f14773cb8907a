"""The practice interviewer in every interview language, and its questions from a résumé."""

import dataclasses
import json
import random
import re
import string

import pytest

from interview_app.services.calls.follow_ups import build_follow_up_prompt, parse_follow_up
from interview_app.services.calls.practice import FollowUpDraft
from interview_app.services.languages import LANGUAGES
from interview_app.services.voice import registry
from interview_app.services.voice.gemini_live import (
    RESUME_SUMMARY_MAX_CHARACTERS,
    browser_setup,
    system_instruction,
)
from interview_app.services.voice.practice_bank import BANKS, QuestionBank
from interview_app.services.voice.practice_plan import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    ResumeTopics,
    alternative_question,
    build_question_plan,
    follow_up_question,
    resume_topics,
)

BACKEND = """We are looking for a Backend Engineer to join our Platform team.
You will build APIs in Python and Go, run services on Kubernetes and AWS.
Requirements: experience with distributed systems; knowledge of Terraform and Docker."""

TOPICS = ResumeTopics(
    projects=("Atlas Billing",),
    employers=("Acme GmbH",),
    shared_skills=("Python",),
    gaps=("Kubernetes",),
)
ENGLISH = BANKS["en"]
# The placeholder each template of a bank takes.
PLACEHOLDERS = {
    "openers": {"role"},
    "closes": set(),
    "role_fallbacks": {"role"},
    "resume_project": {"project"},
    "resume_employer": {"employer"},
    "resume_skill": {"skill"},
    "resume_gap": {"term"},
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _templates(bank: QuestionBank) -> dict[str, tuple[str, ...]]:
    found = {name: getattr(bank, name) for name in PLACEHOLDERS}
    for level, texts in bank.skill_templates.items():
        found[f"skill_templates.{level}"] = texts
    for level, texts in bank.behavioural.items():
        found[f"behavioural.{level}"] = texts
    return found


def test_every_language_has_a_bank() -> None:
    assert set(BANKS) == {language.code for language in LANGUAGES}


@pytest.mark.parametrize("code", sorted(BANKS))
def test_each_bank_has_the_english_shape_and_placeholders(code: str) -> None:
    bank = BANKS[code]
    english = _templates(ENGLISH)
    for name, texts in _templates(bank).items():
        assert len(texts) == len(english[name]), name
        wanted = PLACEHOLDERS.get(name.split(".")[0], {"term"} if "skill" in name else set())
        for text in texts:
            assert _fields(text) == wanted, (name, text)
            assert text.strip() == text and "  " not in text, (name, text)
    assert _fields(bank.role_named) == {"title"} and not _fields(bank.role_unnamed)
    follow_ups = dataclasses.astuple(bank.follow_ups)
    assert len(set(follow_ups)) == 5 and all(follow_ups)


@pytest.mark.parametrize("code", sorted(set(BANKS) - {"en"}))
def test_no_bank_keeps_an_english_sentence(code: str) -> None:
    english = {text for texts in _templates(ENGLISH).values() for text in texts}
    english_words = re.compile(r"\b(?:the|what|you|your|tell me|how did)\b", re.IGNORECASE)
    for texts in _templates(BANKS[code]).values():
        for text in texts:
            assert text not in english
            assert not english_words.search(text.replace("{term}", "")), text


def test_hindi_is_in_devanagari_and_japanese_in_polite_form() -> None:
    for texts in _templates(BANKS["hi"]).values():
        assert all(re.search(r"[\u0900-\u097f]", text) for text in texts)
    for texts in _templates(BANKS["ja"]).values():
        # Every Japanese question is put politely: ます/です forms or ください.
        assert all(re.search(r"(ます|ました|です|ください|でしょうか)", text) for text in texts)


def test_a_german_plan_is_german_and_keeps_the_shape() -> None:
    questions = build_question_plan(
        title="Backend Engineer",
        description=BACKEND,
        experience_level="mid-level",
        rng=random.Random(7),
        language="de",
    )
    assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS
    assert questions[0].kind == "opener" and questions[-1].kind == "close"
    assert "die Stelle als Backend Engineer" in questions[0].text
    german = {text for texts in _templates(BANKS["de"]).values() for text in texts}
    openers = {text.format(role="die Stelle als Backend Engineer") for text in BANKS["de"].openers}
    for question in questions:
        assert "Sie" in question.text, question.text
        if question.kind in ("behavioural", "close"):
            assert question.text in german
    assert questions[0].text in openers


def test_a_language_plan_is_the_same_for_the_same_random_source() -> None:
    def plan(seed: int) -> list[str]:
        return [
            question.text
            for question in build_question_plan(
                title=None,
                description=BACKEND,
                experience_level="senior",
                rng=random.Random(seed),
                language="ja",
                resume=TOPICS,
            )
        ]

    assert plan(3) == plan(3)
    assert plan(3) != plan(4)


@pytest.mark.parametrize("code", ["en", "de"])
@pytest.mark.parametrize("level", ["junior", "mid-level", "senior"])
def test_a_resume_adds_two_questions_on_what_it_names(code: str, level: str) -> None:
    for seed in range(12):
        questions = build_question_plan(
            title="Backend Engineer",
            description=BACKEND,
            experience_level=level,
            rng=random.Random(seed),
            language=code,
            resume=TOPICS,
        )
        kinds = [question.kind for question in questions]
        assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS
        assert kinds[0] == "opener" and kinds[1] == "resume" and kinds[-1] == "close"
        assert kinds.count("resume") == 2 and kinds.count("behavioural") >= 2
        assert kinds.count("role") >= 1
        resume_texts = [q.text for q in questions if q.kind == "resume"]
        subjects = [
            next(s for s in ("Atlas Billing", "Acme GmbH", "Python", "Kubernetes") if s in text)
            for text in resume_texts
        ]
        # Two facts of two sorts, the project first, and no skill question on a term a
        # résumé question took.
        assert len(set(subjects)) == 2 and subjects[0] == "Atlas Billing"
        for question in questions:
            if question.kind == "role":
                assert not any(subject in question.text for subject in subjects)
        resume_bank = {
            template.format(project=s, employer=s, skill=s, term=s)
            for s in subjects
            for template in (
                *BANKS[code].resume_project,
                *BANKS[code].resume_employer,
                *BANKS[code].resume_skill,
                *BANKS[code].resume_gap,
            )
        }
        assert set(resume_texts) <= resume_bank


def test_a_resume_with_one_fact_gives_one_question_and_none_gives_the_usual_plan() -> None:
    one = build_question_plan(
        title=None,
        description=BACKEND,
        experience_level="junior",
        rng=random.Random(1),
        resume=ResumeTopics(projects=("Atlas",)),
    )
    assert [q.kind for q in one].count("resume") == 1
    assert "Atlas" in one[1].text
    usual = build_question_plan(
        title=None, description=BACKEND, experience_level="junior", rng=random.Random(1)
    )
    empty = build_question_plan(
        title=None,
        description=BACKEND,
        experience_level="junior",
        rng=random.Random(1),
        resume=ResumeTopics(),
    )
    assert usual == empty


def test_resume_questions_avoid_the_last_practice_and_can_be_swapped() -> None:
    first = build_question_plan(
        title=None,
        description=BACKEND,
        experience_level="mid-level",
        rng=random.Random(2),
        resume=TOPICS,
    )
    asked = {q.text for q in first}
    second = build_question_plan(
        title=None,
        description=BACKEND,
        experience_level="mid-level",
        avoid=asked,
        rng=random.Random(2),
        resume=TOPICS,
    )
    assert not {q.text for q in second if q.kind == "resume"} & asked
    swapped = alternative_question(
        kind="resume",
        title=None,
        description=BACKEND,
        experience_level="mid-level",
        exclude=asked,
        rng=random.Random(0),
        language="fr",
        resume=TOPICS,
    )
    assert swapped is not None and "CV" in swapped
    assert (
        alternative_question(
            kind="resume",
            title=None,
            description=BACKEND,
            experience_level="mid-level",
            exclude=set(),
        )
        is None
    )


def test_resume_topics_come_from_the_resume_and_the_job() -> None:
    resume = """Jane Doe

Experience
Senior Backend Engineer, Acme GmbH (2019-2023)
- Built the billing service in Python and PostgreSQL.

Projects
Atlas: a payments dashboard used by 40 teams.

Skills
Python, PostgreSQL, Docker
"""
    topics = resume_topics(
        resume_text=resume,
        description=BACKEND,
        job_key_terms=["Python", "Kubernetes", "Docker", "Terraform"],
    )
    assert "Acme GmbH" in topics.employers
    assert any("Atlas" in project for project in topics.projects)
    assert set(topics.shared_skills) >= {"Python", "Docker"}
    assert "Kubernetes" in topics.gaps and "Python" not in topics.gaps


LONG_WE = {
    "de": (
        "Wir hatten instabile Deployments, also haben wir die Pipeline neu geschrieben, wir "
        "haben Prüfungen eingebaut, unser Team hat jede Änderung geprüft, und am Ende haben "
        "wir die Fehler deutlich reduziert, weil wir konsequent waren und wir dranblieben."
    ),
    "fr": (
        "Nous avions des déploiements instables, alors nous avons réécrit la chaîne, nous "
        "avons ajouté des contrôles, notre équipe a relu chaque changement, et à la fin nous "
        "avons livré la nouvelle version et nous avons réduit les pannes de façon nette."
    ),
    "hi": (
        "हमारे डिप्लॉयमेंट बार बार टूटते थे, इसलिए हमने पूरी पाइपलाइन फिर से लिखी, हमने हर "
        "बदलाव पर जाँच जोड़ी, हमारी टीम ने हर बदलाव की समीक्षा की, और आख़िर में हमने "
        "नतीजा यह पाया कि विफलताएँ काफ़ी कम हो गईं और हम सब ख़ुश थे।"
    ),
    "ja": (
        "私たちはデプロイが不安定だったので、私たちでパイプラインを書き直し、私たちのチームで"
        "すべての変更をレビューしました。最終的に私たちは障害を大きく削減できました。"
    ),
}


@pytest.mark.parametrize("code", sorted(LONG_WE))
def test_rule_follow_ups_read_the_answer_in_its_language(code: str) -> None:
    bank = BANKS[code]
    assert follow_up_question("Kurz.", code) == bank.follow_ups.short
    assert follow_up_question(LONG_WE[code], code) == bank.follow_ups.own_part


def test_german_follow_ups_ask_for_the_result_then_a_number_then_a_reflection() -> None:
    no_result = (
        "Ich sollte die Deployment-Skripte übernehmen, als der bisherige Verantwortliche "
        "ging, also habe ich alle gelesen, aufgeschrieben, was jedes tut, und mit dem Team "
        "über einige Wochen die schwierigsten gemeinsam durchgesehen."
    )
    no_number = (
        "Ich habe die Deployment-Skripte übernommen und sie zu einer Pipeline mit Prüfungen "
        "bei jedem Merge umgebaut; im Ergebnis sind die Fehlschläge beim Deployment deutlich "
        "gesunken und das Team hat den Releases wieder vertraut, was mir wichtig war."
    )
    complete = no_number.replace("deutlich gesunken", "von 8 auf 1 im Monat gesunken")
    follow_ups = BANKS["de"].follow_ups
    assert follow_up_question(no_result, "de") == follow_ups.outcome
    assert follow_up_question(no_number, "de") == follow_ups.number
    assert follow_up_question(complete, "de") == follow_ups.reflection


def test_an_unknown_language_is_english() -> None:
    assert follow_up_question("Short.", "xx") == ENGLISH.follow_ups.short


def test_the_live_instruction_names_the_language_and_carries_a_bounded_resume() -> None:
    text = system_instruction(
        candidate_name="Ada",
        job_title="Engineer",
        experience_level="senior",
        description="Build things.",
        minutes=20,
        language="de",
        resume_summary="Experience: Engineer at Acme GmbH. Projects: Atlas. " + "x" * 2_000,
    )
    assert "Hold the whole interview in German (Deutsch)" in text
    assert "Experience: Engineer at Acme GmbH. Projects: Atlas." in text
    assert "Ask at least two questions about the résumé" in text
    assert "x" * (RESUME_SUMMARY_MAX_CHARACTERS + 1) not in text
    english = system_instruction(
        candidate_name="Ada",
        job_title="Engineer",
        experience_level="senior",
        description="Build things.",
        minutes=20,
    )
    assert "Hold the whole interview" not in english and "résumé" not in english


def test_the_setup_carries_the_speech_language_except_for_english() -> None:
    german = browser_setup("gemini-3.8-live", "Be kind.", None, "de")
    assert german["generationConfig"] == {
        "responseModalities": ["AUDIO"],
        "speechConfig": {"languageCode": "de-DE"},
    }
    assert browser_setup("gemini-3.8-live", "Be kind.", None, "ja")["generationConfig"][
        "speechConfig"
    ] == {"languageCode": "ja-JP"}
    assert browser_setup("gemini-3.8-live", "Be kind.", None)["generationConfig"] == {
        "responseModalities": ["AUDIO"]
    }


def test_a_model_follow_up_is_asked_in_the_interview_language() -> None:
    draft = FollowUpDraft(
        position=20,
        rule_question=BANKS["de"].follow_ups.short,
        question="Erzählen Sie von einem Projekt.",
        answer="Wir haben einen Cache gebaut.",
        job_title="",
        job_description="Python",
        experience_level="mid-level",
        language="de",
    )
    assert build_follow_up_prompt(draft).startswith(
        "## Language\nAsk your question in German (Deutsch), the language of this interview.\n"
    )
    english = dataclasses.replace(draft, language="en")
    assert "## Language" not in build_follow_up_prompt(english)
    # Japanese questions end in a full-width question mark (U+FF1F).
    japanese = "その結果はどうなりましたか\uff1f"
    assert parse_follow_up(json.dumps({"question": japanese})) == japanese


def test_hume_is_offered_for_english_interviews_only() -> None:
    assert registry.speaks("hume", "en") and not registry.speaks("hume", "de")
    assert all(registry.speaks("gemini", language.code) for language in LANGUAGES)
    assert all(registry.speaks("practice", language.code) for language in LANGUAGES)
