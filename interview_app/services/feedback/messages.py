"""Every sentence the automatic feedback writes to the candidate, per interview language.

English, German, French and Spanish have a catalog each: the verdicts, what worked, what
to improve, the stronger version's prompts, the categories' explanations and the notes on
what was not measured. The report's JSON keys and category names stay English (they are
its structure); what a candidate reads is in the interview's language. The other offered
languages read the English catalog, with a note that says what could not be measured in
their language (`unmeasured.*`, English only).

Numbers are written as each language writes them (`2,5` in German, French and Spanish)
and STAR parts are named with the article each sentence needs ("die Aufgabe", "la tâche").
"""

from __future__ import annotations

from collections.abc import Sequence

from interview_app.services.languages import language_for

_EN: dict[str, str] = {
    "star.situation": "situation",
    "star.task": "task",
    "star.action": "action",
    "star.result": "result",
    "answers.heading": "Your answers",
    "answers.question": "Question {number}",
    "answers.your_answer": "Your answer",
    "answers.no_answer": "*(no answer)*",
    "answers.verdict": "Verdict",
    "answers.star": "STAR parts",
    "answers.none": "none",
    "answers.worked": "What worked",
    "answers.improve": "What to improve",
    "answers.stronger": "A stronger version",
    "answers.resume": "Résumé",
    "heading.overall": "Overall Rating",
    "heading.strengths": "Top strengths",
    "heading.improvements": "Top improvements",
    "quoted": '"{text}"',
    "quote.dropped": "(quote left out: not found in your answers)",
    "part.situation": "situation",
    "part.task": "task",
    "part.action": "action",
    "part.result": "result",
    "label.situation": "Situation",
    "label.task": "Task",
    "label.action": "Action",
    "label.result": "Result",
    "and": "and",
    "or": "or",
    "prompt.situation": "[Where and when was this? One sentence of context.]",
    "prompt.task": "[What were you asked to do, or what was the goal?]",
    "prompt.action": '[What did *you* do, step by step? Say "I", not "we".]',
    "prompt.result": "[What came of it? Add a number you know: time saved, % improved, users.]",
    "scaffold.number": "[Put a number on it if you have one.]",
    "scaffold.job": "*Tie it to the job:* if you used {terms} here, say so.",
    "closing.work": (
        "[A question about the work itself, e.g. what success looks like in this role "
        "after six months]"
    ),
    "closing.team": "[A question about the team, e.g. how it plans and reviews its work]",
    "worked.asked": "You asked {count} question(s) of your own.",
    "worked.all_star": "All four STAR parts: situation, task, action and result.",
    "worked.action": "You said what *you* did.",
    "worked.number": "You put a number on the outcome.",
    "worked.terms": "You named the job's {terms}.",
    "worked.answered": "You answered the question that was asked.",
    "improve.skipped": "Answer the question, even briefly: a skipped question scores 0.",
    "improve.ask": (
        "Ask one or two questions about the team or the work; none can read as low interest."
    ),
    "improve.say_more": (
        "Say more: {words} words cannot show what you did. Strong answers run {low} to "
        "{high} words."
    ),
    "improve.tighten": "Tighten it: {words} words; aim for {high}.",
    "improve.add_parts": "Add the {parts}.",
    "improve.number": "Put a number on the result (time, money, %, people).",
    "improve.hedges": 'Drop the hedges ("I think", "maybe": {count} here) and say it plainly.',
    "improve.fillers": "Pause instead of filling: {count} filler word(s) in this answer.",
    "improve.we": 'Say what *you* did: the answer says "we" throughout.',
    "improve.off_topic": "Answer the question that was asked; this answer spoke about another.",
    "improve.job_terms": "Tie it to the job: {terms}, where you have it.",
    "verdict.none": "No answer.",
    "verdict.asked": "You asked {count} question(s).",
    "verdict.no_questions": "No questions of your own.",
    "verdict.too_short": "Too short to judge: {words} words.",
    "verdict.strong": "Strong: a complete, specific answer.",
    "verdict.hedged": "Hedged: the substance is there, say it with conviction.",
    "verdict.hedged_thin": "Hedged and thin: say plainly what you know, with an example.",
    "verdict.off_topic": "Off the question: answer what was asked, with a story of your own.",
    "verdict.solid_missing": "Solid, but missing the {parts}.",
    "verdict.thin_missing": "Thin, but missing the {parts}.",
    "verdict.solid": "Solid; add specifics to make it memorable.",
    "quote": 'at {clock}: "{words}"',
    "not_measured": "not measured",
    "clarity.fillers": (
        "You used {rate} filler words per 100 words (under {good} goes unnoticed, over "
        "{high} distracts)."
    ),
    "clarity.worst": (
        "Your answer with the most fillers, {quote}, had {count}; pausing silently instead "
        "of filling the gap makes the same answer sound surer."
    ),
    "clarity.shortest": (
        "Your shortest answer, {quote}, had {words} words: too few to explain anything. "
        "Give each answer a point, an example and an outcome."
    ),
    "clarity.fine": "None of your answers leaned on fillers, and each had room to explain.",
    "clarity.fillers_unmeasured": (
        "Filler words: {not_measured} in {language}. Your answers' length was: most strong "
        "answers run {low} to {high} words."
    ),
    "clarity.length_fine": "Each of your answers had room to explain.",
    "confidence.hedges": (
        'You hedged ("I think", "maybe", "I guess" ...) {count} time(s) over {answers} answer(s).'
    ),
    "confidence.example": (
        "For example {quote}. State what you did and what you know plainly; keep qualifiers "
        "for real uncertainty."
    ),
    "confidence.short": (
        "{count} answer(s) had under {limit} words, such as {quote}. A very short answer "
        "reads as unsure, however it is meant."
    ),
    "confidence.plain": "You stated your experience plainly, which reads as sure.",
    "confidence.words_only": (
        "This automatic feedback reads your words only, not your voice or face."
    ),
    "confidence.hedges_unmeasured": "Hedges: {not_measured} in {language}.",
    "quality.mean": "Your answers scored {mean}/10 on average, question by question.",
    "quality.strongest": "Strongest ({score}/10): {quote} ({parts}).",
    "quality.no_parts": "no STAR parts",
    "quality.no_answer": 'no answer to "{question}"',
    "quality.missing": (
        "It was missing the {parts}: say what the situation was, what you were asked to do, "
        "what *you* did and what came of it, with a number if you have one."
    ),
    "quality.weakest": "Weakest ({score}/10): {said}. {advice}",
    "pacing.typed": (
        "Pace, pauses and timing: {not_measured}. Your answers were typed, so there was no "
        "speaking pace or pause before answering to measure."
    ),
    "pacing.pace": (
        "You spoke at about {wpm} words a minute (conversational speech is around {low} to {high})."
    ),
    "pacing.latency": (
        "You usually began answering {seconds} s after the question (a pause of {low} to "
        "{high} s reads as thoughtful)."
    ),
    "pacing.longest": (
        "Your longest spoken answer ran {words} words ({quote}); most strong answers run "
        "{low} to {high} words."
    ),
    "pacing.typed_left_out": "Your typed answers were left out: they have no pace to measure.",
    "engagement.answered": "You answered {answered} of {total} question(s).",
    "engagement.talk": (
        "You did {share} of the talking (candidates usually speak {low} to {high} of an interview)."
    ),
    "engagement.talk_typed": "Talk share: {not_measured}, as your answers were typed.",
    "engagement.asked": "You asked the interviewer {count} question(s): {questions}.",
    "engagement.none": (
        "Prepare one or two questions for the interviewer about the team or the work; asking "
        "none can read as low interest."
    ),
    "fit.no_terms": (
        "The job description names no specific tools or skills to check your answers "
        "against; tie your examples to what the role asks for."
    ),
    "fit.mentioned_some": "You mentioned {covered} of the job's {total} key terms: {terms}.",
    "fit.mentioned_none": "You mentioned {covered} of the job's {total} key terms.",
    "fit.missing": (
        "Not mentioned: {terms}. Where you have that experience, name it with an example."
    ),
    "none.note": "There were no answers to assess. Answer at least one question in full.",
    "none.improve": "Answer every question, even briefly.",
    "summary.weakest": "Question {number} ({score}/10): {verdict}",
    "summary.overview": (
        "Overall {overall}/10, from your answers' scores ({mean}/10 on average) and how you "
        "delivered them. "
    ),
    "summary.strongest_area": "Your strongest area was {area}. ",
    "summary.work_on": "Work on {area} first.",
    "summary.keep": "Keep it up.",
    "summary.strongest": "Strongest: {areas}.",
    "summary.none_above": "none above 6/10 yet",
    "summary.to_improve": "To improve: {areas}.",
    "summary.nothing_below": "nothing below 8/10",
    "automatic_note": (
        "*Automatic feedback, computed from your answers and their delivery metrics.*"
    ),
    "category.0": "Communication Clarity",
    "category.1": "Confidence and Emotional State",
    "category.2": "Response Quality",
    "category.3": "Pacing and Timing",
    "category.4": "Engagement and Interaction",
    "category.5": "Role Fit & Alignment",
    "category.6": "Overall Strengths & Areas for Improvement",
    "resume.unused": (
        "Your résumé names {items}, which fits this question; you did not mention it."
    ),
    "resume.unsupported": (
        'You said "{claim}", which your résumé does not mention: be ready to back it up, '
        "or add it to your résumé if it is true."
    ),
    # Only for languages without a catalog: what the automatic feedback could not read.
    "unmeasured.verdict": (
        "Not scored: the automatic review cannot judge the content of answers in {language} "
        "({length})."
    ),
    "unmeasured.review": (
        "In {language} the automatic review does not measure STAR structure, relevance to "
        "the question, hedges or the job's key terms; only length and timing. A model-written "
        "review (LLM_BASE_URL or GEMINI_API_KEY) reads the content."
    ),
    "unmeasured.summary": (
        "Overall {overall}/10, from what can be measured in {language}: how many questions "
        "you answered, your answers' length and, when spoken, your timing. STAR structure, "
        "relevance, hedges, filler words and the job's key terms were not measured in "
        "{language}."
    ),
    "unmeasured.category": "{not_measured} in {language}: {what}.",
    "unmeasured.quality": "the content of the answers (STAR structure, relevance, specifics)",
    "unmeasured.confidence": "hedges and filler words",
    "unmeasured.fit": "the job's key terms",
    "unmeasured.length": "{count} {unit}",
    "unmeasured.clarity": (
        "Filler words are {not_measured} in {language}. Your shortest answer, {quote}, had "
        "{length}."
    ),
    "unmeasured.pace": "Speaking pace is {not_measured} in {language}.",
    "unit.words": "words",
    "unit.characters": "characters",
}

_DE: dict[str, str] = {
    "star.situation": "Situation",
    "star.task": "Aufgabe",
    "star.action": "Vorgehen",
    "star.result": "Ergebnis",
    "answers.heading": "Ihre Antworten",
    "answers.question": "Frage {number}",
    "answers.your_answer": "Ihre Antwort",
    "answers.no_answer": "*(keine Antwort)*",
    "answers.verdict": "Einschätzung",
    "answers.star": "STAR-Teile",
    "answers.none": "keine",
    "answers.worked": "Was gut war",
    "answers.improve": "Was Sie verbessern können",
    "answers.stronger": "Eine stärkere Fassung",
    "answers.resume": "Lebenslauf",
    "heading.overall": "Gesamtbewertung",
    "heading.strengths": "Größte Stärken",
    "heading.improvements": "Wichtigste Verbesserungen",
    "quoted": "„{text}“",
    "quote.dropped": "(Zitat entfernt: nicht in Ihren Antworten gefunden)",
    "part.situation": "die Situation",
    "part.task": "die Aufgabe",
    "part.action": "Ihr Vorgehen",
    "part.result": "das Ergebnis",
    "label.situation": "Situation",
    "label.task": "Aufgabe",
    "label.action": "Vorgehen",
    "label.result": "Ergebnis",
    "and": "und",
    "or": "oder",
    "prompt.situation": "[Wo und wann war das? Ein Satz zum Kontext.]",
    "prompt.task": "[Was sollten Sie tun, oder was war das Ziel?]",
    "prompt.action": "[Was haben *Sie* Schritt für Schritt getan? Sagen Sie „ich“, nicht „wir“.]",
    "prompt.result": (
        "[Was ist daraus geworden? Nennen Sie eine Zahl, die Sie kennen: gesparte Zeit, "
        "Verbesserung in %, Nutzer.]"
    ),
    "scaffold.number": "[Nennen Sie eine Zahl, wenn Sie eine haben.]",
    "scaffold.job": ("*Bezug zur Stelle:* Wenn Sie hier {terms} eingesetzt haben, sagen Sie es."),
    "closing.work": (
        "[Eine Frage zur Arbeit selbst, z. B. woran man nach sechs Monaten Erfolg in dieser "
        "Rolle erkennt]"
    ),
    "closing.team": "[Eine Frage zum Team, z. B. wie es seine Arbeit plant und prüft]",
    "worked.asked": "Sie haben {count} eigene Frage(n) gestellt.",
    "worked.all_star": "Alle vier STAR-Teile: Situation, Aufgabe, Vorgehen und Ergebnis.",
    "worked.action": "Sie haben gesagt, was *Sie* getan haben.",
    "worked.number": "Sie haben das Ergebnis mit einer Zahl belegt.",
    "worked.terms": "Sie haben Begriffe der Stelle genannt: {terms}.",
    "worked.answered": "Sie haben die gestellte Frage beantwortet.",
    "improve.skipped": (
        "Beantworten Sie die Frage, auch kurz: Eine übersprungene Frage ergibt 0 Punkte."
    ),
    "improve.ask": (
        "Stellen Sie ein oder zwei Fragen zum Team oder zur Arbeit; keine Fragen können nach "
        "wenig Interesse aussehen."
    ),
    "improve.say_more": (
        "Sagen Sie mehr: {words} Wörter zeigen nicht, was Sie getan haben. Starke Antworten "
        "haben {low} bis {high} Wörter."
    ),
    "improve.tighten": "Fassen Sie sich kürzer: {words} Wörter; {high} sind ein gutes Ziel.",
    "improve.add_parts": "Ergänzen Sie {parts}.",
    "improve.number": "Belegen Sie das Ergebnis mit einer Zahl (Zeit, Geld, %, Personen).",
    "improve.hedges": (
        "Lassen Sie die Abschwächungen weg („ich glaube“, „vielleicht“: {count} hier) und "
        "sagen Sie es direkt."
    ),
    "improve.fillers": "Machen Sie eine Pause statt Füllwörtern: {count} in dieser Antwort.",
    "improve.we": "Sagen Sie, was *Sie* getan haben: Die Antwort spricht durchgehend von „wir“.",
    "improve.off_topic": (
        "Beantworten Sie die gestellte Frage; diese Antwort sprach über etwas anderes."
    ),
    "improve.job_terms": (
        "Stellen Sie den Bezug zur Stelle her: {terms}, sofern Sie damit Erfahrung haben."
    ),
    "verdict.none": "Keine Antwort.",
    "verdict.asked": "Sie haben {count} Frage(n) gestellt.",
    "verdict.no_questions": "Keine eigenen Fragen.",
    "verdict.too_short": "Zu kurz für eine Bewertung: {words} Wörter.",
    "verdict.strong": "Stark: eine vollständige, konkrete Antwort.",
    "verdict.hedged": "Zu vorsichtig: Der Inhalt ist da, sagen Sie es mit Überzeugung.",
    "verdict.hedged_thin": (
        "Vorsichtig und dünn: Sagen Sie klar, was Sie wissen, mit einem Beispiel."
    ),
    "verdict.off_topic": (
        "Am Thema vorbei: Beantworten Sie die Frage, mit einem eigenen Beispiel."
    ),
    "verdict.solid_missing": "Solide, aber ohne {parts}.",
    "verdict.thin_missing": "Dünn, und ohne {parts}.",
    "verdict.solid": "Solide; mit konkreten Details bleibt sie im Gedächtnis.",
    "quote": "bei {clock}: „{words}“",
    "not_measured": "nicht gemessen",
    "clarity.fillers": (
        "Sie haben {rate} Füllwörter pro 100 Wörter verwendet (unter {good} fällt nicht auf, "
        "über {high} lenkt ab)."
    ),
    "clarity.worst": (
        "Ihre Antwort mit den meisten Füllwörtern, {quote}, hatte {count}; eine stille Pause "
        "statt eines Füllworts lässt dieselbe Antwort sicherer klingen."
    ),
    "clarity.shortest": (
        "Ihre kürzeste Antwort, {quote}, hatte {words} Wörter: zu wenige, um etwas zu "
        "erklären. Geben Sie jeder Antwort eine Aussage, ein Beispiel und ein Ergebnis."
    ),
    "clarity.fine": (
        "Keine Ihrer Antworten stützte sich auf Füllwörter, und jede hatte Raum zum Erklären."
    ),
    "clarity.fillers_unmeasured": (
        "Füllwörter: auf {language} {not_measured}. Zur Länge: Starke Antworten haben {low} "
        "bis {high} Wörter."
    ),
    "clarity.length_fine": "Jede Ihrer Antworten hatte Raum zum Erklären.",
    "confidence.hedges": (
        "Sie haben sich {count}-mal abgesichert („ich glaube“, „vielleicht“, „ich denke“ …), "
        "in {answers} Antwort(en)."
    ),
    "confidence.example": (
        "Zum Beispiel {quote}. Sagen Sie direkt, was Sie getan haben und was Sie wissen; "
        "Einschränkungen nur bei echter Unsicherheit."
    ),
    "confidence.short": (
        "{count} Antwort(en) hatten weniger als {limit} Wörter, etwa {quote}. Eine sehr kurze "
        "Antwort wirkt unsicher, wie auch immer sie gemeint ist."
    ),
    "confidence.plain": "Sie haben Ihre Erfahrung klar benannt; das wirkt sicher.",
    "confidence.words_only": (
        "Dieses automatische Feedback liest nur Ihre Worte, nicht Ihre Stimme oder Ihr Gesicht."
    ),
    "confidence.hedges_unmeasured": "Abschwächungen: auf {language} {not_measured}.",
    "quality.mean": "Ihre Antworten erreichten im Schnitt {mean}/10, Frage für Frage.",
    "quality.strongest": "Am stärksten ({score}/10): {quote} ({parts}).",
    "quality.no_parts": "keine STAR-Teile",
    "quality.no_answer": "keine Antwort auf „{question}“",
    "quality.missing": (
        "Es fehlten {parts}: Sagen Sie, wie die Situation war, was Ihre Aufgabe war, was "
        "*Sie* getan haben und was dabei herauskam, mit einer Zahl, wenn Sie eine haben."
    ),
    "quality.weakest": "Am schwächsten ({score}/10): {said}. {advice}",
    "pacing.typed": (
        "Tempo, Pausen und Timing: {not_measured}. Ihre Antworten waren getippt, es gab also "
        "kein Sprechtempo und keine Pause vor der Antwort zu messen."
    ),
    "pacing.pace": (
        "Sie haben etwa {wpm} Wörter pro Minute gesprochen (im Gespräch sind etwa {low} bis "
        "{high} üblich)."
    ),
    "pacing.latency": (
        "Sie haben meist {seconds} s nach der Frage zu antworten begonnen (eine Pause von "
        "{low} bis {high} s wirkt überlegt)."
    ),
    "pacing.longest": (
        "Ihre längste gesprochene Antwort hatte {words} Wörter ({quote}); starke Antworten "
        "haben meist {low} bis {high} Wörter."
    ),
    "pacing.typed_left_out": (
        "Ihre getippten Antworten wurden nicht gezählt: Sie haben kein Tempo, das man messen kann."
    ),
    "engagement.answered": "Sie haben {answered} von {total} Frage(n) beantwortet.",
    "engagement.talk": (
        "Ihr Redeanteil lag bei {share} (Bewerber sprechen meist {low} bis {high} eines Gesprächs)."
    ),
    "engagement.talk_typed": "Redeanteil: {not_measured}, da Ihre Antworten getippt waren.",
    "engagement.asked": "Sie haben {count} Frage(n) gestellt: {questions}.",
    "engagement.none": (
        "Bereiten Sie ein oder zwei Fragen zum Team oder zur Arbeit vor; keine Fragen können "
        "nach wenig Interesse aussehen."
    ),
    "fit.no_terms": (
        "Die Stellenbeschreibung nennt keine konkreten Werkzeuge oder Fähigkeiten, an denen "
        "sich Ihre Antworten messen lassen; beziehen Sie Ihre Beispiele auf das, was die "
        "Stelle verlangt."
    ),
    "fit.mentioned_some": (
        "Sie haben {covered} der {total} Schlüsselbegriffe der Stelle genannt: {terms}."
    ),
    "fit.mentioned_none": "Sie haben {covered} der {total} Schlüsselbegriffe der Stelle genannt.",
    "fit.missing": (
        "Nicht genannt: {terms}. Wo Sie diese Erfahrung haben, nennen Sie sie mit einem Beispiel."
    ),
    "none.note": (
        "Es gab keine Antworten zu bewerten. Beantworten Sie mindestens eine Frage vollständig."
    ),
    "none.improve": "Beantworten Sie jede Frage, auch kurz.",
    "summary.weakest": "Frage {number} ({score}/10): {verdict}",
    "summary.overview": (
        "Insgesamt {overall}/10, aus den Punkten Ihrer Antworten (im Schnitt {mean}/10) und "
        "wie Sie sie vorgetragen haben. "
    ),
    "summary.strongest_area": "Ihr stärkster Bereich war {area}. ",
    "summary.work_on": "Arbeiten Sie zuerst an {area}.",
    "summary.keep": "Machen Sie weiter so.",
    "summary.strongest": "Am stärksten: {areas}.",
    "summary.none_above": "noch nichts über 6/10",
    "summary.to_improve": "Zu verbessern: {areas}.",
    "summary.nothing_below": "nichts unter 8/10",
    "automatic_note": (
        "*Automatisches Feedback, berechnet aus Ihren Antworten und deren Vortrag.*"
    ),
    "category.0": "Klarheit",
    "category.1": "Auftreten und Sicherheit",
    "category.2": "Qualität der Antworten",
    "category.3": "Tempo und Timing",
    "category.4": "Engagement und Interaktion",
    "category.5": "Passung zur Stelle",
    "category.6": "Stärken und Verbesserungsbereiche",
    "resume.unused": (
        "Ihr Lebenslauf nennt {items}, das zu dieser Frage passt; Sie haben es nicht erwähnt."
    ),
    "resume.unsupported": (
        "Sie sagten „{claim}“, was Ihr Lebenslauf nicht erwähnt: Seien Sie bereit, es zu "
        "belegen, oder ergänzen Sie es im Lebenslauf, wenn es stimmt."
    ),
}

_FR: dict[str, str] = {
    "star.situation": "situation",
    "star.task": "tâche",
    "star.action": "action",
    "star.result": "résultat",
    "answers.heading": "Vos réponses",
    "answers.question": "Question {number}",
    "answers.your_answer": "Votre réponse",
    "answers.no_answer": "*(pas de réponse)*",
    "answers.verdict": "Verdict",
    "answers.star": "Parties STAR",
    "answers.none": "aucune",
    "answers.worked": "Ce qui a marché",
    "answers.improve": "À améliorer",
    "answers.stronger": "Une version plus forte",
    "answers.resume": "CV",
    "heading.overall": "Note globale",
    "heading.strengths": "Principaux points forts",
    "heading.improvements": "Principaux axes d'amélioration",
    "quoted": "« {text} »",
    "quote.dropped": "(citation retirée : introuvable dans vos réponses)",
    "part.situation": "la situation",
    "part.task": "la tâche",
    "part.action": "l'action",
    "part.result": "le résultat",
    "label.situation": "Situation",
    "label.task": "Tâche",
    "label.action": "Action",
    "label.result": "Résultat",
    "and": "et",
    "or": "ou",
    "prompt.situation": "[Où et quand était-ce ? Une phrase de contexte.]",
    "prompt.task": "[Que vous a-t-on demandé de faire, ou quel était l'objectif ?]",
    "prompt.action": ("[Qu'avez-*vous* fait, étape par étape ? Dites « je », pas « nous ».]"),
    "prompt.result": (
        "[Qu'en est-il ressorti ? Ajoutez un chiffre que vous connaissez : temps gagné, "
        "% d'amélioration, utilisateurs.]"
    ),
    "scaffold.number": "[Donnez un chiffre si vous en avez un.]",
    "scaffold.job": "*Reliez-le au poste :* si vous avez utilisé {terms} ici, dites-le.",
    "closing.work": (
        "[Une question sur le travail lui-même, p. ex. à quoi ressemble la réussite dans ce "
        "poste après six mois]"
    ),
    "closing.team": (
        "[Une question sur l'équipe, p. ex. comment elle planifie et relit son travail]"
    ),
    "worked.asked": "Vous avez posé {count} question(s) à votre tour.",
    "worked.all_star": "Les quatre parties STAR : situation, tâche, action et résultat.",
    "worked.action": "Vous avez dit ce que *vous* avez fait.",
    "worked.number": "Vous avez chiffré le résultat.",
    "worked.terms": "Vous avez cité des termes du poste : {terms}.",
    "worked.answered": "Vous avez répondu à la question posée.",
    "improve.skipped": ("Répondez à la question, même brièvement : une question sautée vaut 0."),
    "improve.ask": (
        "Posez une ou deux questions sur l'équipe ou le travail ; n'en poser aucune peut "
        "passer pour un manque d'intérêt."
    ),
    "improve.say_more": (
        "Développez : {words} mots ne suffisent pas à montrer ce que vous avez fait. Les "
        "bonnes réponses font {low} à {high} mots."
    ),
    "improve.tighten": "Resserrez : {words} mots ; visez {high}.",
    "improve.add_parts": "Ajoutez {parts}.",
    "improve.number": "Chiffrez le résultat (temps, argent, %, personnes).",
    "improve.hedges": (
        "Supprimez les précautions (« je pense », « peut-être » : {count} ici) et dites-le "
        "simplement."
    ),
    "improve.fillers": (
        "Marquez une pause plutôt que de combler : {count} mot(s) de remplissage dans cette "
        "réponse."
    ),
    "improve.we": "Dites ce que *vous* avez fait : la réponse dit « nous » du début à la fin.",
    "improve.off_topic": ("Répondez à la question posée ; cette réponse parlait d'autre chose."),
    "improve.job_terms": "Reliez-le au poste : {terms}, si vous en avez l'expérience.",
    "verdict.none": "Pas de réponse.",
    "verdict.asked": "Vous avez posé {count} question(s).",
    "verdict.no_questions": "Aucune question de votre part.",
    "verdict.too_short": "Trop court pour juger : {words} mots.",
    "verdict.strong": "Solide et complète : une réponse précise.",
    "verdict.hedged": "Trop prudente : le fond est là, dites-le avec conviction.",
    "verdict.hedged_thin": (
        "Prudente et mince : dites clairement ce que vous savez, avec un exemple."
    ),
    "verdict.off_topic": ("Hors sujet : répondez à la question posée, avec une expérience à vous."),
    "verdict.solid_missing": "Correcte, mais il manque {parts}.",
    "verdict.thin_missing": "Mince, et il manque {parts}.",
    "verdict.solid": "Correcte ; ajoutez des détails concrets pour marquer les esprits.",
    "quote": "à {clock} : « {words} »",
    "not_measured": "non mesuré",
    "clarity.fillers": (
        "Vous avez utilisé {rate} mots de remplissage pour 100 mots (moins de {good} passe "
        "inaperçu, plus de {high} distrait)."
    ),
    "clarity.worst": (
        "Votre réponse avec le plus de mots de remplissage, {quote}, en comptait {count} ; "
        "une pause silencieuse à la place rend la même réponse plus assurée."
    ),
    "clarity.shortest": (
        "Votre réponse la plus courte, {quote}, faisait {words} mots : trop peu pour "
        "expliquer quoi que ce soit. Donnez à chaque réponse une idée, un exemple et un "
        "résultat."
    ),
    "clarity.fine": (
        "Aucune de vos réponses ne s'appuyait sur des mots de remplissage, et chacune avait "
        "la place d'expliquer."
    ),
    "clarity.fillers_unmeasured": (
        "Mots de remplissage : {not_measured} en {language}. Pour la longueur, les bonnes "
        "réponses font {low} à {high} mots."
    ),
    "clarity.length_fine": "Chacune de vos réponses avait la place d'expliquer.",
    "confidence.hedges": (
        "Vous avez pris des précautions (« je pense », « peut-être », « je crois » …) "
        "{count} fois sur {answers} réponse(s)."
    ),
    "confidence.example": (
        "Par exemple {quote}. Dites simplement ce que vous avez fait et ce que vous savez ; "
        "gardez les nuances pour les vraies incertitudes."
    ),
    "confidence.short": (
        "{count} réponse(s) faisaient moins de {limit} mots, comme {quote}. Une réponse très "
        "courte paraît hésitante, quelle que soit l'intention."
    ),
    "confidence.plain": "Vous avez présenté votre expérience clairement, ce qui inspire confiance.",
    "confidence.words_only": (
        "Ce retour automatique ne lit que vos mots, ni votre voix ni votre visage."
    ),
    "confidence.hedges_unmeasured": "Précautions de langage : {not_measured} en {language}.",
    "quality.mean": "Vos réponses ont obtenu {mean}/10 en moyenne, question par question.",
    "quality.strongest": "La meilleure ({score}/10) : {quote} ({parts}).",
    "quality.no_parts": "aucune partie STAR",
    "quality.no_answer": "pas de réponse à « {question} »",
    "quality.missing": (
        "Il manquait {parts} : dites quelle était la situation, ce qu'on vous a demandé, ce "
        "que *vous* avez fait et ce qui en est ressorti, avec un chiffre si vous en avez un."
    ),
    "quality.weakest": "La plus faible ({score}/10) : {said}. {advice}",
    "pacing.typed": (
        "Rythme, pauses et timing : {not_measured}. Vos réponses étaient tapées : il n'y "
        "avait ni débit ni pause avant de répondre à mesurer."
    ),
    "pacing.pace": (
        "Vous avez parlé à environ {wpm} mots par minute (à l'oral, on parle d'environ {low} "
        "à {high})."
    ),
    "pacing.latency": (
        "Vous avez généralement commencé à répondre {seconds} s après la question (une pause "
        "de {low} à {high} s paraît réfléchie)."
    ),
    "pacing.longest": (
        "Votre plus longue réponse orale faisait {words} mots ({quote}) ; les bonnes "
        "réponses font en général {low} à {high} mots."
    ),
    "pacing.typed_left_out": (
        "Vos réponses tapées n'ont pas été comptées : elles n'ont pas de débit à mesurer."
    ),
    "engagement.answered": "Vous avez répondu à {answered} question(s) sur {total}.",
    "engagement.talk": (
        "Vous avez parlé {share} du temps (les candidats parlent en général {low} à {high} "
        "d'un entretien)."
    ),
    "engagement.talk_typed": "Temps de parole : {not_measured}, vos réponses étant tapées.",
    "engagement.asked": "Vous avez posé {count} question(s) : {questions}.",
    "engagement.none": (
        "Préparez une ou deux questions sur l'équipe ou le travail ; n'en poser aucune peut "
        "passer pour un manque d'intérêt."
    ),
    "fit.no_terms": (
        "L'offre ne cite aucun outil ni compétence précis auxquels comparer vos réponses ; "
        "reliez vos exemples à ce que demande le poste."
    ),
    "fit.mentioned_some": "Vous avez cité {covered} des {total} termes clés du poste : {terms}.",
    "fit.mentioned_none": "Vous avez cité {covered} des {total} termes clés du poste.",
    "fit.missing": (
        "Non cités : {terms}. Si vous avez cette expérience, nommez-la avec un exemple."
    ),
    "none.note": (
        "Il n'y avait aucune réponse à évaluer. Répondez entièrement à au moins une question."
    ),
    "none.improve": "Répondez à chaque question, même brièvement.",
    "summary.weakest": "Question {number} ({score}/10) : {verdict}",
    "summary.overview": (
        "Note globale {overall}/10, d'après les notes de vos réponses ({mean}/10 en moyenne) "
        "et la façon dont vous les avez données. "
    ),
    "summary.strongest_area": "Votre point fort : {area}. ",
    "summary.work_on": "Travaillez d'abord : {area}.",
    "summary.keep": "Continuez ainsi.",
    "summary.strongest": "Points forts : {areas}.",
    "summary.none_above": "rien au-dessus de 6/10 pour l'instant",
    "summary.to_improve": "À améliorer : {areas}.",
    "summary.nothing_below": "rien en dessous de 8/10",
    "automatic_note": (
        "*Retour automatique, calculé à partir de vos réponses et de leur mise en voix.*"
    ),
    "category.0": "Clarté",
    "category.1": "Assurance et état émotionnel",
    "category.2": "Qualité des réponses",
    "category.3": "Rythme et timing",
    "category.4": "Engagement et interaction",
    "category.5": "Adéquation au poste",
    "category.6": "Points forts et axes d'amélioration",
    "resume.unused": (
        "Votre CV mentionne {items}, qui correspond à cette question ; vous n'en avez pas parlé."
    ),
    "resume.unsupported": (
        "Vous avez dit « {claim} », que votre CV ne mentionne pas : soyez prêt à le "
        "justifier, ou ajoutez-le à votre CV si c'est exact."
    ),
}

_ES: dict[str, str] = {
    "star.situation": "situación",
    "star.task": "tarea",
    "star.action": "acción",
    "star.result": "resultado",
    "answers.heading": "Tus respuestas",
    "answers.question": "Pregunta {number}",
    "answers.your_answer": "Tu respuesta",
    "answers.no_answer": "*(sin respuesta)*",
    "answers.verdict": "Valoración",
    "answers.star": "Partes STAR",
    "answers.none": "ninguna",
    "answers.worked": "Lo que funcionó",
    "answers.improve": "Qué mejorar",
    "answers.stronger": "Una versión más sólida",
    "answers.resume": "Currículum",
    "heading.overall": "Valoración global",
    "heading.strengths": "Principales fortalezas",
    "heading.improvements": "Principales mejoras",
    "quoted": "«{text}»",
    "quote.dropped": "(cita eliminada: no aparece en tus respuestas)",
    "part.situation": "la situación",
    "part.task": "la tarea",
    "part.action": "la acción",
    "part.result": "el resultado",
    "label.situation": "Situación",
    "label.task": "Tarea",
    "label.action": "Acción",
    "label.result": "Resultado",
    "and": "y",
    "or": "o",
    "prompt.situation": "[¿Dónde y cuándo fue? Una frase de contexto.]",
    "prompt.task": "[¿Qué te pidieron hacer, o cuál era el objetivo?]",
    "prompt.action": "[¿Qué hiciste *tú*, paso a paso? Di «yo», no «nosotros».]",
    "prompt.result": (
        "[¿Qué resultó de ello? Añade una cifra que conozcas: tiempo ahorrado, % de mejora, "
        "usuarios.]"
    ),
    "scaffold.number": "[Añade una cifra si la tienes.]",
    "scaffold.job": "*Relaciónalo con el puesto:* si usaste {terms} aquí, dilo.",
    "closing.work": (
        "[Una pregunta sobre el trabajo en sí, p. ej. cómo se ve el éxito en este puesto a "
        "los seis meses]"
    ),
    "closing.team": "[Una pregunta sobre el equipo, p. ej. cómo planifica y revisa su trabajo]",
    "worked.asked": "Hiciste {count} pregunta(s) propia(s).",
    "worked.all_star": "Las cuatro partes STAR: situación, tarea, acción y resultado.",
    "worked.action": "Dijiste lo que hiciste *tú*.",
    "worked.number": "Pusiste una cifra al resultado.",
    "worked.terms": "Nombraste términos del puesto: {terms}.",
    "worked.answered": "Respondiste a la pregunta que se hizo.",
    "improve.skipped": (
        "Responde a la pregunta, aunque sea brevemente: una pregunta sin respuesta vale 0."
    ),
    "improve.ask": (
        "Haz una o dos preguntas sobre el equipo o el trabajo; no hacer ninguna puede parecer "
        "falta de interés."
    ),
    "improve.say_more": (
        "Cuenta más: {words} palabras no bastan para mostrar lo que hiciste. Las buenas "
        "respuestas tienen de {low} a {high} palabras."
    ),
    "improve.tighten": "Resume: {words} palabras; apunta a {high}.",
    "improve.add_parts": "Añade {parts}.",
    "improve.number": "Pon una cifra al resultado (tiempo, dinero, %, personas).",
    "improve.hedges": (
        "Quita las atenuaciones («creo que», «quizás»: {count} aquí) y dilo con claridad."
    ),
    "improve.fillers": "Haz una pausa en vez de rellenar: {count} muletilla(s) en esta respuesta.",
    "improve.we": "Di lo que hiciste *tú*: la respuesta habla de «nosotros» todo el tiempo.",
    "improve.off_topic": "Responde a la pregunta que se hizo; esta respuesta hablaba de otra cosa.",
    "improve.job_terms": "Relaciónalo con el puesto: {terms}, si tienes esa experiencia.",
    "verdict.none": "Sin respuesta.",
    "verdict.asked": "Hiciste {count} pregunta(s).",
    "verdict.no_questions": "Ninguna pregunta propia.",
    "verdict.too_short": "Demasiado corta para valorarla: {words} palabras.",
    "verdict.strong": "Sólida: una respuesta completa y concreta.",
    "verdict.hedged": "Demasiado cauta: el fondo está, dilo con convicción.",
    "verdict.hedged_thin": "Cauta y escasa: di con claridad lo que sabes, con un ejemplo.",
    "verdict.off_topic": (
        "Fuera de tema: responde a lo que se preguntó, con una experiencia propia."
    ),
    "verdict.solid_missing": "Correcta, pero sin {parts}.",
    "verdict.thin_missing": "Escasa, y sin {parts}.",
    "verdict.solid": "Correcta; añade detalles concretos para que se recuerde.",
    "quote": "en {clock}: «{words}»",
    "not_measured": "no medido",
    "clarity.fillers": (
        "Usaste {rate} muletillas por cada 100 palabras (menos de {good} pasa desapercibido, "
        "más de {high} distrae)."
    ),
    "clarity.worst": (
        "Tu respuesta con más muletillas, {quote}, tenía {count}; una pausa en silencio en "
        "lugar de rellenar hace que la misma respuesta suene más segura."
    ),
    "clarity.shortest": (
        "Tu respuesta más corta, {quote}, tenía {words} palabras: muy pocas para explicar "
        "algo. Da a cada respuesta una idea, un ejemplo y un resultado."
    ),
    "clarity.fine": (
        "Ninguna de tus respuestas se apoyó en muletillas, y todas tuvieron espacio para explicar."
    ),
    "clarity.fillers_unmeasured": (
        "Muletillas: {not_measured} en {language}. En cuanto a la longitud, las buenas "
        "respuestas tienen de {low} a {high} palabras."
    ),
    "clarity.length_fine": "Cada una de tus respuestas tuvo espacio para explicar.",
    "confidence.hedges": (
        "Atenuaste tus afirmaciones («creo que», «quizás», «supongo» …) {count} vez/veces en "
        "{answers} respuesta(s)."
    ),
    "confidence.example": (
        "Por ejemplo {quote}. Di con claridad lo que hiciste y lo que sabes; guarda los "
        "matices para la incertidumbre real."
    ),
    "confidence.short": (
        "{count} respuesta(s) tuvieron menos de {limit} palabras, como {quote}. Una respuesta "
        "muy corta parece insegura, sea cual sea la intención."
    ),
    "confidence.plain": "Expusiste tu experiencia con claridad, y eso transmite seguridad.",
    "confidence.words_only": (
        "Esta valoración automática solo lee tus palabras, no tu voz ni tu cara."
    ),
    "confidence.hedges_unmeasured": "Atenuaciones: {not_measured} en {language}.",
    "quality.mean": "Tus respuestas obtuvieron {mean}/10 de media, pregunta por pregunta.",
    "quality.strongest": "La mejor ({score}/10): {quote} ({parts}).",
    "quality.no_parts": "ninguna parte STAR",
    "quality.no_answer": "sin respuesta a «{question}»",
    "quality.missing": (
        "Le faltaba {parts}: di cuál era la situación, qué te pidieron, qué hiciste *tú* y "
        "qué resultó de ello, con una cifra si la tienes."
    ),
    "quality.weakest": "La más débil ({score}/10): {said}. {advice}",
    "pacing.typed": (
        "Ritmo, pausas y tiempos: {not_measured}. Tus respuestas fueron escritas, así que no "
        "había ritmo al hablar ni pausa antes de responder que medir."
    ),
    "pacing.pace": (
        "Hablaste a unas {wpm} palabras por minuto (en una conversación se habla a unas {low} "
        "a {high})."
    ),
    "pacing.latency": (
        "Solías empezar a responder {seconds} s después de la pregunta (una pausa de {low} a "
        "{high} s parece reflexiva)."
    ),
    "pacing.longest": (
        "Tu respuesta hablada más larga tuvo {words} palabras ({quote}); las buenas "
        "respuestas suelen tener de {low} a {high} palabras."
    ),
    "pacing.typed_left_out": "Tus respuestas escritas no se contaron: no tienen ritmo que medir.",
    "engagement.answered": "Respondiste {answered} de {total} pregunta(s).",
    "engagement.talk": (
        "Hablaste el {share} del tiempo (los candidatos suelen hablar del {low} al {high} de "
        "una entrevista)."
    ),
    "engagement.talk_typed": (
        "Tiempo de palabra: {not_measured}, ya que tus respuestas fueron escritas."
    ),
    "engagement.asked": "Hiciste {count} pregunta(s) al entrevistador: {questions}.",
    "engagement.none": (
        "Prepara una o dos preguntas para el entrevistador sobre el equipo o el trabajo; no "
        "hacer ninguna puede parecer falta de interés."
    ),
    "fit.no_terms": (
        "La oferta no nombra herramientas ni habilidades concretas con las que comparar tus "
        "respuestas; relaciona tus ejemplos con lo que pide el puesto."
    ),
    "fit.mentioned_some": (
        "Mencionaste {covered} de los {total} términos clave del puesto: {terms}."
    ),
    "fit.mentioned_none": "Mencionaste {covered} de los {total} términos clave del puesto.",
    "fit.missing": ("Sin mencionar: {terms}. Si tienes esa experiencia, nómbrala con un ejemplo."),
    "none.note": "No hubo respuestas que valorar. Responde al menos una pregunta por completo.",
    "none.improve": "Responde a cada pregunta, aunque sea brevemente.",
    "summary.weakest": "Pregunta {number} ({score}/10): {verdict}",
    "summary.overview": (
        "Global {overall}/10, a partir de las notas de tus respuestas ({mean}/10 de media) y "
        "de cómo las diste. "
    ),
    "summary.strongest_area": "Tu punto más fuerte fue {area}. ",
    "summary.work_on": "Trabaja primero {area}.",
    "summary.keep": "Sigue así.",
    "summary.strongest": "Puntos fuertes: {areas}.",
    "summary.none_above": "nada por encima de 6/10 todavía",
    "summary.to_improve": "A mejorar: {areas}.",
    "summary.nothing_below": "nada por debajo de 8/10",
    "automatic_note": (
        "*Valoración automática, calculada a partir de tus respuestas y de cómo las diste.*"
    ),
    "category.0": "Claridad",
    "category.1": "Seguridad y estado emocional",
    "category.2": "Calidad de las respuestas",
    "category.3": "Ritmo y tiempos",
    "category.4": "Participación e interacción",
    "category.5": "Encaje con el puesto",
    "category.6": "Fortalezas y áreas de mejora",
    "resume.unused": (
        "Tu currículum menciona {items}, que encaja con esta pregunta; no lo mencionaste."
    ),
    "resume.unsupported": (
        "Dijiste «{claim}», que tu currículum no menciona: prepárate para respaldarlo, o "
        "añádelo al currículum si es cierto."
    ),
}

CATALOGS: dict[str, dict[str, str]] = {"en": _EN, "de": _DE, "fr": _FR, "es": _ES}
# Languages written with a decimal comma.
_DECIMAL_COMMA = frozenset({"de", "fr", "es"})


def has_catalog(code: str | None) -> bool:
    """Whether the automatic feedback writes in this language (else it writes English).

    Args:
        code: A language code.

    Returns:
        True for English, German, French and Spanish.
    """
    return language_for(code).code in CATALOGS


def message(code: str | None, key: str, **values: object) -> str:
    """One sentence of the automatic feedback in the interview's language.

    Args:
        code: The interview's language; one without a catalog reads English.
        key: The sentence's key in the catalog.
        **values: What the sentence's placeholders take.

    Returns:
        The sentence.
    """
    catalog = CATALOGS.get(language_for(code).code, _EN)
    return catalog.get(key, _EN[key]).format(**values)


def decimal(code: str | None, value: float, digits: int = 1) -> str:
    """A number as the language writes it: `2.5` in English, `2,5` in German.

    Args:
        code: The interview's language.
        value: The number.
        digits: Digits after the decimal point.

    Returns:
        The number as text.
    """
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language_for(code).code in _DECIMAL_COMMA else text


def percent(code: str | None, share: float) -> str:
    """A share as a percentage: `65%` in English, `65 %` in German, French and Spanish.

    Args:
        code: The interview's language.
        share: The share, 0..1.

    Returns:
        The percentage as text.
    """
    number = f"{share * 100:.0f}"
    return f"{number}\u00a0%" if language_for(code).code in _DECIMAL_COMMA else f"{number}%"


def listed(code: str | None, items: Sequence[str]) -> str:
    """Join items as a sentence lists them: "a", "a and b", "a, b and c" (in the language).

    Args:
        code: The interview's language.
        items: The items (at least one).

    Returns:
        The list as text.
    """
    conjunction = message(code, "and")
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def alternatives(code: str | None, items: Sequence[str]) -> str:
    """Join items with "or" in the language: "Kafka or Redis".

    Args:
        code: The interview's language.
        items: The items.

    Returns:
        The alternatives as text.
    """
    return f" {message(code, 'or')} ".join(items)


def part_names(code: str | None, parts: Sequence[str]) -> str:
    """STAR parts named as a sentence lists them, with the article the language needs.

    Args:
        code: The interview's language.
        parts: STAR parts (`situation`, `task`, `action`, `result`).

    Returns:
        E.g. "task and result", "die Aufgabe und das Ergebnis".
    """
    return listed(code, [message(code, f"part.{part}") for part in parts])
