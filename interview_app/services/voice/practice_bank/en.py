"""The English practice interviewer: the bank the other languages are written from."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "en"

_SKILL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "junior": (
        "The description mentions {term}. Tell me about something you built or studied "
        "with {term}, and what you learned from it.",
        "How would you go about getting productive with {term} in your first weeks here?",
        "Walk me through a problem you solved using {term}. Where did you get stuck?",
    ),
    "mid-level": (
        "Tell me about a project where you used {term}. What was your part, and what "
        "would you do differently now?",
        "What trade-offs have you run into with {term}, and how did you decide between them?",
        "Describe the hardest problem you've solved with {term}. How did you approach it?",
    ),
    "senior": (
        "Tell me about a time you shaped how a team uses {term}. What did you decide, and "
        "what came of it?",
        "Where does {term} fall short, in your experience, and how have you worked around it "
        "at scale?",
        "How would you judge whether a team's use of {term} is healthy? Give an example "
        "from your own work.",
    ),
}

_ROLE_FALLBACKS: tuple[str, ...] = (
    "Which parts of {role} match what you've done before, and which would be new for you?",
    "What do you expect the first three months in {role} to look like, and how would you prepare?",
    "Which piece of your past work best shows you could do {role}? Walk me through it.",
    "What would you need to learn first to do well in {role}, and how would you learn it?",
    "Tell me about the most relevant problem you've solved for {role}. What was your part?",
)

# Behavioural questions by level, each answerable with STAR.
_BEHAVIOURAL: dict[str, tuple[str, ...]] = {
    "junior": (
        "Tell me about a time you had to learn something new quickly to finish a task. "
        "What was the situation, what did you do, and how did it turn out?",
        "Describe a time you made a mistake on a project or assignment. How did you handle "
        "it, and what was the result?",
        "Tell me about a time you asked for help or feedback. What prompted it and what "
        "changed afterwards?",
        "Give me an example of a team project where you had to work with someone whose "
        "approach differed from yours. What did you do?",
        "Tell me about a deadline you found hard to meet. How did you plan your work, and "
        "what happened?",
        "Describe a time you noticed a problem before anyone asked you to look at it. What "
        "did you do, and what came of it?",
        "Tell me about a piece of work you are proud of. What was your part, and how did "
        "you know it was good?",
        "Give me an example of a time you had to explain something technical or complicated "
        "to someone new to it. How did you go about it?",
        "Tell me about a time you had several tasks and not enough time. How did you choose, "
        "and how did it turn out?",
        "Describe a time something you tried did not work the first time. What did you "
        "change, and what was the result?",
    ),
    "mid-level": (
        "Tell me about a time you disagreed with a teammate about how to do something. "
        "What did you do, and what was the outcome?",
        "Describe a project that went off track. What was your role in getting it back, "
        "and what was the result?",
        "Tell me about a time you had to balance several priorities at once. How did you "
        "decide, and how did it turn out?",
        "Give me an example of a time you improved a process or a piece of work nobody "
        "asked you to. What did you change, and what did it achieve?",
        "Tell me about a time you received critical feedback. How did you respond, and what "
        "changed?",
        "Describe a time you took ownership of a problem outside your usual responsibilities. "
        "What did you do, and what was the outcome?",
        "Tell me about a decision you made with data. What did the data say, what did you "
        "decide, and what happened?",
        "Give me an example of a time you helped a colleague get unstuck. What was the "
        "situation and what did you do?",
        "Tell me about a time a requirement changed late. How did you adapt, and what was "
        "the result?",
        "Describe the biggest mistake you made in the last few years at work. What happened "
        "next, and what do you do differently now?",
    ),
    "senior": (
        "Tell me about a time you led a team through a significant technical or business "
        "decision with incomplete information. What did you decide and what happened?",
        "Describe a time you had to influence people you had no authority over. How did you "
        "approach it, and what was the result?",
        "Tell me about a time you helped someone on your team grow. What was the situation, "
        "what did you do, and what changed for them?",
        "Give me an example of a failure you were accountable for. What did you do "
        "afterwards, and what did the organisation learn?",
        "Tell me about a time you had to push back on a deadline or a request from "
        "leadership. How did you handle it, and how did it end?",
        "Describe a time you changed how a team or department works. Why, how did you win "
        "people over, and what was the measurable result?",
        "Tell me about a conflict between two people or teams that you resolved. What did "
        "you do, and how did it end?",
        "Give me an example of a long-term bet you made that paid off, or did not. How did "
        "you decide, and what did you learn?",
        "Tell me about a time you had to cut scope or stop a project. How did you decide "
        "and how did you bring people along?",
        "Describe how you handled an incident or crisis you were responsible for. What did "
        "you do in the moment, and what changed afterwards?",
    ),
}

_OPENERS: tuple[str, ...] = (
    "Thanks for joining. To start, tell me a little about yourself and what draws you to {role}.",
    "Let's begin with your story: what have you been working on lately, and why {role}?",
    "To start, walk me through your background and what you would bring to {role}.",
)

_CLOSES: tuple[str, ...] = (
    "That's all my questions. Is there anything you'd like to ask me, or anything you want "
    "to add about why you're a good fit?",
    "We're nearly out of time. What would you like to ask me about the role or the team?",
    "Before we finish: what questions do you have for me, and is there anything we did not "
    "cover that you want me to know?",
)

_NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "twenty",
        "thirty",
        "fifty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "percent",
        "half",
        "double",
        "doubled",
        "tripled",
        "halved",
        "dozen",
    ]
)
_OUTCOME_WORDS = frozenset(
    [
        "result",
        "results",
        "resulted",
        "outcome",
        "reduced",
        "increased",
        "improved",
        "saved",
        "cut",
        "grew",
        "dropped",
        "launched",
        "shipped",
        "finished",
        "delivered",
        "won",
        "achieved",
        "fixed",
        "solved",
        "led",
        "ended",
    ]
)

BANK = QuestionBank(
    role_named="this {title} role",
    role_unnamed="this role",
    openers=_OPENERS,
    closes=_CLOSES,
    skill_templates=_SKILL_TEMPLATES,
    role_fallbacks=_ROLE_FALLBACKS,
    behavioural=_BEHAVIOURAL,
    resume_project=(
        "Your résumé mentions {project}. What was your own part in it, and what came of it?",
        "Walk me through {project} from your résumé: what problem did it solve, and which "
        "decision in it are you proudest of?",
        "Tell me about {project}. What was the hardest part, and how did you get past it?",
    ),
    resume_employer=(
        "Tell me about your time at {employer}. What is the piece of work there you are "
        "proudest of?",
        "What did you learn at {employer} that you would bring to this job?",
    ),
    resume_skill=(
        "Your résumé lists {skill}, and this job asks for it too. Tell me about the last "
        "time you used it on real work. What did you do with it?",
        "You have {skill} on your résumé, and we use it here. How deep does your experience "
        "go? Give me an example.",
    ),
    resume_gap=(
        "This job asks for {term}, which I don't see on your résumé. Have you worked with "
        "it somewhere, and if not, how would you get up to speed?",
        "The role needs {term}, and your résumé doesn't mention it. What is the closest "
        "thing you have done, and how would you close the gap?",
    ),
    follow_ups=FollowUps(
        short=(
            "Could you say more about that? Take one concrete example and walk me through "
            "what happened and what you did."
        ),
        own_part=(
            'You said "we" a lot there. What was your own part: what did you decide or do yourself?'
        ),
        outcome="How did that turn out? What was the result, and can you put a number on it?",
        number=(
            "Can you put a number on that result: time saved, errors avoided, users, money, "
            "or anything else you measured?"
        ),
        reflection="Looking back, what would you do differently if you faced that again, and why?",
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"we", "our", "us", "we're", "we've"}),
        own=frozenset({"i", "i'm", "i've", "i'd", "my", "me"}),
        outcome=_OUTCOME_WORDS,
        numbers=_NUMBER_WORDS,
        exact=True,
    ),
)
