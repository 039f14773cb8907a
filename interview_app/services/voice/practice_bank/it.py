"""The Italian practice interviewer (formal "Lei", as in an Italian job interview)."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "it"

BANK = QuestionBank(
    role_named="questo ruolo di {title}",
    role_unnamed="questo ruolo",
    openers=(
        "Grazie per essere qui. Per cominciare, mi parli un po' di sé e di che cosa la "
        "attrae di {role}.",
        "Partiamo dal suo percorso: a che cosa ha lavorato di recente, e perché {role}?",
        "Per iniziare, mi racconti il suo percorso e che cosa porterebbe a {role}.",
    ),
    closes=(
        "Le mie domande sono finite. C'è qualcosa che vorrebbe chiedermi, o che vorrebbe "
        "aggiungere sul perché è la persona giusta?",
        "Il tempo sta per finire. Che cosa vorrebbe sapere sul ruolo o sul team?",
        "Prima di concludere: che domande ha per me, e c'è qualcosa che non abbiamo "
        "toccato e che vuole farmi sapere?",
    ),
    skill_templates={
        "junior": (
            "L'annuncio cita {term}. Mi parli di qualcosa che ha realizzato o studiato con "
            "{term}, e di che cosa ha imparato.",
            "Come farebbe a diventare operativo con {term} nelle sue prime settimane qui?",
            "Mi descriva un problema che ha risolto usando {term}. Dove si è bloccato?",
        ),
        "mid-level": (
            "Mi parli di un progetto in cui ha usato {term}. Qual era il suo contributo, e "
            "che cosa farebbe diversamente oggi?",
            "Quali compromessi ha incontrato con {term}, e come ha scelto tra le opzioni?",
            "Qual è il problema più difficile che ha risolto con {term}? Come l'ha affrontato?",
        ),
        "senior": (
            "Mi parli di una volta in cui ha definito il modo in cui un team usa {term}. "
            "Che cosa ha deciso, e che cosa ne è venuto fuori?",
            "Secondo la sua esperienza, dove mostra i suoi limiti {term}, e come li ha "
            "aggirati su larga scala?",
            "Come valuterebbe se un team usa {term} in modo sano? Mi faccia un esempio dal "
            "suo lavoro.",
        ),
    },
    role_fallbacks=(
        "Quali aspetti di {role} corrispondono a ciò che ha già fatto, e quali sarebbero "
        "nuovi per lei?",
        "Come immagina i suoi primi tre mesi in {role}, e come si preparerebbe?",
        "Quale suo lavoro passato dimostra meglio che sarebbe adatto a {role}? Me lo racconti.",
        "Che cosa dovrebbe imparare per prima cosa per riuscire bene in {role}, e come lo "
        "imparerebbe?",
        "Mi parli del problema più rilevante per {role} che ha risolto. Qual è stato il "
        "suo contributo?",
    ),
    behavioural={
        "junior": (
            "Mi parli di una volta in cui ha dovuto imparare in fretta qualcosa di nuovo per "
            "portare a termine un compito. Qual era la situazione, che cosa ha fatto e come "
            "è andata?",
            "Descriva un errore che ha commesso in un progetto o in un compito. Come l'ha "
            "gestito, e qual è stato il risultato?",
            "Mi parli di una volta in cui ha chiesto aiuto o un parere. Che cosa l'ha spinta "
            "a farlo, e che cosa è cambiato dopo?",
            "Mi faccia l'esempio di un progetto di gruppo in cui ha lavorato con qualcuno che "
            "aveva un approccio diverso dal suo. Che cosa ha fatto?",
            "Mi parli di una scadenza difficile da rispettare. Come ha pianificato il lavoro, "
            "e che cosa è successo?",
            "Descriva una volta in cui ha notato un problema prima che qualcuno glielo "
            "chiedesse. Che cosa ha fatto, e che cosa ne è venuto fuori?",
            "Mi parli di un lavoro di cui va fiero. Qual è stato il suo contributo, e come ha "
            "capito che era ben fatto?",
            "Mi faccia l'esempio di una volta in cui ha dovuto spiegare qualcosa di tecnico o "
            "complicato a chi non conosceva l'argomento. Come ha fatto?",
            "Mi parli di una volta in cui aveva diversi compiti e poco tempo. Come ha scelto, "
            "e come è andata?",
            "Descriva una volta in cui qualcosa che ha provato non ha funzionato al primo "
            "colpo. Che cosa ha cambiato, e qual è stato il risultato?",
        ),
        "mid-level": (
            "Mi parli di una volta in cui non era d'accordo con un collega su come fare "
            "qualcosa. Che cosa ha fatto, e come è finita?",
            "Descriva un progetto che è andato fuori strada. Che ruolo ha avuto nel "
            "rimetterlo in carreggiata, e qual è stato il risultato?",
            "Mi parli di una volta in cui ha dovuto bilanciare più priorità insieme. Come ha "
            "deciso, e come è andata?",
            "Mi faccia l'esempio di una volta in cui ha migliorato un processo o un lavoro "
            "senza che nessuno glielo chiedesse. Che cosa ha cambiato, e che cosa ha "
            "ottenuto?",
            "Mi parli di una volta in cui ha ricevuto una critica. Come ha reagito, e che "
            "cosa è cambiato?",
            "Descriva una volta in cui si è fatto carico di un problema al di fuori delle sue "
            "responsabilità abituali. Che cosa ha fatto, e come è finita?",
            "Mi parli di una decisione che ha preso basandosi sui dati. Che cosa dicevano i "
            "dati, che cosa ha deciso e che cosa è successo?",
            "Mi faccia l'esempio di una volta in cui ha aiutato un collega a sbloccarsi. "
            "Qual era la situazione e che cosa ha fatto?",
            "Mi parli di una volta in cui un requisito è cambiato all'ultimo momento. Come si "
            "è adattato, e qual è stato il risultato?",
            "Descriva l'errore più grande che ha commesso al lavoro negli ultimi anni. Che "
            "cosa è successo dopo, e che cosa fa diversamente oggi?",
        ),
        "senior": (
            "Mi parli di una volta in cui ha guidato un team in una decisione tecnica o di "
            "business importante con informazioni incomplete. Che cosa ha deciso e che cosa "
            "è successo?",
            "Descriva una volta in cui ha dovuto influenzare persone su cui non aveva "
            "autorità. Come l'ha affrontata, e qual è stato il risultato?",
            "Mi parli di una volta in cui ha aiutato qualcuno del suo team a crescere. Qual "
            "era la situazione, che cosa ha fatto e che cosa è cambiato per quella persona?",
            "Mi faccia l'esempio di un fallimento di cui era responsabile. Che cosa ha fatto "
            "dopo, e che cosa ha imparato l'organizzazione?",
            "Mi parli di una volta in cui ha dovuto opporsi a una scadenza o a una richiesta "
            "della direzione. Come l'ha gestita, e come è finita?",
            "Descriva una volta in cui ha cambiato il modo di lavorare di un team o di un "
            "reparto. Perché, come ha convinto le persone e qual è stato il risultato "
            "misurabile?",
            "Mi parli di un conflitto tra due persone o due team che ha risolto. Che cosa ha "
            "fatto, e come è finita?",
            "Mi faccia l'esempio di una scommessa a lungo termine che ha fatto, andata bene "
            "o no. Come ha deciso, e che cosa ha imparato?",
            "Mi parli di una volta in cui ha dovuto ridurre il perimetro o fermare un "
            "progetto. Come ha deciso, e come ha portato le persone dalla sua parte?",
            "Descriva come ha gestito un incidente o una crisi di cui era responsabile. Che "
            "cosa ha fatto sul momento, e che cosa è cambiato dopo?",
        ),
    },
    resume_project=(
        "Nel suo curriculum cita {project}. Qual è stato il suo contributo personale, e che "
        "cosa ne è venuto fuori?",
        "Mi illustri {project}, che compare nel suo curriculum: quale problema risolveva, e "
        "di quale decisione va più fiero?",
        "Mi parli di {project}. Qual è stata la parte più difficile, e come l'ha superata?",
    ),
    resume_employer=(
        "Mi parli del suo periodo presso {employer}. Di quale lavoro svolto lì va più fiero?",
        "Che cosa ha imparato presso {employer} che porterebbe in questo ruolo?",
    ),
    resume_skill=(
        "Il suo curriculum riporta {skill}, e anche questo ruolo lo richiede. Mi parli "
        "dell'ultima volta che l'ha usato su un lavoro reale. Che cosa ci ha fatto?",
        "Nel suo curriculum c'è {skill}, e qui lo usiamo. Quanto è approfondita la sua "
        "esperienza? Mi faccia un esempio.",
    ),
    resume_gap=(
        "Questo ruolo richiede {term}, che non vedo nel suo curriculum. Ci ha lavorato da "
        "qualche parte, e se no, come si metterebbe in pari?",
        "Il ruolo richiede {term}, e il suo curriculum non lo menziona. Qual è la cosa più "
        "vicina che ha fatto, e come colmerebbe questa lacuna?",
    ),
    follow_ups=FollowUps(
        short=(
            "Può dirmi qualcosa di più? Prenda un esempio concreto e mi racconti che cosa è "
            "successo e che cosa ha fatto lei."
        ),
        own_part=(
            'Ha detto spesso "noi". Qual è stata la sua parte: che cosa ha deciso o fatto '
            "lei personalmente?"
        ),
        outcome="Com'è andata a finire? Qual è stato il risultato, e può quantificarlo?",
        number=(
            "Può quantificare quel risultato: tempo risparmiato, errori evitati, utenti, "
            "denaro o qualsiasi altra cosa abbia misurato?"
        ),
        reflection=(
            "Ripensandoci, che cosa farebbe diversamente se si trovasse di nuovo in quella "
            "situazione, e perché?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"noi", "nostro", "nostra", "nostri", "nostre"}),
        own=frozenset({"io", "mio", "mia", "miei", "mie", "mi", "me"}),
        outcome=frozenset(
            {
                "risultat",
                "ridott",
                "ridu",
                "aumentat",
                "migliorat",
                "risparmiat",
                "lanciat",
                "rilasciat",
                "consegnat",
                "terminat",
                "complet",
                "raggiunt",
                "ottenut",
                "risolt",
                "corrett",
                "guidat",
                "vint",
                "raddoppiat",
                "dimezzat",
            }
        ),
        numbers=frozenset(
            {
                "due",
                "tre",
                "quattro",
                "cinque",
                "sei",
                "sette",
                "otto",
                "nove",
                "dieci",
                "venti",
                "trenta",
                "cinquanta",
                "cento",
                "mille",
                "mila",
                "milion",
                "percento",
                "metà",
                "doppio",
                "dozzina",
            }
        ),
    ),
)
