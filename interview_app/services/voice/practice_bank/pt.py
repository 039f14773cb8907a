"""The Portuguese practice interviewer (Brazilian Portuguese, "você", as the pt-BR voice)."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "pt"

BANK = QuestionBank(
    # Used only after "para", "por" and "a" (no contraction such as "nesta" needed).
    role_named="esta vaga de {title}",
    role_unnamed="esta vaga",
    openers=(
        "Obrigado por participar. Para começar, fale um pouco sobre você e o que o atrai "
        "para {role}.",
        "Vamos começar pela sua trajetória: em que você tem trabalhado ultimamente, e por "
        "que se candidatou para {role}?",
        "Para começar, conte-me sobre a sua experiência e o que você traria para {role}.",
    ),
    closes=(
        "Essas foram todas as minhas perguntas. Há algo que você gostaria de me perguntar, "
        "ou algo a acrescentar sobre por que você é a pessoa certa para a vaga?",
        "Nosso tempo está quase acabando. O que você gostaria de saber sobre a vaga ou a equipe?",
        "Antes de terminarmos: que perguntas você tem para mim, e há algo que não abordamos "
        "e que você gostaria que eu soubesse?",
    ),
    skill_templates={
        "junior": (
            "A descrição da vaga menciona {term}. Conte-me sobre algo que você construiu ou "
            "estudou com {term}, e o que aprendeu com isso.",
            "Como você faria para se tornar produtivo com {term} nas suas primeiras semanas aqui?",
            "Descreva um problema que você resolveu usando {term}. Onde você travou?",
        ),
        "mid-level": (
            "Conte-me sobre um projeto em que você usou {term}. Qual foi o seu papel, e o que "
            "faria diferente hoje?",
            "Que trade-offs você já enfrentou com {term}, e como decidiu entre eles?",
            "Descreva o problema mais difícil que você resolveu com {term}. Como você o abordou?",
        ),
        "senior": (
            "Conte-me sobre uma vez em que você definiu como uma equipe usa {term}. O que "
            "você decidiu, e qual foi o resultado?",
            "Na sua experiência, onde {term} deixa a desejar, e como você contornou isso em "
            "grande escala?",
            "Como você avaliaria se uma equipe usa {term} de forma saudável? Dê um exemplo do "
            "seu próprio trabalho.",
        ),
    },
    role_fallbacks=(
        "Quais aspectos do trabalho exigido para {role} você já fez antes, e quais seriam "
        "novos para você?",
        "Como você imagina os seus primeiros três meses se for contratado para {role}, e "
        "como se prepararia?",
        "Qual trabalho seu mostra melhor que você está preparado para {role}? Conte-me em "
        "detalhes.",
        "O que você precisaria aprender primeiro para se sair bem, se for contratado para "
        "{role}, e como aprenderia?",
        "Conte-me sobre o problema mais relevante para {role} que você já resolveu. Qual "
        "foi o seu papel?",
    ),
    behavioural={
        "junior": (
            "Conte-me sobre uma vez em que você precisou aprender algo novo rapidamente para "
            "concluir uma tarefa. Qual era a situação, o que você fez e como terminou?",
            "Descreva um erro que você cometeu em um projeto ou trabalho. Como lidou com "
            "ele, e qual foi o resultado?",
            "Conte-me sobre uma vez em que você pediu ajuda ou feedback. O que o levou a "
            "isso, e o que mudou depois?",
            "Dê um exemplo de um projeto em equipe em que você trabalhou com alguém de "
            "abordagem diferente da sua. O que você fez?",
            "Conte-me sobre um prazo difícil de cumprir. Como você planejou o seu trabalho, e "
            "o que aconteceu?",
            "Descreva uma vez em que você percebeu um problema antes que alguém pedisse. O "
            "que você fez, e qual foi o resultado?",
            "Conte-me sobre um trabalho de que você se orgulha. Qual foi o seu papel, e como "
            "você soube que tinha ficado bom?",
            "Dê um exemplo de uma vez em que você precisou explicar algo técnico ou "
            "complicado para alguém que não conhecia o assunto. Como você fez?",
            "Conte-me sobre uma vez em que você tinha várias tarefas e pouco tempo. Como "
            "escolheu, e como terminou?",
            "Descreva uma vez em que algo que você tentou não funcionou na primeira "
            "tentativa. O que você mudou, e qual foi o resultado?",
        ),
        "mid-level": (
            "Conte-me sobre uma vez em que você discordou de um colega sobre como fazer algo. "
            "O que você fez, e qual foi o desfecho?",
            "Descreva um projeto que saiu dos trilhos. Qual foi o seu papel para colocá-lo de "
            "volta no caminho, e qual foi o resultado?",
            "Conte-me sobre uma vez em que você precisou equilibrar várias prioridades ao "
            "mesmo tempo. Como decidiu, e como terminou?",
            "Dê um exemplo de uma vez em que você melhorou um processo ou um trabalho sem "
            "que ninguém pedisse. O que mudou, e o que isso trouxe?",
            "Conte-me sobre uma vez em que você recebeu uma crítica. Como reagiu, e o que mudou?",
            "Descreva uma vez em que você assumiu um problema fora das suas "
            "responsabilidades habituais. O que fez, e qual foi o desfecho?",
            "Conte-me sobre uma decisão que você tomou com base em dados. O que os dados "
            "mostravam, o que você decidiu e o que aconteceu?",
            "Dê um exemplo de uma vez em que você ajudou um colega a destravar. Qual era a "
            "situação, e o que você fez?",
            "Conte-me sobre uma vez em que um requisito mudou em cima da hora. Como você se "
            "adaptou, e qual foi o resultado?",
            "Descreva o maior erro que você cometeu no trabalho nos últimos anos. O que "
            "aconteceu depois, e o que você faz diferente hoje?",
        ),
        "senior": (
            "Conte-me sobre uma vez em que você conduziu uma equipe em uma decisão técnica "
            "ou de negócio importante com informações incompletas. O que decidiu e o que "
            "aconteceu?",
            "Descreva uma vez em que você precisou influenciar pessoas sobre as quais não "
            "tinha autoridade. Como abordou a situação, e qual foi o resultado?",
            "Conte-me sobre uma vez em que você ajudou alguém da sua equipe a crescer. Qual "
            "era a situação, o que você fez e o que mudou para essa pessoa?",
            "Dê um exemplo de um fracasso pelo qual você era responsável. O que você fez "
            "depois, e o que a organização aprendeu?",
            "Conte-me sobre uma vez em que você precisou contestar um prazo ou um pedido da "
            "liderança. Como lidou com isso, e como terminou?",
            "Descreva uma vez em que você mudou a forma de trabalhar de uma equipe ou área. "
            "Por quê, como convenceu as pessoas e qual foi o resultado mensurável?",
            "Conte-me sobre um conflito entre duas pessoas ou equipes que você resolveu. O "
            "que você fez, e como terminou?",
            "Dê um exemplo de uma aposta de longo prazo que você fez, tenha dado certo ou "
            "não. Como decidiu, e o que aprendeu?",
            "Conte-me sobre uma vez em que você precisou reduzir o escopo ou interromper um "
            "projeto. Como decidiu, e como trouxe as pessoas junto?",
            "Descreva como você lidou com um incidente ou uma crise pela qual era "
            "responsável. O que fez no momento, e o que mudou depois?",
        ),
    },
    resume_project=(
        "Seu currículo menciona {project}. Qual foi a sua contribuição pessoal, e qual foi "
        "o resultado?",
        "Explique-me {project}, que aparece no seu currículo: que problema resolvia, e de "
        "qual decisão você mais se orgulha?",
        "Conte-me sobre {project}. Qual foi a parte mais difícil, e como você a superou?",
    ),
    resume_employer=(
        "Conte-me sobre o seu período na empresa {employer}. De qual trabalho lá você mais se "
        "orgulha?",
        "O que você aprendeu na empresa {employer} que traria para esta vaga?",
    ),
    resume_skill=(
        "Seu currículo inclui {skill}, e esta vaga também pede isso. Conte-me sobre a "
        "última vez que você usou isso em um trabalho real. O que fez?",
        "Você tem {skill} no currículo, e nós usamos isso aqui. Até onde vai a sua "
        "experiência? Dê um exemplo.",
    ),
    resume_gap=(
        "Esta vaga pede {term}, que eu não vejo no seu currículo. Você já trabalhou com "
        "isso em algum lugar? Se não, como se atualizaria?",
        "A vaga exige {term}, e o seu currículo não menciona isso. O que você já fez de "
        "mais parecido, e como preencheria essa lacuna?",
    ),
    follow_ups=FollowUps(
        short=(
            "Pode falar mais sobre isso? Pegue um exemplo concreto e me conte o que aconteceu "
            "e o que você fez."
        ),
        own_part=(
            'Você disse "nós" muitas vezes. Qual foi a sua parte: o que você mesmo decidiu ou fez?'
        ),
        outcome="Como isso terminou? Qual foi o resultado, e você consegue quantificá-lo?",
        number=(
            "Você consegue quantificar esse resultado: tempo economizado, erros evitados, "
            "usuários, dinheiro ou qualquer outra coisa que tenha medido?"
        ),
        reflection=(
            "Olhando para trás, o que você faria diferente se passasse por isso de novo, e por quê?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset(
            {
                "nós",
                "nosso",
                "nossa",
                "nossos",
                "nossas",
            }
        ),
        own=frozenset({"eu", "meu", "minha", "meus", "minhas", "mim", "me"}),
        outcome=frozenset(
            {
                "resultado",
                "reduzi",
                "diminu",
                "aument",
                "melhor",
                "economiz",
                "lanç",
                "entreg",
                "termin",
                "conclu",
                "alcanç",
                "consegu",
                "resolv",
                "corrig",
                "lider",
                "venc",
                "dobr",
            }
        ),
        numbers=frozenset(
            {
                "dois",
                "duas",
                "três",
                "quatro",
                "cinco",
                "seis",
                "sete",
                "oito",
                "nove",
                "dez",
                "vinte",
                "trinta",
                "cinquenta",
                "cem",
                "cento",
                "mil",
                "milhão",
                "milhões",
                "porcento",
                "metade",
                "dobro",
                "dúzia",
            }
        ),
    ),
)
