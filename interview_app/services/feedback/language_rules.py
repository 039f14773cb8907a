"""What the automatic review reads in each interview language, and how (pure).

English, German, French and Spanish each have `AnswerRules`: the cues of the STAR parts
(situation, task, action, result), how a story question ("Tell me about a time ...",
"Erzählen Sie von einer Situation ...") and the closing question are asked, the words
of a question that say nothing about its subject (for the off-topic check), number
words, and the pronouns of "I" and "we". English keeps the STAR reading of
`delivery.metrics`, which its tests and held-out answer pairs were built on.

The other offered languages have no rules: their answers' STAR parts, relevance and key
terms are not measured (`measures`), and the review says so instead of scoring them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from interview_app.services.delivery.metrics import STAR_PARTS, star_parts
from interview_app.services.languages import language_for

# Typographic apostrophes read as straight ones.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


@dataclass(frozen=True, slots=True)
class AnswerRules:
    """How the automatic review reads answers in one language.

    Attributes:
        code: The language's code.
        story: Matches a question that asks for a story ("Tell me about a time ...").
        closing: Matches the closing question ("Any questions for me?").
        number: Matches a figure: a digit or a number word.
        content_word: Matches a word long enough to carry a subject (lower-cased text).
        frame: Words of a question that say nothing about its subject.
        we: Matches "we" and its forms.
        i: Matches "I" and its forms.
        star: The STAR parts a text has, in STAR order.
    """

    code: str
    story: re.Pattern[str]
    closing: re.Pattern[str]
    number: re.Pattern[str]
    content_word: re.Pattern[str]
    frame: frozenset[str]
    we: re.Pattern[str]
    i: re.Pattern[str]
    star: Callable[[str], tuple[str, ...]]


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def _alternation(phrases: str) -> str:
    """A regex alternation of phrases, one per line; spaces match any whitespace."""
    lines = [line.strip() for line in phrases.strip().splitlines() if line.strip()]
    return "|".join(line.replace(" ", r"\s+") for line in lines)


@dataclass(frozen=True, slots=True)
class _StarCues:
    """The cues of each STAR part in a language, as regexes over lower-cased text."""

    situation: re.Pattern[str]
    task: re.Pattern[str]
    action: re.Pattern[str]
    result: re.Pattern[str]
    # "Situation: ...", "Aufgabe: ...": a candidate who labels the parts names them.
    labels: re.Pattern[str]
    label_parts: dict[str, str]

    def parts(self, text: str) -> tuple[str, ...]:
        lowered = text.lower().translate(_APOSTROPHES)
        found = {
            self.label_parts[match.group(1)]
            for match in self.labels.finditer(lowered)
            if match.group(1) in self.label_parts
        }
        for part in STAR_PARTS:
            if part not in found and getattr(self, part).search(lowered):
                found.add(part)
        return tuple(part for part in STAR_PARTS if part in found)


def _cues(situation: str, task: str, action: str, result: str, labels: dict[str, str]) -> _StarCues:
    def compiled(body: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w'])(?:{body})(?![\w])", re.IGNORECASE)

    label_names = "|".join(sorted((re.escape(name) for name in labels), key=len, reverse=True))
    return _StarCues(
        situation=compiled(situation),
        task=compiled(task),
        action=compiled(action),
        result=compiled(result),
        labels=re.compile(rf"(?:^|[\s(*_])({label_names})\s*(?:\*\*|__)?\s*[:\u2013\u2014-]"),
        label_parts=labels,
    )


# A change put in figures reads as a result in any of these languages: "30 %", "um 40
# Prozent", "de 40 à 12", "del 20 al 5".
_PERCENT = r"\d+(?:[.,]\d+)?\s?%"
_YEAR = r"(?:19|20)\d\d"

# German participles ("analysiert", "eingeführt", "geschrieben") end the clause.
_DE_PARTICIPLE = r"(?:ge\w+[tn]|\w+ge\w+[tn]|\w+iert)"
_DE_MOVED = "gegangen|gefahren|geflogen|gekommen|eingestiegen|umgestiegen"
# Past forms in -te that say what one had or had to do, not what one did.
_DE_NOT_ACTING = "hatte|sollte|musste|wollte|konnte|durfte|möchte|mochte|dachte|wusste|arbeitete"
_DE_THEN = "dann|zuerst|zunächst|danach|anschließend|daraufhin|deshalb|also|außerdem"
_DE_STRONG_PAST = (
    "schrieb|fand|nahm|ging|sprach|traf|brachte|begann|entschied|gab|hielt|schlug|zog|rief|"
    "las|übernahm|entwarf"
)
_FR_PARTICIPLE_ENDINGS = "é|ée|és|i|it|is|u|ert|uit|int"
_FR_CHANGES = "réduit|augmenté|amélioré|livré|lancé|économisé|gagné|divisé|doublé|atteint"
_ES_WORKPLACES = "trabajo|puesto|empleo|equipo|proyecto|empresa"

_GERMAN = _cues(
    situation=_alternation(
        rf"""
        als ich
        als wir
        damals
        zu (?:der|dieser|jener) zeit
        (?:in|bei) meine[mnr]? (?:letzten|vorherigen|früheren|ehemaligen|alten|ersten|aktuellen) \w+
        bei meinem (?:letzten|früheren|ehemaligen|alten|aktuellen) arbeitgeber
        vor (?:\w+ )?(?:jahren|monaten|wochen|einem jahr|einem monat)
        letzte[ns]? (?:jahr|monat|sommer|winter|quartal|herbst|frühling)
        im (?:letzten|vergangenen) (?:jahr|monat|sommer|winter|quartal|herbst|frühling)
        (?:im jahr|seit|in|anfang|ende|mitte) {_YEAR}
        (?:die|zur) (?:situation|ausgangslage)
        unser(?:e|em)? (?:team|firma|unternehmen|produkt|system|kunde|abteilung)
        es gab
        wir hatten
        ich arbeitete
        ich war (?:damals|als|bei|in)
        """
    ),
    task=_alternation(
        r"""
        meine aufgabe
        unsere aufgabe
        die aufgabe (?:war|bestand|lautete)
        (?:mein|unser|das) ziel (?:war|bestand|lautete)
        die herausforderung (?:war|bestand|lautete)
        das problem (?:war|bestand)
        ich (?:sollte|musste)
        wir (?:sollten|mussten)
        (?:sollte|musste) ich
        ich war (?:verantwortlich|zuständig)
        (?:verantwortlich|zuständig) für
        ich hatte die aufgabe
        ich wurde (?:gebeten|beauftragt)
        es ging darum
        """
    ),
    action=_alternation(
        rf"""
        ich (?:habe|hab|hatte)(?:\s+[\w-]+){{0,8}}?\s+{_DE_PARTICIPLE}
        (?:habe|hatte) ich(?:\s+[\w-]+){{0,8}}?\s+{_DE_PARTICIPLE}
        ich (?:bin|war)(?:\s+[\w-]+){{0,6}}?\s+(?:{_DE_MOVED})
        ich (?!(?:{_DE_NOT_ACTING})\b)\w+(?:te|ete)
        ich (?:{_DE_STRONG_PAST})
        (?:{_DE_THEN}) (?:habe|hatte) ich
        mein (?:ansatz|vorgehen) war
        ich entschied mich
        """
    ),
    result=_alternation(
        rf"""
        (?:das|im|als) ergebnis
        am ende
        letztendlich
        schließlich
        dadurch (?:konnte|konnten|haben|hat|sank|stieg|wurde)
        so (?:konnte|konnten)
        (?:wir|ich) konnten? (?:\w+ )?(?:die|den|das|unsere?n?|meine?n?)?
        führte (?:dazu|zu)
        (?:reduziert|gesenkt|gesteigert|erhöht|verbessert|halbiert|verdoppelt|gespart|eingespart|verkürzt|beschleunigt)
        (?:sank|stieg|fiel) (?:auf|um|von)
        um \d+(?:[.,]\d+)? ?(?:prozent|%)
        \d+(?:[.,]\d+)? prozent
        {_PERCENT}
        von \d+ auf \d+
        pünktlich
        ich habe (?:\w+ )?gelernt
        seitdem
        befördert
        positives feedback
        """
    ),
    labels={
        "situation": "situation",
        "ausgangslage": "situation",
        "kontext": "situation",
        "aufgabe": "task",
        "ziel": "task",
        "herausforderung": "task",
        "handlung": "action",
        "vorgehen": "action",
        "maßnahmen": "action",
        "ergebnis": "result",
        "resultat": "result",
    },
)

_FRENCH = _cues(
    situation=_alternation(
        rf"""
        quand (?:j'étais|je travaillais|nous étions|j'ai rejoint)
        lorsque (?:j'étais|je travaillais|nous étions|j'ai rejoint)
        à l'époque
        à ce moment-là
        dans mon (?:précédent|dernier|ancien|premier|actuel) (?:poste|emploi|travail|rôle|projet)
        dans mon (?:poste|emploi|travail) (?:précédent|actuel)
        chez mon (?:ancien|précédent|dernier|actuel) employeur
        il y a (?:\w+ )?(?:ans|mois|semaines|an)
        l'(?:année|an) (?:dernière|dernier|passée|passé)
        l'été dernier
        (?:en|depuis|début|fin) {_YEAR}
        (?:le|au) contexte
        la situation
        notre (?:équipe|entreprise|société|produit|système|client)
        nous avions
        il y avait
        je travaillais
        """
    ),
    task=_alternation(
        r"""
        (?:mon|notre) (?:rôle|objectif|but|travail)
        (?:ma|notre) (?:mission|tâche|responsabilité)
        l'objectif (?:était|est)
        le but (?:était|est)
        le (?:défi|problème) (?:était|est)
        je devais
        nous devions
        il fallait
        j'(?:étais|ai été) (?:responsable|chargée?|en charge)
        on m'a (?:demandé|confié)
        j'avais pour (?:mission|tâche|objectif)
        """
    ),
    action=_alternation(
        rf"""
        j'ai (?:d'abord |ensuite |alors |donc |aussi )?(?!été|eu|dû)\w+(?:{_FR_PARTICIPLE_ENDINGS})
        je me suis (?:\w+ )?\w+(?:é|ée|i|ie|u)
        je suis (?:allée?|partie?|venue?|intervenue?)
        (?:d'abord|ensuite|puis|alors) j'ai
        mon approche
        j'ai décidé
        """
    ),
    result=_alternation(
        rf"""
        en conséquence
        au final
        finalement
        (?:le|au|comme) résultat
        (?:cela|ça|ce qui) (?:a permis|nous a permis|m'a permis)
        (?:nous avons|j'ai|on a) (?:\w+ )?(?:{_FR_CHANGES})
        (?:a|ont) (?:baissé|augmenté|diminué|chuté)
        (?:réduit|augmenté|diminué|baissé) de
        de \d+ à \d+
        \d+(?:[.,]\d+)? pour ?cent
        {_PERCENT}
        dans les délais
        à temps
        j'ai appris
        depuis (?:lors|ce jour)
        promue?
        retours? positifs?
        """
    ),
    labels={
        "situation": "situation",
        "contexte": "situation",
        "tâche": "task",
        "objectif": "task",
        "mission": "task",
        "défi": "task",
        "action": "action",
        "actions": "action",
        "approche": "action",
        "résultat": "result",
        "résultats": "result",
    },
)

# Spanish verbs of the first person past end in -é or -í ("implementé", "decidí"); these
# words end so and are no such verb.
_SPANISH_NOT_VERBS = "aquí|allí|ahí|así|café|bebé|comité|quizá|josé|perú"
_SPANISH = _cues(
    situation=_alternation(
        rf"""
        cuando (?:trabajaba|estaba|era|entré|empecé|estábamos)
        en (?:mi|el) (?:anterior|último|antiguo|primer|actual) (?:{_ES_WORKPLACES})
        en mi (?:{_ES_WORKPLACES}) (?:anterior|actual)
        hace (?:\w+ )?(?:años|meses|semanas|año|mes)
        el (?:año|mes|verano|invierno|trimestre) pasado
        en (?:ese|aquel) momento
        en aquella época
        (?:en|desde|a principios de|a finales de) {_YEAR}
        (?:la|el) (?:situación|contexto)
        nuestr[oa] (?:equipo|empresa|producto|sistema|cliente)
        teníamos
        había
        trabajaba
        """
    ),
    task=_alternation(
        r"""
        mi (?:tarea|objetivo|responsabilidad|función|misión|papel|rol|meta)
        nuestr[oa] (?:tarea|objetivo|meta|misión)
        (?:el|la) (?:objetivo|meta|reto|desafío|problema) (?:era|fue|es)
        tenía que
        teníamos que
        tuve que
        debía
        me (?:pidieron|encargaron|asignaron)
        (?:era|fui) (?:el |la )?responsable
        estaba a cargo
        """
    ),
    action=_alternation(
        rf"""
        (?!(?:{_SPANISH_NOT_VERBS})\b)\w{{3,}}(?:é|í)
        (?:hice|propuse|puse|dije|conduje|traje|fui|supe|quise|escribí|construí|dirigí)
        (?:he|había) (?:\w+ )?\w+(?:ado|ido|to|cho)
        mi (?:enfoque|estrategia) (?:fue|era)
        """
    ),
    result=_alternation(
        rf"""
        como resultado
        al final
        finalmente
        el resultado
        (?:logramos|conseguimos|logré|conseguí|redujimos|reduje|aumentamos|aumenté|mejoramos|mejoré|ahorramos|ahorré|lanzamos|entregamos|entregué)
        (?:lo que|esto|eso) (?:permitió|llevó|redujo|aumentó|mejoró)
        (?:bajó|subió|cayó|creció) (?:a|de|un|en)
        de \d+ a \d+
        \d+(?:[.,]\d+)? por ciento
        {_PERCENT}
        a tiempo
        aprendí
        desde entonces
        me ascendieron
        comentarios positivos
        """
    ),
    labels={
        "situación": "situation",
        "contexto": "situation",
        "tarea": "task",
        "objetivo": "task",
        "reto": "task",
        "acción": "action",
        "acciones": "action",
        "resultado": "result",
        "resultados": "result",
    },
)

_UNICODE_CONTENT_WORD = re.compile(r"[^\W\d_][\w'-]{3,}")


def _english_rules() -> AnswerRules:
    return AnswerRules(
        code="en",
        story=re.compile(
            r"\b(?:tell me about a (?:time|situation|project|moment)|describe a (?:time|"
            r"situation)|give (?:me )?an example|have you ever|a time when|walk me through a "
            r"(?:time|situation)|share an example|talk me through a time|when you had to)\b",
            re.IGNORECASE,
        ),
        closing=re.compile(
            r"\b(?:any questions|questions for (?:me|us)|anything you(?:'d| would) like to ask|"
            r"what would you like to (?:know|ask)|do you have (?:a|any) question)\b",
            re.IGNORECASE,
        ),
        number=re.compile(
            r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty|"
            r"hundred|thousand|million|half|double|doubled|halved|percent)\b",
            re.IGNORECASE,
        ),
        content_word=re.compile(r"[a-z][a-z'-]{3,}"),
        frame=_words(
            """
            tell about time describe example would your have what when which with that this
            give walk through more some like could should there their they them were been
            being into from does did doing done make made think most best ever each other
            also just very please share talk explain mean handle handled situation something
            anything kind sort want know someone yourself really much many well good great
            thing things help work
            """
        ),
        we=re.compile(r"\b(?:we|we've|we'd|we're|our|us)\b", re.IGNORECASE),
        i=re.compile(r"\b(?:i|i've|i'd|i'm|my|me)\b", re.IGNORECASE),
        star=star_parts,
    )


ENGLISH_RULES = _english_rules()
_RULES: dict[str, AnswerRules] = {
    "en": ENGLISH_RULES,
    "de": AnswerRules(
        code="de",
        story=re.compile(
            r"\b(?:(?:erzählen|berichten) sie (?:mir |uns )?(?:von|über) (?:eine[rmn]?|ein)|"
            r"beschreiben sie (?:mir |uns )?(?:eine|ein)|schildern sie|(?:ein|einem) beispiel|"
            r"eine situation, in der|eine situation, als|haben sie (?:schon )?(?:einmal|jemals|je)|"
            r"ein mal, als|wann haben sie)",
            re.IGNORECASE,
        ),
        closing=re.compile(
            r"\b(?:haben sie (?:noch )?(?:irgendwelche |eigene )?fragen|fragen an (?:mich|uns)|"
            r"was möchten sie (?:noch )?(?:wissen|fragen)|gibt es (?:noch )?fragen)",
            re.IGNORECASE,
        ),
        number=re.compile(
            r"\d|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|dreißig|"
            r"fünfzig|hundert|tausend|million(?:en)?|hälfte|halbiert|verdoppelt|prozent)\b",
            re.IGNORECASE,
        ),
        content_word=_UNICODE_CONTENT_WORD,
        frame=_words(
            """
            erzählen erzähle berichten beschreiben schildern erklären sagen bitte einmal
            situation beispiel eine einer einem einen sie ihnen ihre ihrer ihren haben hatten
            hatte wann welche welcher welchen welches wie was warum wieso mit über von für
            gegangen umgegangen machen gemacht würden würde könnten können sind waren wurde
            etwas mal mehr sehr viel ganz dabei damit dann denn doch noch schon auch gibt
            arbeit mich mir uns euch diese dieser diesem diesen dass oder aber sich zeit
            """
        ),
        we=re.compile(r"\b(?:wir|unser|unsere|unseren|unserem|unserer|uns)\b", re.IGNORECASE),
        i=re.compile(r"\b(?:ich|mein|meine|meinen|meinem|meiner|mir|mich)\b", re.IGNORECASE),
        star=_GERMAN.parts,
    ),
    "fr": AnswerRules(
        code="fr",
        story=re.compile(
            r"(?:parlez-moi d'une|parle-moi d'une|racontez-moi|raconte-moi|décrivez(?:-moi)? une|"
            r"donnez-moi un exemple|un exemple|avez-vous déjà|as-tu déjà|une fois où|"
            r"une situation où|une situation dans laquelle)",
            re.IGNORECASE,
        ),
        closing=re.compile(
            r"(?:avez-vous (?:des|d'autres) questions|as-tu (?:des|d'autres) questions|"
            r"des questions (?:pour|à poser)|qu'aimeriez-vous savoir|"
            r"souhaitez-vous (?:me |nous )?poser)",
            re.IGNORECASE,
        ),
        number=re.compile(
            r"\d|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|vingt|trente|"
            r"cinquante|cent|mille|millions?|moitié|doublé|divisé|pour ?cent)\b",
            re.IGNORECASE,
        ),
        content_word=_UNICODE_CONTENT_WORD,
        frame=_words(
            """
            parlez-moi racontez-moi décrivez décrivez-moi expliquez donnez-moi exemple fois
            situation avez-vous avez vous votre vos quel quelle quels quelles comment
            pourquoi quand avec pour dans sur être avoir était avait avez-vous déjà
            faire fait géré gérer moment chose quelque plus très bien aussi cette cela
            travail pouvez pourriez une d'une laquelle lequel dont
            """
        ),
        we=re.compile(r"\b(?:nous|notre|nos|on)\b", re.IGNORECASE),
        i=re.compile(r"(?:\b(?:je|moi|mon|ma|mes)\b|\bj')", re.IGNORECASE),
        star=_FRENCH.parts,
    ),
    "es": AnswerRules(
        code="es",
        story=re.compile(
            r"(?:háblame de una|hábleme de una|cuéntame (?:sobre |de )?una|"
            r"cuénteme (?:sobre |de )?una|describe una|describa una|dame un ejemplo|"
            r"deme un ejemplo|un ejemplo|alguna vez|una vez (?:que|en que|en la que)|"
            r"una situación en (?:la )?que|una ocasión en (?:la )?que)",
            re.IGNORECASE,
        ),
        closing=re.compile(
            r"(?:tienes? (?:alguna|algunas) preguntas?|preguntas? para (?:mí|nosotros)|"
            r"qué te gustaría (?:saber|preguntar)|qué le gustaría (?:saber|preguntar)|"
            r"alguna pregunta)",
            re.IGNORECASE,
        ),
        number=re.compile(
            r"\d|\b(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|veinte|treinta|"
            r"cincuenta|cien|mil|millón|millones|mitad|duplicamos|duplicado|por ciento)\b",
            re.IGNORECASE,
        ),
        content_word=_UNICODE_CONTENT_WORD,
        frame=_words(
            """
            háblame hábleme cuéntame cuénteme describe describa explica explique dame deme
            ejemplo situación ocasión alguna vez tuviste tuvo tienes tiene cómo cuál cuáles
            qué cuándo dónde por para con sobre una uno tus sus manejaste manejó hiciste
            hizo hacer algo algún más muy bien también esta este eso trabajo puedes puede
            """
        ),
        we=re.compile(
            r"\b(?:nosotros|nosotras|nuestro|nuestra|nuestros|nuestras|\w+(?:amos|imos|emos))\b",
            re.IGNORECASE,
        ),
        i=re.compile(r"\b(?:yo|mi|mis|me)\b", re.IGNORECASE),
        star=_SPANISH.parts,
    ),
}


def rules_for(code: str | None) -> AnswerRules | None:
    """Return how the automatic review reads answers in a language.

    Args:
        code: A language code (a job info's `interview_language`).

    Returns:
        The rules for English, German, French or Spanish; None for a language whose STAR
        parts, relevance and key terms the automatic review does not measure.
    """
    return _RULES.get(language_for(code).code)
