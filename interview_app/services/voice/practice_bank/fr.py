"""The French practice interviewer (vouvoiement, as in a French job interview)."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "fr"

BANK = QuestionBank(
    role_named="ce poste de {title}",
    role_unnamed="ce poste",
    openers=(
        "Merci d'être là. Pour commencer, parlez-moi un peu de vous et de ce qui vous attire "
        "dans {role}.",
        "Commençons par votre parcours : sur quoi avez-vous travaillé récemment, et pourquoi "
        "{role} ?",
        "Pour commencer, présentez-moi votre parcours et ce que vous apporteriez à {role}.",
    ),
    closes=(
        "J'ai terminé mes questions. Y a-t-il quelque chose que vous aimeriez me demander, ou "
        "ajouter sur ce qui fait de vous un bon candidat ?",
        "Nous arrivons à la fin de l'entretien. Qu'aimeriez-vous savoir sur le poste ou sur "
        "l'équipe ?",
        "Avant de terminer : quelles questions avez-vous pour moi, et y a-t-il un point que "
        "nous n'avons pas abordé et que vous voulez que je connaisse ?",
    ),
    skill_templates={
        "junior": (
            "L'offre mentionne {term}. Parlez-moi de quelque chose que vous avez réalisé ou "
            "étudié avec {term}, et de ce que vous en avez retenu.",
            "Comment vous y prendriez-vous pour devenir opérationnel avec {term} dans vos "
            "premières semaines ici ?",
            "Décrivez-moi un problème que vous avez résolu avec {term}. Où avez-vous bloqué ?",
        ),
        "mid-level": (
            "Parlez-moi d'un projet où vous avez utilisé {term}. Quel était votre rôle, et que "
            "feriez-vous différemment aujourd'hui ?",
            "Quels compromis avez-vous rencontrés avec {term}, et comment avez-vous tranché ?",
            "Quel est le problème le plus difficile que vous ayez résolu avec {term} ? Comment "
            "l'avez-vous abordé ?",
        ),
        "senior": (
            "Parlez-moi d'une fois où vous avez façonné la manière dont une équipe utilise "
            "{term}. Qu'avez-vous décidé, et qu'en est-il ressorti ?",
            "D'après votre expérience, où {term} montre-t-il ses limites, et comment les "
            "avez-vous contournées à grande échelle ?",
            "Comment jugeriez-vous si une équipe utilise {term} de façon saine ? Donnez un "
            "exemple tiré de votre propre travail.",
        ),
    },
    role_fallbacks=(
        "Quelles facettes de {role} correspondent à ce que vous avez déjà fait, et "
        "lesquelles seraient nouvelles pour vous ?",
        "À quoi ressembleraient selon vous vos trois premiers mois à {role}, et comment "
        "vous y prépareriez-vous ?",
        "Quel travail passé montre le mieux que vous pourriez occuper {role} ? Racontez-le-moi.",
        "Que devriez-vous apprendre en premier pour réussir à {role}, et comment "
        "l'apprendriez-vous ?",
        "Parlez-moi du problème le plus pertinent pour {role} que vous ayez résolu. Quel "
        "était votre rôle ?",
    ),
    behavioural={
        "junior": (
            "Parlez-moi d'une fois où vous avez dû apprendre quelque chose de nouveau très "
            "vite pour terminer une tâche. Quelle était la situation, qu'avez-vous fait, et "
            "comment cela s'est-il terminé ?",
            "Décrivez une erreur que vous avez commise sur un projet ou un devoir. Comment "
            "l'avez-vous gérée, et quel a été le résultat ?",
            "Parlez-moi d'une fois où vous avez demandé de l'aide ou un retour. Qu'est-ce qui "
            "vous y a poussé, et qu'est-ce qui a changé ensuite ?",
            "Donnez-moi l'exemple d'un projet d'équipe où vous avez travaillé avec quelqu'un "
            "dont l'approche différait de la vôtre. Qu'avez-vous fait ?",
            "Parlez-moi d'une échéance difficile à tenir. Comment avez-vous organisé votre "
            "travail, et que s'est-il passé ?",
            "Décrivez une fois où vous avez repéré un problème avant qu'on vous demande de "
            "vous en occuper. Qu'avez-vous fait, et qu'en est-il ressorti ?",
            "Parlez-moi d'un travail dont vous êtes fier. Quel était votre rôle, et comment "
            "avez-vous su qu'il était réussi ?",
            "Donnez-moi l'exemple d'une fois où vous avez dû expliquer quelque chose de "
            "technique ou de complexe à un novice. Comment vous y êtes-vous pris ?",
            "Parlez-moi d'un moment où vous aviez plusieurs tâches et pas assez de temps. "
            "Comment avez-vous choisi, et comment cela s'est-il passé ?",
            "Décrivez une fois où ce que vous avez tenté n'a pas marché du premier coup. "
            "Qu'avez-vous changé, et quel a été le résultat ?",
        ),
        "mid-level": (
            "Parlez-moi d'une fois où vous n'étiez pas d'accord avec un collègue sur la façon "
            "de faire quelque chose. Qu'avez-vous fait, et quelle a été l'issue ?",
            "Décrivez un projet qui a dérapé. Quel a été votre rôle pour le remettre sur les "
            "rails, et quel a été le résultat ?",
            "Parlez-moi d'une fois où vous avez dû concilier plusieurs priorités à la fois. "
            "Comment avez-vous décidé, et comment cela s'est-il passé ?",
            "Donnez-moi l'exemple d'un processus ou d'un travail que vous avez amélioré sans "
            "qu'on vous le demande. Qu'avez-vous changé, et qu'est-ce que cela a apporté ?",
            "Parlez-moi d'une fois où vous avez reçu une critique. Comment avez-vous réagi, "
            "et qu'est-ce qui a changé ?",
            "Décrivez une fois où vous avez pris en charge un problème en dehors de vos "
            "responsabilités habituelles. Qu'avez-vous fait, et quelle a été l'issue ?",
            "Parlez-moi d'une décision que vous avez prise en vous appuyant sur des données. "
            "Que disaient les données, qu'avez-vous décidé, et que s'est-il passé ?",
            "Donnez-moi l'exemple d'une fois où vous avez aidé un collègue à se débloquer. "
            "Quelle était la situation, et qu'avez-vous fait ?",
            "Parlez-moi d'une fois où une exigence a changé au dernier moment. Comment "
            "vous êtes-vous adapté, et quel a été le résultat ?",
            "Décrivez la plus grosse erreur que vous ayez commise au travail ces dernières "
            "années. Que s'est-il passé ensuite, et que faites-vous différemment aujourd'hui ?",
        ),
        "senior": (
            "Parlez-moi d'une fois où vous avez mené une équipe dans une décision technique "
            "ou commerciale importante, avec des informations incomplètes. Qu'avez-vous "
            "décidé, et que s'est-il passé ?",
            "Décrivez une fois où vous avez dû convaincre des personnes sur lesquelles vous "
            "n'aviez aucune autorité. Comment vous y êtes-vous pris, et quel a été le "
            "résultat ?",
            "Parlez-moi d'une fois où vous avez aidé quelqu'un de votre équipe à progresser. "
            "Quelle était la situation, qu'avez-vous fait, et qu'est-ce qui a changé pour "
            "cette personne ?",
            "Donnez-moi l'exemple d'un échec dont vous étiez responsable. Qu'avez-vous fait "
            "ensuite, et qu'en a retenu l'organisation ?",
            "Parlez-moi d'une fois où vous avez dû contester une échéance ou une demande de "
            "la direction. Comment avez-vous géré la situation, et comment s'est-elle "
            "terminée ?",
            "Décrivez une fois où vous avez changé la façon de travailler d'une équipe ou "
            "d'un service. Pourquoi, comment avez-vous convaincu les gens, et quel a été le "
            "résultat mesurable ?",
            "Parlez-moi d'un conflit entre deux personnes ou deux équipes que vous avez "
            "résolu. Qu'avez-vous fait, et comment cela s'est-il terminé ?",
            "Donnez-moi l'exemple d'un pari à long terme que vous avez fait, qu'il ait payé "
            "ou non. Comment avez-vous décidé, et qu'en avez-vous appris ?",
            "Parlez-moi d'une fois où vous avez dû réduire le périmètre ou arrêter un projet. "
            "Comment avez-vous décidé, et comment avez-vous embarqué les gens ?",
            "Décrivez comment vous avez géré un incident ou une crise dont vous étiez "
            "responsable. Qu'avez-vous fait sur le moment, et qu'est-ce qui a changé "
            "ensuite ?",
        ),
    },
    resume_project=(
        "Votre CV mentionne {project}. Quelle a été votre contribution personnelle, et "
        "qu'en est-il ressorti ?",
        "Présentez-moi {project}, que vous citez dans votre CV : quel problème cela "
        "résolvait-il, et de quelle décision êtes-vous le plus fier ?",
        "Parlez-moi de {project}. Quelle a été la partie la plus difficile, et comment "
        "l'avez-vous surmontée ?",
    ),
    resume_employer=(
        "Parlez-moi de votre passage chez {employer}. De quel travail êtes-vous le plus "
        "fier là-bas ?",
        "Qu'avez-vous appris chez {employer} que vous apporteriez à ce poste ?",
    ),
    resume_skill=(
        "Votre CV mentionne {skill}, et ce poste le demande aussi. Parlez-moi de la "
        "dernière fois que vous l'avez utilisé dans un vrai projet. Qu'en avez-vous fait ?",
        "Vous indiquez {skill} dans votre CV, et nous l'utilisons ici. Jusqu'où va votre "
        "expérience ? Donnez-moi un exemple.",
    ),
    resume_gap=(
        "Ce poste demande {term}, que je ne vois pas dans votre CV. L'avez-vous déjà "
        "pratiqué quelque part, et sinon, comment vous mettriez-vous à niveau ?",
        "Le poste nécessite {term}, et votre CV n'en parle pas. Qu'avez-vous fait de plus "
        "proche, et comment combleriez-vous cet écart ?",
    ),
    follow_ups=FollowUps(
        short=(
            "Pouvez-vous développer ? Prenez un exemple concret et racontez-moi ce qui s'est "
            "passé et ce que vous avez fait."
        ),
        own_part=(
            "Vous avez beaucoup dit « nous ». Quelle a été votre part à vous : qu'avez-vous "
            "décidé ou fait vous-même ?"
        ),
        outcome=(
            "Comment cela s'est-il terminé ? Quel a été le résultat, et pouvez-vous le chiffrer ?"
        ),
        number=(
            "Pouvez-vous chiffrer ce résultat : temps gagné, erreurs évitées, utilisateurs, "
            "argent, ou tout autre chose que vous avez mesurée ?"
        ),
        reflection=(
            "Avec le recul, que feriez-vous différemment si vous vous retrouviez dans cette "
            "situation, et pourquoi ?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"nous", "notre", "nos", "on"}),
        own=frozenset({"je", "j'", "moi", "mon", "ma", "mes", "me", "m'"}),
        outcome=frozenset(
            {
                "résultat",
                "réduit",
                "diminué",
                "augmenté",
                "amélioré",
                "économisé",
                "gagné",
                "livré",
                "lancé",
                "terminé",
                "fini",
                "atteint",
                "résolu",
                "corrigé",
                "réussi",
                "mené",
                "accéléré",
                "doublé",
                "divisé",
                "abouti",
            }
        ),
        numbers=frozenset(
            {
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "vingt",
                "trente",
                "cinquante",
                "cent",
                "mille",
                "million",
                "pourcent",
                "moitié",
                "double",
                "douzaine",
            }
        ),
    ),
)
