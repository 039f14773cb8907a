"""The German practice interviewer (formal "Sie", as in a German job interview)."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "de"

BANK = QuestionBank(
    # Always in the accusative ("für die Stelle als ..."): every template uses it so.
    role_named="die Stelle als {title}",
    role_unnamed="diese Stelle",
    openers=(
        "Danke, dass Sie sich Zeit nehmen. Erzählen Sie zum Einstieg kurz etwas über sich "
        "und warum Sie sich für {role} interessieren.",
        "Beginnen wir mit Ihrem Werdegang: Woran haben Sie zuletzt gearbeitet, und warum "
        "bewerben Sie sich auf {role}?",
        "Zum Anfang: Führen Sie mich kurz durch Ihren Hintergrund und sagen Sie mir, was "
        "Sie für {role} mitbringen.",
    ),
    closes=(
        "Das waren meine Fragen. Möchten Sie mich noch etwas fragen, oder möchten Sie noch "
        "etwas dazu sagen, warum Sie gut zu uns passen?",
        "Unsere Zeit ist fast um. Was möchten Sie über die Stelle oder das Team wissen?",
        "Bevor wir zum Schluss kommen: Welche Fragen haben Sie an mich, und gibt es etwas, "
        "das wir nicht besprochen haben und das ich noch wissen sollte?",
    ),
    skill_templates={
        "junior": (
            "In der Ausschreibung wird {term} genannt. Erzählen Sie mir von etwas, das Sie "
            "mit {term} gebaut oder gelernt haben, und was Sie dabei mitgenommen haben.",
            "Wie würden Sie vorgehen, um sich in Ihren ersten Wochen bei uns in {term} "
            "einzuarbeiten?",
            "Beschreiben Sie ein Problem, das Sie mit {term} gelöst haben. Wo kamen Sie "
            "nicht weiter?",
        ),
        "mid-level": (
            "Erzählen Sie mir von einem Projekt, in dem Sie {term} eingesetzt haben. Was war "
            "Ihr Anteil, und was würden Sie heute anders machen?",
            "Welche Zielkonflikte haben Sie bei {term} erlebt, und wie haben Sie sich entschieden?",
            "Was war das schwierigste Problem, das Sie mit {term} gelöst haben? Wie sind Sie "
            "vorgegangen?",
        ),
        "senior": (
            "Erzählen Sie von einer Situation, in der Sie geprägt haben, wie ein Team {term} "
            "einsetzt. Was haben Sie entschieden, und was ist daraus geworden?",
            "Wo stößt {term} Ihrer Erfahrung nach an Grenzen, und wie sind Sie im großen "
            "Maßstab damit umgegangen?",
            "Woran würden Sie erkennen, ob ein Team {term} gut einsetzt? Nennen Sie ein "
            "Beispiel aus Ihrer eigenen Arbeit.",
        ),
    },
    role_fallbacks=(
        "Welche Anforderungen an {role} kennen Sie schon aus Ihrer bisherigen Arbeit, und "
        "was wäre neu für Sie?",
        "Wie stellen Sie sich die ersten drei Monate vor, wenn Sie {role} antreten, und "
        "wie würden Sie sich darauf vorbereiten?",
        "Welche Ihrer bisherigen Arbeiten zeigt am besten, dass Sie für {role} geeignet "
        "sind? Erzählen Sie davon.",
        "Was müssten Sie als Erstes lernen, um {role} gut auszufüllen, und wie würden Sie "
        "das angehen?",
        "Welches Problem, das Sie gelöst haben, ist für {role} am aussagekräftigsten? Was "
        "war Ihr Anteil daran?",
    ),
    behavioural={
        "junior": (
            "Erzählen Sie von einer Situation, in der Sie sich schnell in etwas Neues "
            "einarbeiten mussten, um eine Aufgabe abzuschließen. Wie war die Lage, was haben "
            "Sie getan, und wie ging es aus?",
            "Beschreiben Sie einen Fehler, der Ihnen in einem Projekt oder einer Aufgabe "
            "unterlaufen ist. Wie sind Sie damit umgegangen, und was kam dabei heraus?",
            "Erzählen Sie von einer Situation, in der Sie um Hilfe oder Feedback gebeten "
            "haben. Was war der Anlass, und was hat sich danach verändert?",
            "Nennen Sie ein Beispiel aus einem Teamprojekt, in dem jemand ganz anders "
            "vorging als Sie. Was haben Sie getan?",
            "Erzählen Sie von einer Frist, die schwer einzuhalten war. Wie haben Sie Ihre "
            "Arbeit geplant, und was ist passiert?",
            "Beschreiben Sie eine Situation, in der Ihnen ein Problem auffiel, bevor Sie "
            "jemand darum gebeten hat. Was haben Sie getan, und was ist daraus geworden?",
            "Erzählen Sie von einer Arbeit, auf die Sie stolz sind. Was war Ihr Anteil, und "
            "woran haben Sie gemerkt, dass sie gut war?",
            "Nennen Sie ein Beispiel, bei dem Sie jemandem, der neu im Thema war, etwas "
            "Technisches oder Kompliziertes erklären mussten. Wie sind Sie vorgegangen?",
            "Erzählen Sie von einer Situation mit mehreren Aufgaben und zu wenig Zeit. Wie "
            "haben Sie priorisiert, und wie ging es aus?",
            "Beschreiben Sie eine Situation, in der etwas beim ersten Versuch nicht "
            "funktioniert hat. Was haben Sie geändert, und was war das Ergebnis?",
        ),
        "mid-level": (
            "Erzählen Sie von einer Situation, in der Sie mit einem Teammitglied uneins "
            "waren, wie etwas umgesetzt werden soll. Was haben Sie getan, und wie ging es "
            "aus?",
            "Beschreiben Sie ein Projekt, das aus dem Ruder lief. Welche Rolle hatten Sie "
            "dabei, es wieder auf Kurs zu bringen, und was war das Ergebnis?",
            "Erzählen Sie von einer Situation, in der Sie mehrere Prioritäten gleichzeitig "
            "unter einen Hut bringen mussten. Wie haben Sie entschieden, und wie ging es "
            "aus?",
            "Nennen Sie ein Beispiel, bei dem Sie einen Ablauf oder ein Arbeitsergebnis "
            "verbessert haben, ohne dass jemand Sie darum gebeten hat. Was haben Sie "
            "geändert, und was hat es gebracht?",
            "Erzählen Sie von einer Situation, in der Sie kritisches Feedback bekommen "
            "haben. Wie haben Sie reagiert, und was hat sich verändert?",
            "Beschreiben Sie eine Situation, in der Sie Verantwortung für ein Problem "
            "außerhalb Ihres eigentlichen Aufgabenbereichs übernommen haben. Was haben Sie "
            "getan, und wie ging es aus?",
            "Erzählen Sie von einer Entscheidung, die Sie auf Grundlage von Daten getroffen "
            "haben. Was zeigten die Daten, wie haben Sie entschieden, und was ist passiert?",
            "Nennen Sie ein Beispiel, bei dem Sie einer Kollegin oder einem Kollegen "
            "weitergeholfen haben, die oder der festhing. Wie war die Lage, und was haben "
            "Sie getan?",
            "Erzählen Sie von einer Situation, in der sich eine Anforderung kurzfristig "
            "geändert hat. Wie haben Sie sich angepasst, und was war das Ergebnis?",
            "Beschreiben Sie den größten Fehler, den Sie in den letzten Jahren im Beruf "
            "gemacht haben. Was passierte danach, und was machen Sie heute anders?",
        ),
        "senior": (
            "Erzählen Sie von einer Situation, in der Sie ein Team bei unvollständiger "
            "Informationslage durch eine wichtige technische oder geschäftliche Entscheidung "
            "geführt haben. Wie haben Sie entschieden, und was ist passiert?",
            "Beschreiben Sie eine Situation, in der Sie Menschen überzeugen mussten, denen "
            "gegenüber Sie nicht weisungsbefugt waren. Wie sind Sie vorgegangen, und was war "
            "das Ergebnis?",
            "Erzählen Sie, wie Sie jemandem in Ihrem Team geholfen haben, sich "
            "weiterzuentwickeln. Wie war die Ausgangslage, was haben Sie getan, und was hat "
            "sich für die Person verändert?",
            "Nennen Sie ein Beispiel für einen Misserfolg, für den Sie verantwortlich waren. "
            "Was haben Sie danach getan, und was hat die Organisation daraus gelernt?",
            "Erzählen Sie von einer Situation, in der Sie bei einer Frist oder einer "
            "Anforderung der Geschäftsleitung widersprechen mussten. Wie sind Sie damit "
            "umgegangen, und wie ging es aus?",
            "Beschreiben Sie, wie Sie die Arbeitsweise eines Teams oder einer Abteilung "
            "verändert haben. Warum, wie haben Sie die Leute gewonnen, und was war das "
            "messbare Ergebnis?",
            "Erzählen Sie von einem Konflikt zwischen zwei Personen oder Teams, den Sie "
            "gelöst haben. Was haben Sie getan, und wie ging es aus?",
            "Nennen Sie ein Beispiel für eine langfristige Wette, die aufgegangen ist oder "
            "nicht. Wie haben Sie entschieden, und was haben Sie daraus gelernt?",
            "Erzählen Sie von einer Situation, in der Sie den Umfang kürzen oder ein Projekt "
            "stoppen mussten. Wie haben Sie entschieden, und wie haben Sie die Beteiligten "
            "mitgenommen?",
            "Beschreiben Sie, wie Sie mit einem Vorfall oder einer Krise umgegangen sind, "
            "für die Sie verantwortlich waren. Was haben Sie im Moment getan, und was hat "
            "sich danach verändert?",
        ),
    },
    resume_project=(
        "In Ihrem Lebenslauf steht {project}. Was war Ihr eigener Anteil daran, und was ist "
        "daraus geworden?",
        "Erzählen Sie mir von {project} aus Ihrem Lebenslauf: Welches Problem hat es gelöst, "
        "und auf welche Entscheidung darin sind Sie am meisten stolz?",
        "Erzählen Sie von {project}. Was war am schwierigsten, und wie haben Sie es gelöst?",
    ),
    resume_employer=(
        "Erzählen Sie von Ihrer Zeit bei {employer}. Auf welche Arbeit dort sind Sie am "
        "meisten stolz?",
        "Was haben Sie bei {employer} gelernt, das Sie in diese Stelle mitbringen würden?",
    ),
    resume_skill=(
        "In Ihrem Lebenslauf steht {skill}, und diese Stelle verlangt das ebenfalls. "
        "Erzählen Sie, wann Sie es zuletzt in einem echten Projekt eingesetzt haben. Was "
        "haben Sie damit gemacht?",
        "Sie nennen {skill} in Ihrem Lebenslauf, und wir arbeiten damit. Wie tief geht Ihre "
        "Erfahrung? Nennen Sie ein Beispiel.",
    ),
    resume_gap=(
        "Diese Stelle verlangt {term}, das sehe ich in Ihrem Lebenslauf nicht. Haben Sie "
        "irgendwo damit gearbeitet, und wenn nicht, wie würden Sie sich einarbeiten?",
        "Für die Stelle brauchen wir {term}, Ihr Lebenslauf erwähnt es nicht. Was kommt dem "
        "in Ihrer Erfahrung am nächsten, und wie würden Sie die Lücke schließen?",
    ),
    follow_ups=FollowUps(
        short=(
            "Können Sie das etwas ausführen? Nehmen Sie ein konkretes Beispiel und erzählen "
            "Sie, was passiert ist und was Sie getan haben."
        ),
        own_part=(
            'Sie haben oft "wir" gesagt. Was war Ihr eigener Anteil: Was haben Sie selbst '
            "entschieden oder getan?"
        ),
        outcome=(
            "Wie ist das ausgegangen? Was war das Ergebnis, und können Sie es in Zahlen ausdrücken?"
        ),
        number=(
            "Können Sie dieses Ergebnis beziffern: gesparte Zeit, vermiedene Fehler, "
            "Nutzerzahlen, Geld oder etwas anderes, das Sie gemessen haben?"
        ),
        reflection=(
            "Rückblickend: Was würden Sie anders machen, wenn Sie noch einmal in dieser "
            "Situation wären, und warum?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer"}),
        own=frozenset({"ich", "mein", "meine", "meinen", "meinem", "meiner", "mir", "mich"}),
        outcome=frozenset(
            {
                "ergebnis",
                "resultat",
                "reduzier",
                "verringer",
                "gesenkt",
                "senkt",
                "erhöh",
                "gesteiger",
                "steiger",
                "verbesser",
                "gespart",
                "eingespart",
                "spart",
                "gewachsen",
                "gestartet",
                "veröffentlich",
                "ausgeliefert",
                "abgeschlossen",
                "fertig",
                "geliefert",
                "gewonnen",
                "erreich",
                "behoben",
                "gelöst",
                "geführt",
                "gelungen",
                "beschleunig",
                "halbier",
                "verdoppel",
            }
        ),
        numbers=frozenset(
            {
                "zwei",
                "drei",
                "vier",
                "fünf",
                "sechs",
                "sieben",
                "acht",
                "neun",
                "zehn",
                "zwanzig",
                "dreißig",
                "fünfzig",
                "hundert",
                "tausend",
                "million",
                "prozent",
                "hälfte",
                "doppelt",
                "dutzend",
            }
        ),
    ),
)
