"""The Polish practice interviewer.

Polish past tenses and polite address (Pan / Pani) carry the listener's gender, which the
app does not know; the questions are put as "Proszę ..." with impersonal and passive forms
("trzeba było", "zostały podjęte"), as Polish recruiters often write them, so that they fit
any candidate and read aloud without a "Pan/Pani" slash.
"""

from __future__ import annotations

from interview_app.services.voice.practice_bank.base import AnswerWords, FollowUps, QuestionBank

LANGUAGE = "pl"

BANK = QuestionBank(
    # Always in the accusative (after "na", or as an object), where it reads the same.
    role_named="stanowisko {title}",
    role_unnamed="to stanowisko",
    openers=(
        "Dziękuję za spotkanie. Na początek proszę powiedzieć kilka słów o sobie i o tym, "
        "co przyciąga w ofercie na {role}.",
        "Zacznijmy od doświadczenia: jakie projekty były ostatnio realizowane i co "
        "skłoniło do aplikowania na {role}?",
        "Na początek proszę krótko przedstawić swoje doświadczenie i powiedzieć, dlaczego "
        "pasuje ono do wymagań na {role}.",
    ),
    closes=(
        "To wszystkie moje pytania. Czy są jakieś pytania do mnie albo coś, co warto dodać "
        "na koniec o dopasowaniu do tej roli?",
        "Zbliżamy się do końca. Czego jeszcze warto się dowiedzieć o stanowisku lub zespole?",
        "Zanim skończymy: jakie są pytania do mnie i czy jest coś, czego nie omówiliśmy, a "
        "co powinienem wiedzieć?",
    ),
    skill_templates={
        "junior": (
            "W ogłoszeniu pojawia się {term}. Proszę opowiedzieć o czymś, co udało się "
            "zbudować lub zgłębić przy użyciu {term}, i o wnioskach z tego doświadczenia.",
            "Jak wyglądałoby wdrożenie się w {term} w pierwszych tygodniach pracy u nas?",
            "Proszę opisać problem rozwiązany przy użyciu {term}. W którym miejscu pojawiły "
            "się trudności?",
        ),
        "mid-level": (
            "Proszę opowiedzieć o projekcie, w którym praca odbywała się przy użyciu {term}. "
            "Jaki był w nim osobisty udział i co dziś warto by zrobić inaczej?",
            "Jakie kompromisy pojawiały się przy pracy z {term} i jak zapadła decyzja między nimi?",
            "Proszę opisać najtrudniejszy problem rozwiązany z użyciem {term}. Jak wyglądało "
            "podejście do niego?",
        ),
        "senior": (
            "Proszę opowiedzieć o sytuacji, w której trzeba było ustalić, jak zespół używa "
            "{term}. Jaka zapadła decyzja i co z niej wynikło?",
            "Gdzie, z doświadczenia, {term} ma swoje ograniczenia i jak udało się je obejść "
            "na dużą skalę?",
            "Po czym można ocenić, czy zespół dobrze korzysta z {term}? Proszę podać "
            "przykład z własnej pracy.",
        ),
    },
    role_fallbacks=(
        "Które wymagania na {role} pokrywają się z dotychczasowym doświadczeniem, a które "
        "byłyby nowe?",
        "Jak mogłyby wyglądać pierwsze trzy miesiące pracy po przyjęciu na {role} i jak się "
        "do nich przygotować?",
        "Która z dotychczasowych prac najlepiej uzasadnia kandydowanie na {role}? Proszę "
        "ją krok po kroku opisać.",
        "Czego trzeba by się nauczyć najpierw po przyjęciu na {role} i jak to zrobić?",
        "Proszę opowiedzieć o rozwiązanym problemie, który najlepiej pasuje do wymagań na "
        "{role}. Jaki był w nim osobisty udział?",
    ),
    behavioural={
        "junior": (
            "Proszę opowiedzieć o sytuacji, w której trzeba było szybko nauczyć się czegoś "
            "nowego, żeby dokończyć zadanie. Jaka była sytuacja, jakie kroki zostały podjęte "
            "i jak się to skończyło?",
            "Proszę opisać błąd popełniony w projekcie lub zadaniu. Jak udało się sobie z "
            "nim poradzić i jaki był efekt?",
            "Proszę opowiedzieć o sytuacji, w której trzeba było poprosić o pomoc lub "
            "informację zwrotną. Co było powodem i co się potem zmieniło?",
            "Proszę podać przykład projektu zespołowego, w którym ktoś miał zupełnie inne "
            "podejście. Jak wyglądała współpraca?",
            "Proszę opowiedzieć o trudnym do dotrzymania terminie. Jak wyglądało "
            "planowanie pracy i co się wydarzyło?",
            "Proszę opisać sytuację, w której udało się zauważyć problem, zanim ktokolwiek o "
            "to poprosił. Jakie kroki zostały podjęte i co z tego wynikło?",
            "Proszę opowiedzieć o pracy, z której jest się dumnym. Jaki był w niej osobisty "
            "udział i skąd wiadomo, że była dobra?",
            "Proszę podać przykład sytuacji, w której trzeba było wyjaśnić coś technicznego "
            "lub skomplikowanego osobie spoza tematu. Jak to wyglądało?",
            "Proszę opowiedzieć o sytuacji, w której było kilka zadań i za mało czasu. Jak "
            "zapadł wybór i jak się to skończyło?",
            "Proszę opisać sytuację, w której coś nie zadziałało za pierwszym razem. Co "
            "zostało zmienione i jaki był rezultat?",
        ),
        "mid-level": (
            "Proszę opowiedzieć o sytuacji, w której pojawiła się różnica zdań z kimś z "
            "zespołu co do sposobu wykonania pracy. Jakie kroki zostały podjęte i jak się to "
            "skończyło?",
            "Proszę opisać projekt, który wymknął się spod kontroli. Jaki był osobisty udział w "
            "przywróceniu go na właściwe tory i jaki był rezultat?",
            "Proszę opowiedzieć o sytuacji, w której trzeba było pogodzić kilka priorytetów "
            "naraz. Jak zapadła decyzja i jak się to skończyło?",
            "Proszę podać przykład procesu lub pracy, które udało się ulepszyć bez niczyjej "
            "prośby. Co zostało zmienione i co to dało?",
            "Proszę opowiedzieć o sytuacji, w której pojawiła się krytyczna informacja "
            "zwrotna. Jaka była reakcja i co się zmieniło?",
            "Proszę opisać sytuację, w której trzeba było wziąć odpowiedzialność za problem "
            "spoza zwykłego zakresu obowiązków. Jakie kroki zostały podjęte i jak się to "
            "skończyło?",
            "Proszę opowiedzieć o decyzji podjętej na podstawie danych. Co pokazywały dane, "
            "jaka zapadła decyzja i co się wydarzyło?",
            "Proszę podać przykład sytuacji, w której udało się pomóc komuś z zespołu ruszyć "
            "z miejsca. Jaka była sytuacja i jakie kroki zostały podjęte?",
            "Proszę opowiedzieć o sytuacji, w której wymaganie zmieniło się w ostatniej "
            "chwili. Jak wyglądało dostosowanie się do zmiany i jaki był rezultat?",
            "Proszę opisać największy błąd w pracy z ostatnich kilku lat. Co było dalej i "
            "co dziś robi się inaczej?",
        ),
        "senior": (
            "Proszę opowiedzieć o sytuacji, w której trzeba było przeprowadzić zespół przez "
            "ważną decyzję techniczną lub biznesową przy niepełnych informacjach. Jaka "
            "zapadła decyzja i co się wydarzyło?",
            "Proszę opisać sytuację, w której trzeba było przekonać osoby, nad którymi "
            "nie było władzy służbowej. Jak wyglądało podejście i jaki był rezultat?",
            "Proszę opowiedzieć o sytuacji, w której udało się pomóc komuś z zespołu się "
            "rozwinąć. Jaka była sytuacja, jakie kroki zostały podjęte i co zmieniło się dla "
            "tej osoby?",
            "Proszę podać przykład porażki, za którą ponosiło się odpowiedzialność. Co "
            "nastąpiło potem i czego nauczyła się organizacja?",
            "Proszę opowiedzieć o sytuacji, w której trzeba było sprzeciwić się terminowi "
            "lub prośbie kierownictwa. Jak to wyglądało i jak się skończyło?",
            "Proszę opisać zmianę sposobu pracy zespołu lub działu, którą udało się "
            "przeprowadzić. Dlaczego, jak udało się przekonać ludzi i jaki był mierzalny "
            "rezultat?",
            "Proszę opowiedzieć o konflikcie między dwiema osobami lub zespołami, który "
            "udało się rozwiązać. Jakie kroki zostały podjęte i jak się to skończyło?",
            "Proszę podać przykład długoterminowego zakładu, który się opłacił albo nie. "
            "Jak zapadła decyzja i jakie płyną z niego wnioski?",
            "Proszę opowiedzieć o sytuacji, w której trzeba było ograniczyć zakres lub "
            "zatrzymać projekt. Jak zapadła decyzja i jak udało się przekonać do niej "
            "ludzi?",
            "Proszę opisać incydent lub kryzys, za który ponosiło się odpowiedzialność. Co "
            "zostało zrobione w tamtej chwili i co zmieniło się później?",
        ),
    },
    resume_project=(
        "W CV pojawia się {project}. Jaki był w tym osobisty wkład i co z tego wynikło?",
        "Proszę przybliżyć {project} z CV: jaki problem to rozwiązywało i z której decyzji "
        "w tym projekcie jest się najbardziej dumnym?",
        "Proszę opowiedzieć o {project}. Co było najtrudniejsze i jak udało się to pokonać?",
    ),
    resume_employer=(
        "Proszę opowiedzieć o okresie pracy w firmie {employer}. Z której pracy tam jest "
        "się najbardziej dumnym?",
        "Czego udało się nauczyć w firmie {employer}, co przydałoby się na tym stanowisku?",
    ),
    resume_skill=(
        "W CV pojawia się {skill}, a to stanowisko również tego wymaga. Proszę opowiedzieć "
        "o ostatnim użyciu tego w prawdziwej pracy. Co udało się dzięki temu zrobić?",
        "W CV jest {skill}, a my z tego korzystamy. Jak głębokie jest to doświadczenie? "
        "Proszę podać przykład.",
    ),
    resume_gap=(
        "To stanowisko wymaga {term}, a nie widzę tego w CV. Czy była okazja z tym "
        "pracować, a jeśli nie, jak wyglądałaby nauka?",
        "Na tym stanowisku potrzebny jest {term}, a CV o tym nie wspomina. Co w "
        "dotychczasowym doświadczeniu jest najbliższe i jak zamknąć tę lukę?",
    ),
    follow_ups=FollowUps(
        short=(
            "Czy można rozwinąć tę odpowiedź? Proszę wybrać jeden konkretny przykład i "
            "opowiedzieć, co się wydarzyło i jakie kroki zostały podjęte."
        ),
        own_part=(
            'W odpowiedzi często pada "my". Jaki był w tym osobisty udział: co zostało '
            "zdecydowane lub zrobione samodzielnie?"
        ),
        outcome="Jak to się skończyło? Jaki był rezultat i czy da się go wyrazić liczbą?",
        number=(
            "Czy da się ten rezultat wyrazić liczbą: zaoszczędzony czas, uniknięte błędy, "
            "użytkownicy, pieniądze lub cokolwiek innego, co było mierzone?"
        ),
        reflection=(
            "Patrząc wstecz: co warto by zrobić inaczej w takiej sytuacji następnym razem i "
            "dlaczego?"
        ),
    ),
    answer_words=AnswerWords(
        spaced=True,
        short_answer=25,
        we=frozenset({"my", "nasz", "nasza", "nasze", "naszym", "nam", "nas", "naszego"}),
        own=frozenset({"ja", "mój", "moja", "moje", "mnie", "mi", "moim", "mojego"}),
        outcome=frozenset(
            {
                "wynik",
                "rezultat",
                "efekt",
                "zmniejsz",
                "obniż",
                "zwiększ",
                "popraw",
                "zaoszczęd",
                "uruchom",
                "wdroż",
                "dostarcz",
                "skończ",
                "ukończ",
                "osiągn",
                "rozwiąz",
                "napraw",
                "wygra",
                "podwoi",
                "skróci",
                "przyspiesz",
            }
        ),
        numbers=frozenset(
            {
                "dwa",
                "dwie",
                "trzy",
                "cztery",
                "pięć",
                "sześć",
                "siedem",
                "osiem",
                "dziewięć",
                "dziesięć",
                "dwadzieścia",
                "trzydzieści",
                "pięćdziesiąt",
                "sto",
                "tysiąc",
                "tysięcy",
                "milion",
                "procent",
                "połowa",
                "połowę",
                "dwukrotnie",
                "tuzin",
            }
        ),
    ),
)
