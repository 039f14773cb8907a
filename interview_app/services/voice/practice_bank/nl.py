"""The Dutch practice interviewer ("u", as in a formal Dutch job interview)."""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "nl"

BANK = QuestionBank(
    role_named="deze functie als {title}",
    role_unnamed="deze functie",
    openers=(
        "Bedankt dat u er bent. Vertel om te beginnen iets over uzelf en wat u aantrekt in {role}.",
        "Laten we beginnen met uw verhaal: waar hebt u de laatste tijd aan gewerkt, en "
        "waarom {role}?",
        "Om te beginnen: neem me mee door uw achtergrond en vertel wat u zou meebrengen "
        "voor {role}.",
    ),
    closes=(
        "Dat waren al mijn vragen. Is er iets wat u mij wilt vragen, of wilt u nog iets "
        "toevoegen over waarom u goed bij ons past?",
        "We zijn bijna door onze tijd heen. Wat wilt u weten over de functie of het team?",
        "Voordat we afronden: welke vragen hebt u voor mij, en is er iets wat we niet "
        "besproken hebben en wat u mij wilt laten weten?",
    ),
    skill_templates={
        "junior": (
            "In de vacature wordt {term} genoemd. Vertel over iets wat u met {term} hebt "
            "gebouwd of bestudeerd, en wat u daarvan hebt geleerd.",
            "Hoe zou u het aanpakken om in uw eerste weken hier productief te worden met {term}?",
            "Neem me mee door een probleem dat u met {term} hebt opgelost. Waar liep u vast?",
        ),
        "mid-level": (
            "Vertel eens over een project waarin u {term} hebt gebruikt. Wat was uw aandeel, en "
            "wat zou u nu anders doen?",
            "Welke afwegingen bent u tegengekomen bij {term}, en hoe hebt u daartussen gekozen?",
            "Wat is het lastigste probleem dat u met {term} hebt opgelost? Hoe pakte u het aan?",
        ),
        "senior": (
            "Vertel eens over een keer dat u hebt bepaald hoe een team {term} gebruikt. Wat hebt "
            "u besloten, en wat kwam daaruit?",
            "Waar schiet {term} volgens uw ervaring tekort, en hoe bent u daar op grote "
            "schaal mee omgegaan?",
            "Hoe zou u beoordelen of een team {term} op een gezonde manier gebruikt? Geef "
            "een voorbeeld uit uw eigen werk.",
        ),
    },
    role_fallbacks=(
        "Welke onderdelen van {role} sluiten aan bij wat u eerder hebt gedaan, en welke "
        "zouden nieuw voor u zijn?",
        "Hoe ziet u uw eerste drie maanden in {role} voor u, en hoe zou u zich voorbereiden?",
        "Welk werk uit uw verleden laat het best zien dat u {role} aankunt? Neem me erdoor mee.",
        "Wat zou u als eerste moeten leren om goed te functioneren in {role}, en hoe zou "
        "u dat leren?",
        "Vertel eens over het probleem dat u hebt opgelost dat het meest relevant is voor "
        "{role}. Wat was uw aandeel?",
    ),
    behavioural={
        "junior": (
            "Vertel eens over een keer dat u snel iets nieuws moest leren om een taak af te "
            "ronden. Wat was de situatie, wat deed u, en hoe liep het af?",
            "Beschrijf een fout die u hebt gemaakt in een project of opdracht. Hoe ging u "
            "ermee om, en wat was het resultaat?",
            "Vertel eens over een keer dat u om hulp of feedback vroeg. Wat was de aanleiding, en "
            "wat veranderde er daarna?",
            "Geef een voorbeeld van een teamproject waarin u samenwerkte met iemand die het "
            "anders aanpakte dan u. Wat deed u?",
            "Vertel eens over een deadline die u moeilijk kon halen. Hoe plande u uw werk, en wat "
            "gebeurde er?",
            "Beschrijf een keer dat u een probleem opmerkte voordat iemand u ernaar vroeg. "
            "Wat deed u, en wat kwam daaruit?",
            "Vertel eens over werk waar u trots op bent. Wat was uw aandeel, en hoe wist u dat "
            "het goed was?",
            "Geef een voorbeeld van een keer dat u iets technisch of ingewikkelds moest "
            "uitleggen aan iemand die er nieuw in was. Hoe pakte u dat aan?",
            "Vertel eens over een keer dat u meerdere taken had en te weinig tijd. Hoe koos u, en "
            "hoe liep het af?",
            "Beschrijf een keer dat iets wat u probeerde de eerste keer niet werkte. Wat "
            "veranderde u, en wat was het resultaat?",
        ),
        "mid-level": (
            "Vertel eens over een keer dat u het met een teamgenoot oneens was over de aanpak. "
            "Wat deed u, en hoe liep het af?",
            "Beschrijf een project dat uit de koers raakte. Wat was uw rol om het weer op "
            "het goede spoor te krijgen, en wat was het resultaat?",
            "Vertel eens over een keer dat u meerdere prioriteiten tegelijk moest afwegen. Hoe "
            "besliste u, en hoe liep het af?",
            "Geef een voorbeeld van een keer dat u een proces of werk verbeterde zonder dat "
            "iemand erom vroeg. Wat veranderde u, en wat leverde het op?",
            "Vertel eens over een keer dat u kritische feedback kreeg. Hoe reageerde u, en wat "
            "veranderde er?",
            "Beschrijf een keer dat u een probleem oppakte dat buiten uw gewone "
            "verantwoordelijkheden viel. Wat deed u, en hoe liep het af?",
            "Vertel eens over een beslissing die u op basis van data nam. Wat zeiden de data, wat "
            "besloot u, en wat gebeurde er?",
            "Geef een voorbeeld van een keer dat u een collega verder hielp die vastzat. Wat "
            "was de situatie en wat deed u?",
            "Vertel eens over een keer dat een eis op het laatste moment veranderde. Hoe paste u "
            "zich aan, en wat was het resultaat?",
            "Beschrijf de grootste fout die u de afgelopen jaren in uw werk hebt gemaakt. "
            "Wat gebeurde er daarna, en wat doet u nu anders?",
        ),
        "senior": (
            "Vertel eens over een keer dat u een team met onvolledige informatie door een "
            "belangrijke technische of zakelijke beslissing leidde. Wat besloot u en wat "
            "gebeurde er?",
            "Beschrijf een keer dat u mensen moest overtuigen over wie u geen zeggenschap "
            "had. Hoe pakte u het aan, en wat was het resultaat?",
            "Vertel eens over een keer dat u iemand in uw team hielp groeien. Wat was de "
            "situatie, wat deed u, en wat veranderde er voor die persoon?",
            "Geef een voorbeeld van een mislukking waarvoor u verantwoordelijk was. Wat deed "
            "u daarna, en wat leerde de organisatie ervan?",
            "Vertel eens over een keer dat u tegengas moest geven op een deadline of een verzoek "
            "van de directie. Hoe ging u daarmee om, en hoe liep het af?",
            "Beschrijf een keer dat u de werkwijze van een team of afdeling veranderde. "
            "Waarom, hoe kreeg u mensen mee, en wat was het meetbare resultaat?",
            "Vertel eens over een conflict tussen twee mensen of teams dat u hebt opgelost. Wat "
            "deed u, en hoe liep het af?",
            "Geef een voorbeeld van een gok op lange termijn die goed uitpakte, of niet. Hoe "
            "besliste u, en wat hebt u ervan geleerd?",
            "Vertel eens over een keer dat u de scope moest inperken of een project moest "
            "stoppen. Hoe besliste u, en hoe kreeg u mensen mee?",
            "Beschrijf hoe u een incident of crisis hebt aangepakt waarvoor u "
            "verantwoordelijk was. Wat deed u op dat moment, en wat veranderde er daarna?",
        ),
    },
    resume_project=(
        "Uw cv noemt {project}. Wat was uw eigen aandeel daarin, en wat kwam eruit?",
        "Neem me mee door {project} uit uw cv: welk probleem loste het op, en op welke "
        "beslissing daarin bent u het meest trots?",
        "Vertel eens over {project}. Wat was het lastigste deel, en hoe kwam u daaroverheen?",
    ),
    resume_employer=(
        "Vertel eens over uw tijd bij {employer}. Op welk werk daar bent u het meest trots?",
        "Wat hebt u bij {employer} geleerd dat u in deze functie zou meenemen?",
    ),
    resume_skill=(
        "Op uw cv staat {skill}, en deze functie vraagt daar ook om. Vertel over de laatste "
        "keer dat u het in echt werk gebruikte. Wat deed u ermee?",
        "U noemt {skill} op uw cv, en wij werken ermee. Hoe diep gaat uw ervaring? Geef een "
        "voorbeeld.",
    ),
    resume_gap=(
        "Deze functie vraagt om {term}, en dat zie ik niet op uw cv. Hebt u er ergens mee "
        "gewerkt, en zo niet, hoe zou u het onder de knie krijgen?",
        "Voor de functie is {term} nodig, en uw cv noemt het niet. Wat komt daar in uw "
        "ervaring het dichtst bij, en hoe zou u dat gat dichten?",
    ),
    follow_ups=FollowUps(
        short=(
            "Kunt u daar meer over vertellen? Neem één concreet voorbeeld en vertel wat er "
            "gebeurde en wat u deed."
        ),
        own_part=(
            'U zei vaak "wij". Wat was uw eigen aandeel: wat hebt u zelf besloten of gedaan?'
        ),
        outcome="Hoe liep dat af? Wat was het resultaat, en kunt u er een getal aan hangen?",
        number=(
            "Kunt u dat resultaat in cijfers uitdrukken: bespaarde tijd, voorkomen fouten, "
            "gebruikers, geld of iets anders wat u hebt gemeten?"
        ),
        reflection=(
            "Terugkijkend: wat zou u anders doen als u opnieuw in die situatie kwam, en waarom?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"we", "wij", "ons", "onze"}),
        own=frozenset({"ik", "mijn", "me", "mij"}),
        outcome=frozenset(
            {
                "resultaat",
                "uitkomst",
                "verminder",
                "verlaagd",
                "verhoogd",
                "verbeter",
                "bespaard",
                "gelanceerd",
                "opgeleverd",
                "afgerond",
                "geleverd",
                "bereikt",
                "gehaald",
                "opgelost",
                "gerepareerd",
                "geleid",
                "gewonnen",
                "verdubbeld",
                "gehalveerd",
                "gegroeid",
            }
        ),
        numbers=frozenset(
            {
                "twee",
                "drie",
                "vier",
                "vijf",
                "zes",
                "zeven",
                "acht",
                "negen",
                "tien",
                "twintig",
                "dertig",
                "vijftig",
                "honderd",
                "duizend",
                "miljoen",
                "procent",
                "helft",
                "dubbel",
                "dozijn",
            }
        ),
    ),
)
