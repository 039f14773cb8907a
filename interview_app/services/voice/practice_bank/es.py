"""The Spanish practice interviewer (usted, as in a formal job interview)."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "es"

BANK = QuestionBank(
    role_named="este puesto de {title}",
    role_unnamed="este puesto",
    openers=(
        "Gracias por venir. Para empezar, cuénteme un poco sobre usted y qué le atrae de {role}.",
        "Empecemos por su trayectoria: ¿en qué ha estado trabajando últimamente, y por qué {role}?",
        "Para empezar, hábleme de su trayectoria y de lo que aportaría a {role}.",
    ),
    closes=(
        "Esas son todas mis preguntas. ¿Hay algo que quiera preguntarme, o algo que quiera "
        "añadir sobre por qué encaja bien en el puesto?",
        "Nos queda poco tiempo. ¿Qué le gustaría preguntarme sobre el puesto o el equipo?",
        "Antes de terminar: ¿qué preguntas tiene para mí, y hay algo que no hayamos tratado "
        "y que quiera que sepa?",
    ),
    skill_templates={
        "junior": (
            "La oferta menciona {term}. Hábleme de algo que haya construido o estudiado con "
            "{term}, y de lo que aprendió.",
            "¿Cómo haría para ser productivo con {term} en sus primeras semanas aquí?",
            "Explíqueme un problema que resolvió usando {term}. ¿Dónde se atascó?",
        ),
        "mid-level": (
            "Hábleme de un proyecto en el que usó {term}. ¿Cuál fue su papel, y qué haría "
            "diferente ahora?",
            "¿Qué disyuntivas se ha encontrado con {term}, y cómo decidió entre ellas?",
            "Describa el problema más difícil que ha resuelto con {term}. ¿Cómo lo abordó?",
        ),
        "senior": (
            "Hábleme de una ocasión en la que definió cómo un equipo usa {term}. ¿Qué "
            "decidió, y qué resultó de ello?",
            "Según su experiencia, ¿dónde se queda corto {term}, y cómo lo ha resuelto a "
            "gran escala?",
            "¿Cómo juzgaría si un equipo usa {term} de forma sana? Deme un ejemplo de su "
            "propio trabajo.",
        ),
    },
    role_fallbacks=(
        "¿Qué partes de {role} coinciden con lo que ya ha hecho, y cuáles serían nuevas "
        "para usted?",
        "¿Cómo se imagina sus primeros tres meses en {role}, y cómo se prepararía?",
        "¿Qué trabajo suyo demuestra mejor que podría desempeñar {role}? Cuéntemelo paso a paso.",
        "¿Qué necesitaría aprender primero para hacerlo bien en {role}, y cómo lo aprendería?",
        "Hábleme del problema más relevante para {role} que haya resuelto. ¿Cuál fue su papel?",
    ),
    behavioural={
        "junior": (
            "Hábleme de una ocasión en la que tuvo que aprender algo nuevo rápidamente para "
            "terminar una tarea. ¿Cuál era la situación, qué hizo y cómo salió?",
            "Describa un error que cometió en un proyecto o trabajo. ¿Cómo lo gestionó, y "
            "cuál fue el resultado?",
            "Hábleme de una ocasión en la que pidió ayuda u opinión. ¿Qué le llevó a "
            "hacerlo, y qué cambió después?",
            "Deme un ejemplo de un proyecto en equipo en el que trabajó con alguien cuyo "
            "enfoque era distinto del suyo. ¿Qué hizo?",
            "Hábleme de un plazo que le costó cumplir. ¿Cómo planificó su trabajo, y qué pasó?",
            "Describa una ocasión en la que detectó un problema antes de que nadie se lo "
            "pidiera. ¿Qué hizo, y qué resultó de ello?",
            "Hábleme de un trabajo del que esté orgulloso. ¿Cuál fue su papel, y cómo supo "
            "que estaba bien hecho?",
            "Deme un ejemplo de una vez en la que tuvo que explicar algo técnico o complicado "
            "a alguien que no conocía el tema. ¿Cómo lo hizo?",
            "Hábleme de una ocasión en la que tenía varias tareas y poco tiempo. ¿Cómo "
            "decidió, y cómo salió?",
            "Describa una ocasión en la que algo que intentó no funcionó a la primera. ¿Qué "
            "cambió, y cuál fue el resultado?",
        ),
        "mid-level": (
            "Hábleme de una ocasión en la que no estuvo de acuerdo con un compañero sobre "
            "cómo hacer algo. ¿Qué hizo, y cómo terminó?",
            "Describa un proyecto que se desvió del plan. ¿Qué papel tuvo en reconducirlo, "
            "y cuál fue el resultado?",
            "Hábleme de una ocasión en la que tuvo que equilibrar varias prioridades a la "
            "vez. ¿Cómo decidió, y cómo salió?",
            "Deme un ejemplo de una vez en la que mejoró un proceso o un trabajo sin que "
            "nadie se lo pidiera. ¿Qué cambió, y qué se consiguió?",
            "Hábleme de una ocasión en la que recibió críticas. ¿Cómo reaccionó, y qué cambió?",
            "Describa una ocasión en la que asumió un problema fuera de sus "
            "responsabilidades habituales. ¿Qué hizo, y cómo terminó?",
            "Hábleme de una decisión que tomó basándose en datos. ¿Qué decían los datos, qué "
            "decidió y qué pasó?",
            "Deme un ejemplo de una vez en la que ayudó a un compañero a desatascarse. ¿Cuál "
            "era la situación y qué hizo?",
            "Hábleme de una ocasión en la que un requisito cambió a última hora. ¿Cómo se "
            "adaptó, y cuál fue el resultado?",
            "Describa el mayor error que ha cometido en el trabajo en los últimos años. ¿Qué "
            "pasó después, y qué hace diferente ahora?",
        ),
        "senior": (
            "Hábleme de una ocasión en la que guio a un equipo en una decisión técnica o de "
            "negocio importante con información incompleta. ¿Qué decidió y qué pasó?",
            "Describa una ocasión en la que tuvo que influir en personas sobre las que no "
            "tenía autoridad. ¿Cómo lo planteó, y cuál fue el resultado?",
            "Hábleme de una ocasión en la que ayudó a alguien de su equipo a crecer. ¿Cuál "
            "era la situación, qué hizo y qué cambió para esa persona?",
            "Deme un ejemplo de un fracaso del que usted era responsable. ¿Qué hizo después, "
            "y qué aprendió la organización?",
            "Hábleme de una ocasión en la que tuvo que oponerse a un plazo o una petición de "
            "la dirección. ¿Cómo lo gestionó, y cómo terminó?",
            "Describa una ocasión en la que cambió la forma de trabajar de un equipo o "
            "departamento. ¿Por qué, cómo convenció a la gente y cuál fue el resultado "
            "medible?",
            "Hábleme de un conflicto entre dos personas o equipos que usted resolvió. ¿Qué "
            "hizo, y cómo terminó?",
            "Deme un ejemplo de una apuesta a largo plazo que hizo, saliera bien o no. ¿Cómo "
            "decidió, y qué aprendió?",
            "Hábleme de una ocasión en la que tuvo que recortar el alcance o detener un "
            "proyecto. ¿Cómo lo decidió y cómo consiguió que la gente lo aceptara?",
            "Describa cómo gestionó un incidente o una crisis de la que era responsable. ¿Qué "
            "hizo en el momento, y qué cambió después?",
        ),
    },
    resume_project=(
        "Su currículum menciona {project}. ¿Cuál fue su aportación personal, y qué resultó "
        "de ello?",
        "Explíqueme {project}, que aparece en su currículum: ¿qué problema resolvía, y de qué "
        "decisión está más orgulloso?",
        "Hábleme de {project}. ¿Qué fue lo más difícil, y cómo lo superó?",
    ),
    resume_employer=(
        "Hábleme de su etapa en {employer}. ¿De qué trabajo está más orgulloso allí?",
        "¿Qué aprendió en {employer} que traería a este puesto?",
    ),
    resume_skill=(
        "Su currículum incluye {skill}, y este puesto también lo pide. Hábleme de la última "
        "vez que lo usó en un trabajo real. ¿Qué hizo con ello?",
        "Tiene {skill} en su currículum, y aquí lo usamos. ¿Hasta dónde llega su "
        "experiencia? Deme un ejemplo.",
    ),
    resume_gap=(
        "Este puesto pide {term}, y no lo veo en su currículum. ¿Ha trabajado con ello en "
        "algún sitio, y si no, cómo se pondría al día?",
        "El puesto requiere {term}, y su currículum no lo menciona. ¿Qué es lo más parecido "
        "que ha hecho, y cómo cubriría esa carencia?",
    ),
    follow_ups=FollowUps(
        short=(
            "¿Podría contarme más? Tome un ejemplo concreto y explíqueme qué pasó y qué hizo usted."
        ),
        own_part=(
            'Ha dicho "nosotros" muchas veces. ¿Cuál fue su parte: qué decidió o hizo usted mismo?'
        ),
        outcome="¿Cómo terminó? ¿Cuál fue el resultado, y puede ponerle una cifra?",
        number=(
            "¿Puede cuantificar ese resultado: tiempo ahorrado, errores evitados, usuarios, "
            "dinero o cualquier otra cosa que midiera?"
        ),
        reflection=(
            "Mirando atrás, ¿qué haría diferente si se encontrara de nuevo en esa situación, "
            "y por qué?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"nosotros", "nosotras", "nuestro", "nuestra", "nuestros", "nuestras"}),
        own=frozenset({"yo", "mi", "mis", "me", "mío", "mía"}),
        outcome=frozenset(
            {
                "resultado",
                "reduj",
                "reducid",
                "aument",
                "mejor",
                "ahorr",
                "lanz",
                "entreg",
                "termin",
                "complet",
                "logr",
                "consegu",
                "resolv",
                "resuelt",
                "arregl",
                "dirig",
                "dupliqu",
                "duplic",
            }
        ),
        numbers=frozenset(
            {
                "dos",
                "tres",
                "cuatro",
                "cinco",
                "seis",
                "siete",
                "ocho",
                "nueve",
                "diez",
                "veinte",
                "treinta",
                "cincuenta",
                "cien",
                "mil",
                "millón",
                "millones",
                "porcentaje",
                "mitad",
                "doble",
                "docena",
            }
        ),
    ),
)
