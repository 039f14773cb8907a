"""The skills, tools, methods, domains and qualifications a job description names (pure).

Four readings of the text, each ranked by how pointedly it names a term:

- a vocabulary of common skills across trades (`_VOCABULARY`: languages, frameworks,
  methods, clinical and retail skills...), matched in any usual spelling;
- words written the way product names are: inner capitals (`FastAPI`, `GitHub`),
  acronyms (`AWS`, `SQL`), digits or symbols inside a word (`C++`, `Node.js`, `CI/CD`);
- capitalised words in the middle of a sentence after the words that introduce a tool
  ("in Python", "with Kafka", "using Jira");
- lower-case skills named by their head noun ("inventory *management*", "penetration
  *testing*", "the outbox *pattern*") or listed after a requirement phrase ("experience
  with ...", "knowledge of ...").

What a posting also says and is never a skill is left out: currencies and salaries,
places, company and agency names, dates, perks and how to apply ("CV", "ASAP"). Terms
that name one thing (`Postgres` / `PostgreSQL`, `k8s` / `Kubernetes`) count once, and
`mentioned_terms` finds a term in an answer in any of those forms (`Dockerfile` mentions
Docker), and a practice named as a gerund by its verb ("profiled" mentions profiling).

German, French and Spanish postings are read with their own ordinary words (never terms:
"und", "wir", "Sie", "profil", "requisitos"), requirement cues ("Erfahrung mit", "maîtrise
de", "experiencia en") and head nouns: German compounds named by their last part
("Projektmanagement", "Qualitätssicherung"), French and Spanish phrases by their first
("gestion de projet", "análisis de datos"). German capitalises every noun, so a capital
names nothing there. The language is given, or read from the posting's common words
(`posting_language`). `named_tools` finds the tools an answer names, for the résumé fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

MAX_KEY_TERMS = 10
# Long descriptions are ranked on their first part; the requirements rarely come later.
SCANNED_CHARACTERS = 20_000
# How far a term named in several ways is trusted (a vocabulary match is surest).
_WEIGHT_VOCABULARY = 2.0
_WEIGHT_CUED = 1.5
_WEIGHT_SHAPED = 1.0
_WEIGHT_HEAD_NOUN = 1.0
_WEIGHT_CAPITALISED = 0.75


def _phrases(block: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,\n]", block) if item.strip()]


def _word_set(block: str) -> frozenset[str]:
    return frozenset(re.findall(r"\S+", block))


# Skills that a posting may write in lower case or as an ordinary word, so that neither
# their shape nor a lead-in gives them away. Not a list of everything: product-shaped
# names (`FastAPI`, `AWS`) and "<something> testing/management/..." are found without it.
_VOCABULARY = _phrases(
    """
    python, java, kotlin, swift, rust, ruby, scala, elixir, erlang, haskell, clojure, perl,
    php, golang, javascript, typescript, html, css, sass, bash, powershell, lua, dart,
    django, flask, fastapi, asyncio, celery, pydantic, sqlalchemy, pandas, numpy, scipy,
    pytorch, tensorflow, keras, scikit-learn, jupyter, spark, pyspark, airflow, dbt, kafka,
    flink, hadoop, snowflake, redshift, bigquery, databricks, looker, tableau, power bi,
    excel, react, react native, redux, angular, vue, svelte, next.js, nuxt, node.js,
    express, deno, jest, vitest, cypress, playwright, selenium, pytest, junit, storybook,
    webpack, vite, tailwind css, bootstrap, graphql, grpc, rest, rest apis, websockets,
    webassembly, spring, spring boot, hibernate, rails, laravel, .net, asp.net, docker,
    kubernetes, helm, terraform, ansible, puppet, chef, pulumi, jenkins, github actions,
    gitlab ci, circleci, argo cd, git, linux, unix, nginx, apache, prometheus, grafana,
    datadog, splunk, new relic, sentry, opentelemetry, jaeger, elasticsearch, opensearch,
    logstash, kibana, postgresql, mysql, mariadb, sqlite, mongodb, cassandra, dynamodb,
    redis, memcached, rabbitmq, sqs, kinesis, pub/sub, aws, azure, gcp, google cloud,
    lambda, serverless, cloudformation, vault, hashicorp vault, consul, istio, envoy,
    linkerd, figma, sketch, framer, jira, confluence, notion, trello, asana, salesforce,
    hubspot, zendesk, sap, oracle, workday, xero, quickbooks, sage, epic, cerner, shopify,
    wordpress, google analytics, amplitude, mixpanel, segment, mlflow, kubeflow,
    hugging face, langchain, llms, openai, computer vision, nlp, machine learning,
    deep learning, statistics, data science, data analysis, data engineering,
    data modelling, data modeling, data visualisation, data visualization, etl, elt,
    forecasting, anomaly detection, recommendation systems, a/b tests, a/b testing,
    experimentation, distributed systems, microservices, event-driven architecture,
    event sourcing, cqrs, domain-driven design, outbox pattern, saga pattern,
    message queues, caching, rate limiting, idempotency, concurrency, multithreading,
    observability, monitoring, alerting, logging, tracing, traces, logs, metrics, on call,
    on-call, sre, devops, devsecops, ci/cd, ci, cd, continuous integration,
    continuous delivery, continuous deployment, infrastructure as code, gitops, containers,
    virtualisation, virtualization, networking, tcp/ip, dns, security, cybersecurity,
    penetration testing, threat modelling, threat modeling, siem, soc, owasp, oauth,
    oauth 2.0, openid connect, saml, sso, encryption, cryptography,
    identity and access management, iam, gdpr, hipaa, pci dss, iso 27001, soc 2,
    accessibility, wcag, responsive design, design system, design systems, user research,
    usability testing, prototyping, prototypes, wireframes, wireframing, ux, ui, seo, sem,
    ppc, content strategy, copywriting, social media, email marketing, crm, payments,
    fintech, e-commerce, ecommerce, healthtech, edtech, embedded, rtos, firmware, can bus,
    fpga, iot, robotics, ios, android, swiftui, jetpack compose, flutter, xamarin, unity,
    unreal engine, game development, agile, scrum, kanban, lean, waterfall, prince2, pmp,
    okrs, stakeholder management, project management, product management, roadmapping,
    feature flags, trunk-based development, code review, pair programming, tdd, bdd,
    unit tests, unit testing, integration tests, integration testing, end-to-end tests,
    end-to-end testing, test automation, test coverage, performance testing, load testing,
    refactoring, debugging, profiling, system design, software architecture, api design,
    high availability, scalability, performance tuning, query optimisation,
    query optimization, query planning, indexing, sql, nosql, database design,
    computer science, mathematics, physics, electrical engineering, communication,
    leadership, mentoring, coaching, teamwork, problem solving, negotiation,
    presentation skills, english, german, french, spanish, italian, dutch, portuguese,
    mandarin, japanese, arabic, polish, customer service, customer support,
    visual merchandising, merchandising, inventory management, stock control, pos system,
    point of sale, sales, upselling, order picking, packing, forklift licence,
    forklift license, warehouse management, logistics, supply chain, procurement,
    wound care, patient care, personal care, medication, medications,
    medication administration, triage, acute care, critical care, palliative care,
    infection control, safeguarding, phlebotomy, cpr, bls, als, acls, pals, first aid,
    rn licence, rn license, mobility, dementia care, mental health, food hygiene,
    food safety, haccp, lesson planning, classroom management, bookkeeping, payroll,
    accounts payable, accounts receivable, reconciliation, financial reporting, budgeting,
    forecasting, auditing, audit, ifrs, gaap, acca, cima, cpa, aca, financial modelling,
    financial modeling, risk management, compliance, anti-money laundering, aml, kyc
    """
)

# Forms that name one thing, the first being how it is counted; matching is by these.
_ALIASES: tuple[tuple[str, ...], ...] = (
    ("postgresql", "postgres", "psql"),
    ("kubernetes", "k8s", "kube"),
    ("javascript", "js", "ecmascript"),
    ("typescript", "ts"),
    ("go", "golang"),
    ("node.js", "nodejs", "node"),
    ("react", "react.js", "reactjs"),
    ("vue", "vue.js", "vuejs"),
    ("next.js", "nextjs"),
    ("aws", "amazon web services"),
    ("gcp", "google cloud", "google cloud platform"),
    ("azure", "microsoft azure"),
    ("ci/cd", "cicd", "ci cd"),
    ("ci", "continuous integration"),
    ("cd", "continuous delivery", "continuous deployment"),
    ("machine learning", "ml"),
    ("kafka", "apache kafka"),
    ("spark", "apache spark", "pyspark"),
    ("opentelemetry", "otel"),
    ("rest apis", "rest api", "rest", "restful", "restful apis"),
    ("end-to-end tests", "end-to-end testing", "e2e tests", "e2e testing", "e2e"),
    ("unit tests", "unit testing"),
    ("integration tests", "integration testing"),
    ("a/b tests", "a/b testing", "ab testing", "split testing"),
    ("tdd", "test-driven development", "test driven development"),
    ("ci", "continuous integration"),
    ("on call", "on-call", "oncall"),
    ("data modelling", "data modeling"),
    ("threat modelling", "threat modeling"),
    ("financial modelling", "financial modeling"),
    ("query optimisation", "query optimization"),
    ("virtualisation", "virtualization"),
    ("data visualisation", "data visualization"),
    ("forklift licence", "forklift license"),
    ("rn licence", "rn license"),
    ("e-commerce", "ecommerce"),
    ("medication", "medication administration"),
    ("design system", "design systems"),
    ("hashicorp vault", "vault"),
    ("microservices", "microservice architecture", "micro-services"),
    ("cpr", "cardiopulmonary resuscitation"),
    ("bls", "basic life support"),
    ("seo", "search engine optimisation", "search engine optimization"),
    ("nlp", "natural language processing"),
    ("llms", "llm", "large language models"),
    ("pos system", "point of sale", "pos"),
)

# Words that are never a skill on their own: ordinary English, the words of a posting's
# frame ("requirements", "benefits"), of its perks and of how to apply.
_NOT_SKILLS = frozenset(
    re.findall(
        r"[a-z][a-z.'-]*",
        """
    a about above after all also an and any are as at be because been being both but by
    can could do does each either etc e.g i.e for from further had has have having he her
    here hers him his how i if in into is it its itself just may me might more most must
    my no nor not now of off on once only or other our ours out over own per please same
    she should so some such than that the their theirs them then there these they this
    those through to too under until up us very via was we were what when where which
    while who whom why will with within without would you your yours role roles team
    teams company companies job jobs position candidate candidates requirements
    requirement responsibilities responsibility qualifications qualification skills skill
    experience experienced benefits benefit bonus salary salaries pay paid compensation
    package pension holiday holidays leave apply application applications applicants
    opportunity opportunities equal employer description overview summary preferred
    required essential desirable advantage nice plus key day days week weeks year years
    month months hour hours work working looking join help build strong excellent good
    great solid proven deep ability able knowledge understanding familiarity proficiency
    background degree monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december remote
    hybrid onsite on-site office offices full part time senior junior mid level lead
    principal staff engineer engineers developer developers manager managers new cv cvs
    resume résumé asap cover letter email interview interviews client clients customer
    customers partner partners agency recruiter recruiters recruitment hiring hire
    contract permanent freelance budget budgets membership perks perk equity stock
    options visa relocation start starting immediately we're you'll you're it's our
    api apis backend frontend fullstack full-stack software product products service services
    platform platforms system systems tools tool technology technologies stack modern
    high-traffic large small world-class leading fast-growing growing friendly
    everything anything something nothing we you they ourselves bachelor's master's
    bachelor master phd msc bsc ba ma equivalent similar related relevant other
    various multiple several many
    """,
    )
)

# Acronyms and words a posting uses that are not skills: currencies, pay and legal terms,
# time zones, places written as acronyms, titles.
_NOT_SKILL_ACRONYMS = _word_set(
    """
    EUR USD GBP CHF JPY CAD AUD SEK NOK DKK PLN CZK INR CNY SGD HKD NZD ZAR BRL MXN
    CV CVS ASAP PTO FTE OTE DOE TBD TBC FAQ HR CEO CTO CFO COO CPO VP EVP SVP UK US USA EU
    EEA EMEA APAC NYC LA SF UAE UTC CET CEST GMT PST EST PT ET BST IST GmbH AG LLC LTD
    INC PLC BV SA SAS SRL NV KG OHG EEO DEI LGBTQ LGBTQIA B2B B2C SaaS WFH IT
    """
)

# Places a posting names (where the job is), which otherwise read like tools after "in".
_PLACES = frozenset(
    _phrases(
        """
    london, berlin, munich, hamburg, frankfurt, cologne, stuttgart, düsseldorf, vienna,
    zurich, geneva, basel, paris, lyon, amsterdam, rotterdam, utrecht, brussels, antwerp,
    lisbon, porto, madrid, barcelona, valencia, rome, milan, turin, dublin, cork,
    edinburgh, glasgow, manchester, leeds, liverpool, birmingham, bristol, cambridge,
    oxford, newcastle, sheffield, nottingham, cardiff, belfast, copenhagen, stockholm,
    oslo, helsinki, warsaw, krakow, prague, budapest, bucharest, sofia, athens, istanbul,
    tallinn, riga, vilnius, new york, san francisco, seattle, boston, austin, chicago,
    denver, los angeles, toronto, vancouver, montreal, ottawa, sydney, melbourne,
    brisbane, auckland, singapore, tokyo, seoul, bangalore, bengaluru, mumbai, delhi,
    hyderabad, pune, dubai, tel aviv, cape town, johannesburg, lagos, nairobi, cairo,
    mexico city, são paulo, sao paulo, buenos aires, germany, france, spain, portugal,
    italy, netherlands, belgium, austria, switzerland, ireland, scotland, england, wales,
    united kingdom, united states, canada, australia, india, poland, sweden, norway,
    denmark, finland, europe, north america, latin america, asia, africa, remote-first,
    dach, benelux, nordics, bay area, silicon valley
    """
    )
)

# Words that end a company's or an agency's name: the run they end is not a skill.
_COMPANY_WORDS = _word_set(
    """
    inc inc. ltd ltd. llc gmbh ag plc corp corp. corporation company co co. group holdings
    partners recruitment recruiting recruiters staffing agency consulting consultancy
    solutions technologies labs studio studios ventures capital bank university hospital
    club foundation institute associates international
    """
)

# Head nouns that make the words before them a skill: "inventory management",
# "penetration testing", "the outbox pattern", "a forklift licence".
_SKILL_HEADS = _word_set(
    """
    management testing tests design development analysis analytics modelling modeling
    planning care handling administration engineering pattern patterns architecture
    licence license registration certification certificate pipelines pipeline
    optimisation optimization automation operations research strategy
    reporting accounting auditing audit programming scripting monitoring security
    """
)
# Heads whose phrase is the term only with the word before it ("forklift licence"); for
# the others a product-shaped word before them is the term ("ETL pipelines" -> ETL).
_HEADS_KEPT_WHOLE = frozenset({"licence", "license", "registration", "care"})
# Words that qualify a head noun without naming a skill ("strong management").
_VAGUE_MODIFIERS = _word_set(
    """
    strong good great excellent solid proven deep basic advanced our your their the a an
    new existing daily modern reliable high clean accurate overall general related
    relevant similar other any some first-class world-class best end excellent robust
    effective efficient great hands-on day-to-day regular ongoing key core complex
    software product web team business quality project people this that these those
    document provide providing deliver delivering ensure ensuring take taking give giving
    offer offering handle handling
    """
)

_CUE = re.compile(
    r"\b(?:experience (?:with|in|using|of)|knowledge of|proficien(?:t|cy) (?:in|with)|"
    r"familiar(?:ity)? with|expertise in|skilled in|skills in|background in|"
    r"understanding of|hands-on with|comfortable with|fluent in|worked with|"
    r"such as|including|e\.g\.|nice to have:|must have:|requirements?:|stack:|tools:)\s*",
    re.IGNORECASE,
)
_CUE_STOP = re.compile(
    r"\.(?=\s|$)|[;!?()\n]|\b(?:to|for|that|which|who|where|is|are|will|would|in an?|in our)\b",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r",|/(?=\s)|\band\b|\bor\b|&", re.IGNORECASE)
# Letters of any script: "Qualitätssicherung" and "Düsseldorf" are one word each.
_TOKEN = re.compile(r"\.?[^\W_][\w+#./'\u2019-]*[\w+#]|\.?[^\W_][+#]*")
_SEGMENT_BREAK = re.compile(r"(?<=[.!?;:])\s+|\n+|\s[\u2022*\u2013\u2014-]\s|[\u2022]")
# A segment that talks about pay, perks or how to apply names no skills worth ranking.
_FRAME_SEGMENT = re.compile(
    r"\b(?:salary|salaries|per (?:day|hour|annum|year|month)|pension|holiday|"
    r"paid leave|days? (?:of )?(?:holiday|leave|vacation)|budget|benefits?|we offer|perks?|"
    r"send your|apply (?:via|through|by|at|now)|cover letter|equal opportunit|"
    r"membership|relocation)\b",
    re.IGNORECASE,
)
_TOOL_LEAD_INS = frozenset(
    {"in", "on", "with", "using", "and", "or", ",", "like", "including", "use", "uses"}
)
_NAME_LEAD_INS = frozenset(
    {"at", "join", "joining", "for", "to", "about", "by", "from", "via", "through", "client"}
)
# Words after a cue's list that say how much a skill matters, not what it is.
_FRAME_WORDS = _word_set(
    "preferred required essential desirable advantage plus bonus experience skills "
    "knowledge fundamentals background"
)
_NOT_THIS_ONE = frozenset({"similar", "other", "equivalent", "comparable", "alternative"})
_LANGUAGE_LEVEL = re.compile(r"[A-C][12]")
_ONLY_NUMBER = re.compile(r"[\d.,/+%-]+[kKmM]?")
_LEVEL_SUFFIX = re.compile(r"\s+level\s+\d\b", re.IGNORECASE)


def _stem(word: str) -> str:
    """A word as matched: lower case, without a possessive or a plural ending."""
    word = word.lower().replace("\u2019", "'").removesuffix("'s").rstrip(".")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", ".js")):
        return word[:-1]
    return word


def _key(term: str) -> tuple[str, ...]:
    return tuple(_stem(word) for word in _TOKEN.findall(term))


def _alias_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for group in _ALIASES:
        canonical = _key(group[0])
        for form in group:
            table.setdefault(_key(form), canonical)
    return table


_CANONICAL = _alias_table()
_FORMS: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
for _form, _canonical in _CANONICAL.items():
    _FORMS.setdefault(_canonical, []).append(_form)
_VOCABULARY_KEYS = frozenset(_key(phrase) for phrase in _VOCABULARY)
_LONGEST_PHRASE = max(len(key) for key in _VOCABULARY_KEYS | _CANONICAL.keys())
_PLACE_KEYS = frozenset(_key(place) for place in _PLACES)


def canonical_key(term: str) -> tuple[str, ...]:
    """Return what a term is counted as: one key for all the forms of one thing.

    Args:
        term: A key term in any spelling ("Postgres", "PostgreSQL", "k8s").

    Returns:
        Its stemmed, lower-case words, mapped to the first form of its alias group.
    """
    key = _key(term)
    return _CANONICAL.get(key, key)


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    stem: str
    start: int
    end: int


@dataclass(slots=True)
class _Candidate:
    term: str
    score: float
    first_seen: int


def _tokens(segment: str, offset: int) -> list[_Token]:
    return [
        _Token(
            text=match.group().rstrip("."),
            stem=_stem(match.group()),
            start=offset + match.start(),
            end=offset + match.end(),
        )
        for match in _TOKEN.finditer(segment)
    ]


def _segments(text: str) -> Iterable[tuple[str, int]]:
    position = 0
    for match in _SEGMENT_BREAK.finditer(text):
        yield text[position : match.start()], position
        position = match.end()
    yield text[position:], position


def _shaped_like_a_product(word: str) -> bool:
    inner_capital = any(ch.isupper() for ch in word[1:]) and any(ch.islower() for ch in word)
    acronym = word.isupper() and 2 <= len(word) <= 6 and word.isalpha()
    symbols = bool(re.search(r"[+#]|\w[./]\w|[A-Za-z]\d|^\.\w", word))
    return (inner_capital or acronym or symbols) and not _ONLY_NUMBER.fullmatch(word)


def _never_a_skill(
    words: Sequence[str], *, known: bool, ordinary_words: frozenset[str] = _NOT_SKILLS
) -> bool:
    """Whether a run of words is ordinary language, a currency, a place or a company."""
    lowered = [word.lower() for word in words]
    ordinary = all(word in ordinary_words or _ONLY_NUMBER.fullmatch(word) for word in lowered)
    if ordinary and not known:
        return True
    if any(word in _NOT_SKILL_ACRONYMS or word.upper() in _NOT_SKILL_ACRONYMS for word in words):
        return len(words) == 1 or words[-1].upper() in _NOT_SKILL_ACRONYMS
    if any(_LANGUAGE_LEVEL.fullmatch(word) for word in words):
        return True
    stems = tuple(_stem(word) for word in words)
    if stems in _PLACE_KEYS or stems[:1] in _PLACE_KEYS or stems[-2:] in _PLACE_KEYS:
        return True
    return lowered[-1] in _COMPANY_WORDS or lowered[0] in _COMPANY_WORDS


@dataclass(frozen=True, slots=True)
class _Profile:
    """How a description in one language is read.

    Attributes:
        code: The language (`en`, `de`, `fr`, `es`).
        ordinary_words: Lower-case words that are never a skill on their own.
        tool_lead_ins: Words after which a capitalised word names a tool ("with Kafka").
        name_lead_ins: Words after which a product-shaped word names a company ("at").
        capitals_name: Whether a capital marks a name (not in German: every noun has one).
        frame_segment: A segment about pay, perks or applying, which names no skill.
        read_heads: Reads skills named by a head noun ("inventory management",
            "Projektmanagement", "gestion de projet").
        read_cues: Reads skills listed after a requirement phrase ("experience with",
            "Erfahrung mit", "maîtrise de", "experiencia en").
        prepare: The text as read (same length, so positions hold).
    """

    code: str
    ordinary_words: frozenset[str]
    tool_lead_ins: frozenset[str]
    name_lead_ins: frozenset[str]
    capitals_name: bool
    frame_segment: re.Pattern[str]
    read_heads: Callable[[_Reader, str, int, list[_Token], set[int]], None]
    read_cues: Callable[[_Reader, str, int], None]
    prepare: Callable[[str], str]


class _Reader:
    """Collects the candidate terms of one description with their scores."""

    def __init__(self, profile: _Profile) -> None:
        self.found: dict[tuple[str, ...], _Candidate] = {}
        self.profile = profile

    def add(self, term: str, position: int, weight: float, *, known: bool = False) -> None:
        term = term.strip(" \t-\u2013\u2014'\"").rstrip(".,")
        words = term.split()
        ordinary = self.profile.ordinary_words
        if (
            not words
            or len(term) > 40
            or _never_a_skill(words, known=known, ordinary_words=ordinary)
        ):
            return
        key = canonical_key(term)
        if not key:
            return
        candidate = self.found.get(key)
        if candidate is None:
            self.found[key] = _Candidate(term=term, score=weight, first_seen=position)
            return
        candidate.score += weight
        if position < candidate.first_seen:
            candidate.term, candidate.first_seen = term, position

    def read_segment(self, segment: str, offset: int) -> None:
        tokens = _tokens(segment, offset)
        taken = self._vocabulary(segment, offset, tokens)
        if self.profile.code == "en":
            self._head_nouns(segment, offset, tokens, taken)
        else:
            self.profile.read_heads(self, segment, offset, tokens, taken)
        self._shaped_and_capitalised(segment, offset, tokens, taken)
        self._cued(segment, offset)

    def _vocabulary(self, segment: str, offset: int, tokens: list[_Token]) -> set[int]:
        taken: set[int] = set()
        index = 0
        while index < len(tokens):
            for length in range(min(_LONGEST_PHRASE, len(tokens) - index), 0, -1):
                stems = tuple(token.stem for token in tokens[index : index + length])
                if stems in _VOCABULARY_KEYS or stems in _CANONICAL:
                    if length == 1 and not self._vocabulary_word_counts(tokens, index):
                        break
                    if index and tokens[index - 1].stem in _NOT_THIS_ONE:
                        break  # "Datadog or a similar log platform": not logs
                    first, last = tokens[index], tokens[index + length - 1]
                    text = segment[first.start - offset : last.end - offset]
                    level = _LEVEL_SUFFIX.match(segment, last.end - offset)
                    if level:
                        text += level.group()
                    self.add(text, first.start, _WEIGHT_VOCABULARY, known=True)
                    taken.update(range(index, index + length))
                    index += length - 1
                    break
            index += 1
        return taken

    @staticmethod
    def _vocabulary_word_counts(tokens: list[_Token], index: int) -> bool:
        # Short vocabulary words that are also English ("go", "rest", "sage", "epic",
        # "unity", "lean", "spring", "chef") count only when written as a name.
        token = tokens[index]
        if token.stem not in _AMBIGUOUS_WORDS:
            return True
        return token.text[:1].isupper() and index > 0

    def _head_nouns(self, segment: str, offset: int, tokens: list[_Token], taken: set[int]) -> None:
        for index, token in enumerate(tokens):
            if index == 0 or token.stem not in _SKILL_HEAD_STEMS or index in taken:
                continue
            before = tokens[index - 1]
            if index - 1 in taken or before.text.lower() in _VAGUE_MODIFIERS:
                continue
            if before.text.lower() in _NOT_SKILLS or _ONLY_NUMBER.fullmatch(before.text):
                continue
            if _shaped_like_a_product(before.text) and token.stem not in _HEADS_KEPT_STEMS:
                continue  # the product-shaped word is the term ("ETL pipelines")
            start = before.start
            # One more modifier when it names the skill too ("end-to-end test automation").
            if index >= 2:
                earlier = tokens[index - 2]
                if (
                    index - 2 not in taken
                    and earlier.text.islower()
                    and earlier.text not in _NOT_SKILLS
                    and earlier.text not in _VAGUE_MODIFIERS
                    and "-" in earlier.text
                ):
                    start = earlier.start
            self.add(segment[start - offset : token.end - offset], start, _WEIGHT_HEAD_NOUN)
            taken.update({index - 1, index})

    def _shaped_and_capitalised(
        self, segment: str, offset: int, tokens: list[_Token], taken: set[int]
    ) -> None:
        run: list[_Token] = []
        run_lead_in = ""

        def close_run() -> None:
            # German writes every noun with a capital: a capital names nothing there.
            if run and run_lead_in in self.profile.tool_lead_ins and self.profile.capitals_name:
                text = segment[run[0].start - offset : run[-1].end - offset]
                self.add(text, run[0].start, _WEIGHT_CAPITALISED)
            run.clear()

        for index, token in enumerate(tokens):
            word = token.text
            previous = tokens[index - 1] if index else None
            gap = segment[previous.end - offset : token.start - offset] if previous else ""
            lead_in = "," if "," in gap else (previous.text.lower() if previous else "")
            if index in taken or word.lower() in self.profile.ordinary_words:
                close_run()
                continue
            if _shaped_like_a_product(word):
                close_run()
                if lead_in not in self.profile.name_lead_ins:
                    level = _LEVEL_SUFFIX.match(segment, token.end - offset)
                    self.add(word + (level.group() if level else ""), token.start, _WEIGHT_SHAPED)
                continue
            if word[:1].isupper() and index > 0:
                if run and gap.strip() == "":
                    run.append(token)
                    continue
                close_run()
                run.append(token)
                run_lead_in = lead_in
                continue
            close_run()
        close_run()

    def _cued(self, segment: str, offset: int) -> None:
        profile = self.profile
        if profile.code != "en":
            profile.read_cues(self, segment, offset)
            return
        for cue in _CUE.finditer(segment):
            tail = segment[cue.end() : cue.end() + 160]
            stop = _CUE_STOP.search(tail)
            phrase = tail[: stop.start()] if stop else tail
            for part in _LIST_SPLIT.split(phrase):
                words = part.split()
                while words and words[0].lower() in _VAGUE_MODIFIERS:
                    words.pop(0)
                while words and words[-1].lower() in _FRAME_WORDS:
                    words.pop()
                if not words or words[0].lower() in {"similar", "other", "related", "relevant"}:
                    continue
                # Names and vocabulary skills were read already; a cue adds what is
                # written in plain lower case ("distributed systems", "content strategy").
                plain = all(w.islower() and (_stem(w),) not in _VOCABULARY_KEYS for w in words)
                plain = plain and tuple(_stem(w) for w in words) not in _VOCABULARY_KEYS
                if plain and len(words) <= 3 and not any(w.isdigit() for w in words):
                    self.add(" ".join(words), offset + cue.end(), _WEIGHT_CUED)


_AMBIGUOUS_WORDS = frozenset(
    _stem(word)
    for word in _word_set(
        "go rest sage epic unity lean spring chef swift express vault segment lambda ruby "
        "rust dart consul envoy sketch notion oracle seo sales apache ci cd ts js node kube "
        "soc ui ux pos ml"
    )
)
_SKILL_HEAD_STEMS = frozenset(_stem(word) for word in _SKILL_HEADS)
_HEADS_KEPT_STEMS = frozenset(_stem(word) for word in _HEADS_KEPT_WHOLE)


def _no_heads(
    reader: _Reader, segment: str, offset: int, tokens: list[_Token], taken: set[int]
) -> None:
    """A profile reads head nouns in the reader's own way (English)."""
    reader._head_nouns(segment, offset, tokens, taken)


def _unchanged(text: str) -> str:
    return text


def _stopwords(block: str) -> frozenset[str]:
    return frozenset(word.lower() for word in block.split())


# Common words of postings in each language: articles, pronouns, prepositions, the frame
# of a posting ("Aufgaben", "profil", "requisitos"), perks and applying.
_GERMAN_WORDS = _stopwords(
    """
    der die das den dem des ein eine einer eines einem einen und oder aber sowie als auch
    mit ohne für von vom zu zum zur im in am an auf aus bei beim nach über unter durch um
    gegen wir sie ihr ihre ihren ihrem ihrer ihnen uns unser unsere unseren unserem unserer
    du dein deine dich dir ich mein meine es er man sich sind ist sein seid war waren wird
    werden wirst hast haben hat kann können sollte sollten soll möchten möchtest bist
    dass wenn wie was wer wo sehr gute guter gutes gut erste ersten mehrjährige mehrjährig
    idealerweise wünschenswert zwingend vorteilhaft plus bzw z.b. u.a. d.h. etc m/w/d
    w/m/d m/f/d d/m/w aufgaben aufgabe profil anforderungen anforderung qualifikation
    qualifikationen kenntnisse kenntnis erfahrung erfahrungen berufserfahrung jahre jahren
    jahr team teams unternehmen firma stelle stellen position rolle bewerbung bewerbungen
    bewerber bewerberin gehalt vergütung standort standorte arbeitgeber arbeitsplatz
    homeoffice home-office remote vollzeit teilzeit festanstellung befristet unbefristet
    studium ausbildung abschluss hochschulabschluss benefits vorteile angebot bieten
    bietet kollegen kolleginnen kunden kundinnen mitarbeiter mitarbeitende
    mitarbeiterinnen menschen leidenschaft freude spaß neu neue neuen moderne modernen
    verantwortung entwicklung weiterentwicklung tätigkeit tätigkeiten bereich bereiche
    umgang arbeit arbeiten unterstützung einsatz projekte projekt produkt produkte
    lösungen lösung systeme system plattform software technologien technologie tools
    zusammenarbeit aufgabenbereich schwerpunkt schwerpunkte wissen fähigkeit fähigkeiten
    sprache sprachen deutschkenntnisse englischkenntnisse senior junior lead dich sie
    """
)
_FRENCH_WORDS = _stopwords(
    """
    le la les l' un une des du de d' et ou mais ainsi que qui quoi dont où en dans sur
    sous avec sans pour par chez vers entre au aux ce cette ces son sa ses leur leurs
    notre nos votre vos nous vous ils elles il elle on je tu être avoir est sont sera
    serez êtes avez ayant très bonne bonnes bon bons solide solides première premier
    idéalement souhaité souhaitée souhaitable apprécié appréciée requis requise atout
    plus etc missions mission profil profils poste postes rôle équipe équipes entreprise
    société candidat candidate candidature candidatures expérience expériences
    connaissance connaissances compétence compétences maîtrise ans années an salaire
    rémunération avantages télétravail cdi cdd temps plein partiel diplôme formation
    bac+5 bac+3 clients client collaborateurs collaboratrices projets projet produit
    produits solutions solution outils outil logiciel logiciels technologies nouveau
    nouvelle nouveaux environnement sein cadre niveau capacité capacités
    """
)
_SPANISH_WORDS = _stopwords(
    """
    el la los las un una unos unas de del y e o u pero que quien cual donde en con sin
    para por sobre entre hacia al su sus nuestro nuestra nuestros nuestras tu tus usted
    ustedes nosotros vosotros ellos ellas es son ser será estar está están tener tiene
    tienes muy buen buena buenos buenas sólido sólida valorable valorará deseable
    imprescindible requisito requisitos plus etc funciones función perfil puesto puestos
    rol equipo equipos empresa compañía candidato candidata candidatura experiencia
    experiencias conocimiento conocimientos dominio manejo años año salario retribución
    beneficios teletrabajo remoto jornada completa parcial contrato indefinido titulación
    grado formación clientes cliente colaboradores proyectos proyecto producto productos
    soluciones solución herramientas herramienta tecnologías nuevo nueva nuevos entorno
    nivel capacidad capacidades
    """
)


def _frame(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


# German compounds name a skill by their last part: "Projektmanagement",
# "Qualitätssicherung", "Wundversorgung". The part alone ("Entwicklung") is no skill.
_GERMAN_HEAD_ENDINGS = (
    "management",
    "entwicklung",
    "analyse",
    "analytik",
    "sicherung",
    "versorgung",
    "planung",
    "architektur",
    "design",
    "administration",
    "betreuung",
    "pflege",
    "beratung",
    "buchhaltung",
    "controlling",
    "steuerung",
    "optimierung",
    "automatisierung",
    "programmierung",
    "modellierung",
    "technik",
    "service",
    "prüfung",
    "testing",
    "tests",
    "führung",
    "verwaltung",
    "kontrolle",
    "engineering",
)
# Compounds with these openings say how, not what: "Weiterentwicklung", "Mitarbeiterführung".
_GERMAN_VAGUE_OPENINGS = ("weiter", "mit", "gesamt", "neu", "fort", "zusammen", "eigen")
_GERMAN_CUE = re.compile(
    r"\b(?:erfahrungen? (?:mit|in|im|von|bei)|kenntnisse (?:in|im|von|der|mit)|"
    r"vertraut mit|know-how (?:in|im)|expertise in|sicherer? umgang mit|umgang mit|"
    r"beherrschen|wie z\. ?b\.|z\. ?b\.|insbesondere|wie etwa)\s*",
    re.IGNORECASE,
)
_GERMAN_CUE_STOP = re.compile(
    r"\.(?=\s|$)|[;!?()\n]|\b(?:sowie|um|für|die|der|das|wird|werden|ist|sind|in einem|in einer)\b",
    re.IGNORECASE,
)
_CUE_LIST_SPLIT = re.compile(r",|/(?=\s)|\b(?:und|oder|et|ou|y|o|e|u)\b|&", re.IGNORECASE)


def _german_heads(
    reader: _Reader, segment: str, offset: int, tokens: list[_Token], taken: set[int]
) -> None:
    for index, token in enumerate(tokens):
        lowered = token.text.lower()
        if index in taken or not token.text[:1].isupper() or lowered in _GERMAN_WORDS:
            continue
        ending = next((e for e in _GERMAN_HEAD_ENDINGS if lowered.endswith(e)), None)
        if ending is None or len(lowered) < len(ending) + 4:
            continue
        if lowered.startswith(_GERMAN_VAGUE_OPENINGS):
            continue
        reader.add(token.text, token.start, _WEIGHT_HEAD_NOUN)
        taken.add(index)


def _cued_phrases(
    reader: _Reader,
    segment: str,
    offset: int,
    cue: re.Pattern[str],
    stop: re.Pattern[str],
    lead_words: frozenset[str],
    keep: Callable[[list[str]], bool],
) -> None:
    for match in cue.finditer(segment):
        tail = segment[match.end() : match.end() + 160]
        end = stop.search(tail)
        phrase = tail[: end.start()] if end else tail
        for part in _CUE_LIST_SPLIT.split(phrase):
            words = part.split()
            while words and (
                words[0].lower() in lead_words or words[0].lower() in reader.profile.ordinary_words
            ):
                words.pop(0)
            while words and words[-1].lower() in reader.profile.ordinary_words:
                words.pop()
            if words and len(words) <= 3 and keep(words) and not any(w.isdigit() for w in words):
                reader.add(" ".join(words), offset + match.end(), _WEIGHT_CUED)


def _german_cues(reader: _Reader, segment: str, offset: int) -> None:
    # Adjectives are lower case in German and nouns capitalised: "agiler
    # Softwareentwicklung" names Softwareentwicklung.
    def nouns_only(words: list[str]) -> bool:
        while words and words[0][:1].islower() and _stem(words[0]) not in _VOCABULARY_STEMS:
            words.pop(0)
        return bool(words) and all(w[:1].isupper() for w in words)

    _cued_phrases(reader, segment, offset, _GERMAN_CUE, _GERMAN_CUE_STOP, frozenset(), nouns_only)


# French and Spanish name a skill head first: "gestion de projet", "tests unitaires",
# "análisis de datos", "atención al cliente".
_FRENCH_HEADS = _stopwords(
    """
    gestion analyse développement conception administration maintenance intégration
    architecture sécurité modélisation automatisation tests test service relation
    pilotage suivi contrôle ingénierie programmation planification soins comptabilité
    """
)
_SPANISH_HEADS = _stopwords(
    """
    gestión análisis desarrollo diseño administración mantenimiento integración
    arquitectura seguridad modelado automatización pruebas atención servicio control
    planificación ingeniería programación contabilidad cuidado cuidados
    """
)
_LINKS = _stopwords("de des du d' la le les al del y")


def _head_first(
    heads: frozenset[str],
) -> Callable[[_Reader, str, int, list[_Token], set[int]], None]:
    def read(
        reader: _Reader, segment: str, offset: int, tokens: list[_Token], taken: set[int]
    ) -> None:
        for index, token in enumerate(tokens[:-1]):
            if index in taken or token.text.lower() not in heads:
                continue
            end = index + 1
            # "gestion de projet", "gestion des stocks", "atención al cliente".
            while end < len(tokens) - 1 and tokens[end].text.lower() in _LINKS:
                end += 1
            last = tokens[end]
            # The head's complement may be an ordinary word ("gestion de projet").
            if end in taken or last.text.lower() in _LINKS:
                continue
            reader.add(
                segment[token.start - offset : last.end - offset], token.start, _WEIGHT_HEAD_NOUN
            )
            taken.update(range(index, end + 1))

    return read


_FRENCH_CUE = re.compile(
    r"(?:expériences? (?:en|avec|de|du|des|dans)|connaissances? (?:en|de|du|des|d')|"
    r"maîtrise (?:de|du|des|d')|maîtriser|compétences? en|familiarité avec|à l'aise avec|"
    r"notamment|tels? que|telles? que|par exemple|p\. ?ex\.)\s*",
    re.IGNORECASE,
)
_FRENCH_CUE_STOP = re.compile(
    r"\.(?=\s|$)|[;!?()\n]|\b(?:pour|afin|qui|que|est|sont|sera|dans un|dans une)\b",
    re.IGNORECASE,
)
_SPANISH_CUE = re.compile(
    r"(?:experiencia (?:en|con|de)|conocimientos? (?:de|en|sobre)|dominio de|manejo de|"
    r"familiaridad con|tales como|como por ejemplo|por ejemplo|incluyendo)\s*",
    re.IGNORECASE,
)
_SPANISH_CUE_STOP = re.compile(
    r"\.(?=\s|$)|[;!?()\n]|\b(?:para|que|es|son|será|en un|en una)\b",
    re.IGNORECASE,
)
_ARTICLES = _stopwords("le la les l' un une des du de d' el los las unos unas")


def _short_phrase(words: list[str]) -> bool:
    return bool(words)


def _french_cues(reader: _Reader, segment: str, offset: int) -> None:
    _cued_phrases(reader, segment, offset, _FRENCH_CUE, _FRENCH_CUE_STOP, _ARTICLES, _short_phrase)


def _spanish_cues(reader: _Reader, segment: str, offset: int) -> None:
    _cued_phrases(
        reader, segment, offset, _SPANISH_CUE, _SPANISH_CUE_STOP, _ARTICLES, _short_phrase
    )


def _english_cues(reader: _Reader, segment: str, offset: int) -> None:
    reader._cued(segment, offset)


def _split_german_compounds(text: str) -> str:
    # "Python-Kenntnisse", "AWS-Erfahrung": the tool before the hyphen is the term.
    return re.sub(r"(?<=\w)-(?=[A-ZÄÖÜ])", " ", text)


_VOCABULARY_STEMS = frozenset(key[0] for key in _VOCABULARY_KEYS if len(key) == 1)

_PROFILES: dict[str, _Profile] = {
    "en": _Profile(
        code="en",
        ordinary_words=_NOT_SKILLS,
        tool_lead_ins=_TOOL_LEAD_INS,
        name_lead_ins=_NAME_LEAD_INS,
        capitals_name=True,
        frame_segment=_FRAME_SEGMENT,
        read_heads=_no_heads,
        read_cues=_english_cues,
        prepare=_unchanged,
    ),
    "de": _Profile(
        code="de",
        ordinary_words=_GERMAN_WORDS | _NOT_SKILLS,
        tool_lead_ins=frozenset(),
        name_lead_ins=frozenset({"bei", "für", "von", "zu", "an"}),
        capitals_name=False,
        frame_segment=_frame(
            r"gehalt|vergütung|urlaubstage|urlaub|bewerbung|bewerben|wir bieten|"
            r"benefits|jobrad|zuschuss|altersvorsorge|gleitzeit|homeoffice|sende|"
            r"senden sie|ansprechpartner"
        ),
        read_heads=_german_heads,
        read_cues=_german_cues,
        prepare=_split_german_compounds,
    ),
    "fr": _Profile(
        code="fr",
        ordinary_words=_FRENCH_WORDS | _NOT_SKILLS,
        tool_lead_ins=_stopwords("en avec sous via comme et ou , sur utilisant"),
        name_lead_ins=_stopwords("chez pour à par"),
        capitals_name=True,
        frame_segment=_frame(
            r"salaire|rémunération|avantages|congés|télétravail|envoyez|postulez|"
            r"candidature|tickets restaurant|mutuelle"
        ),
        read_heads=_head_first(_FRENCH_HEADS),
        read_cues=_french_cues,
        prepare=_unchanged,
    ),
    "es": _Profile(
        code="es",
        ordinary_words=_SPANISH_WORDS | _NOT_SKILLS,
        tool_lead_ins=_stopwords("en con como y o , usando mediante sobre"),
        name_lead_ins=_stopwords("para a por"),
        capitals_name=True,
        frame_segment=_frame(
            r"salario|retribución|beneficios|vacaciones|teletrabajo|envía|envíanos|"
            r"inscríbete|candidatura|seguro médico"
        ),
        read_heads=_head_first(_SPANISH_HEADS),
        read_cues=_spanish_cues,
        prepare=_unchanged,
    ),
}
# Words nearly every sentence of a language uses, which tell its postings apart.
_COMMON_WORDS: dict[str, frozenset[str]] = {
    "en": _stopwords("the and with you we for of to our your are is will in a an"),
    "de": _stopwords("und der die das mit wir sie für ist ein eine zu von im bei oder auf"),
    "fr": _stopwords("et le la les des vous nous pour avec une du est dans sur au"),
    "es": _stopwords("y el la los las para con una del que por es en tu nuestro"),
}


def posting_language(text: str) -> str:
    """The language a posting is written in, among English, German, French and Spanish.

    Args:
        text: The posting (or any text).

    Returns:
        The code whose common words the text uses most; English unless another language
        leads with at least three of them.
    """
    words = [word.lower() for word in re.findall(r"[^\W\d_]+", text[:SCANNED_CHARACTERS])]
    counts = {
        code: sum(1 for word in words if word in common) for code, common in _COMMON_WORDS.items()
    }
    best = max(counts, key=lambda code: counts[code])
    return best if best != "en" and counts[best] >= 3 and counts[best] > counts["en"] else "en"


def extract_key_terms(
    description: str, *, limit: int = MAX_KEY_TERMS, language: str | None = None
) -> list[str]:
    """Find the skills, tools, methods, domains and qualifications a description names.

    Args:
        description: The job description, as pasted.
        limit: How many terms to return at most.
        language: The description's language (`en`, `de`, `fr` or `es`: its ordinary
            words are never terms and its own phrasing cues them); None, or another
            language, reads it as the language its common words say (`posting_language`).

    Returns:
        Distinct terms (one per thing: `Postgres` and `PostgreSQL` count once) in the
        description's own spelling, ranked by how often and how pointedly they are named
        (a vocabulary skill or one introduced by "experience with ..." weighs more than a
        capitalised word after "in"), ties by first appearance. Currencies, salaries,
        places, companies, dates and the words of perks and applying are never terms.
        Empty when the text names none.
    """
    text = description[:SCANNED_CHARACTERS]
    code = language if language in _PROFILES else posting_language(text)
    profile = _PROFILES[code]
    reader = _Reader(profile)
    for segment, offset in _segments(profile.prepare(text)):
        if segment.strip() and not profile.frame_segment.search(segment):
            reader.read_segment(segment, offset)
    ranked = sorted(reader.found.values(), key=lambda c: (-c.score, c.first_seen))
    return [candidate.term for candidate in ranked[:limit]]


# Endings that keep a word naming the same tool: "Dockerfiles", "dockerised", "Terraformed".
# Not "-ing": "building" is no build and "leaning" no Lean.
_TOOL_SUFFIXES = ("file", "files", "ised", "ized", "ise", "ize", "ed", "er", "ers")


def _stems(words: str) -> frozenset[str]:
    return frozenset(_stem(word) for word in words.split())


# A practice named as a gerund ("caching", "load balancing") is also mentioned by its
# verb. A bare verb form is also a noun ("a plan", "the market", "my account", "a blood
# test"), so alone it counts only as a verb: after a subject or an auxiliary ("we cache",
# "she profiles"), or before an object when no determiner makes it a noun ("to profile the
# service", "the gateway caches every quote").
_VERB_CUES = _stems(
    "i we you they he she it who will would can could should must might may did do does "
    "didn't don't doesn't never always also often usually let's"
)
_OBJECT_CUES = _stems("the a an our my their your his her its it them every each all")
_DETERMINERS = _stems("a an the my our your his her their its this that these those one")
# Verb forms that mean something else before these words: "logged in", "accounted for".
_OTHER_SENSES: dict[str, frozenset[str]] = {
    "logging": _stems("in into out on off"),
    "accounting": _stems("for"),
}
# Nouns that name the thing a practice is about and have no other common sense in an
# answer: "a read-through cache" is caching, whereas "a plan" need not be planning.
_PRACTICE_NOUNS: dict[str, frozenset[str]] = {"caching": _stems("cache caches")}


@dataclass(frozen=True, slots=True)
class _Practice:
    """The words besides a gerund that name its practice ("profiling": "profiled")."""

    gerund: str
    # Past forms and the doer ("profiled", "profiler", "debugged", "copywriter").
    always: frozenset[str]
    # Bare and third-person forms as stemmed ("profile", "cach" of "caches", "log").
    verbs: frozenset[str]


def _practice(gerund: str) -> _Practice | None:
    base = gerund.removesuffix("ing")
    # "Spring", "Swing" and "string" are no gerunds.
    if base == gerund or len(base) < 3 or not re.search(r"[aeiouy]", base):
        return None
    verbs = {base, base + "e"}  # "test", "cache": which one is a word does not matter
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiou":
        verbs.add(base[:-1])  # "logging": "log", "modelling": "model"
    always = {base + "ed", base + "er", *_PRACTICE_NOUNS.get(gerund, ())}
    if base.endswith("y") and base[-2] not in "aeiou":
        always.add(base[:-1] + "ied")  # "copying": "copied"
    return _Practice(gerund, frozenset(always), frozenset(verbs))


def _names_practice(stems: list[str], index: int, practice: _Practice, qualified: bool) -> bool:
    """Whether the word at index names the practice (its qualifier, if any, matched)."""
    stem = stems[index]
    after = stems[index + 1] if index + 1 < len(stems) else ""
    if after in _OTHER_SENSES.get(practice.gerund, ()):
        return False
    if stem in practice.always:
        return True
    if stem not in practice.verbs:
        return False
    # After its qualifier a noun names the practice too: "a load test", "the query plan".
    if qualified:
        return True
    before = stems[index - 1] if index else ""
    return before in _VERB_CUES or (after in _OBJECT_CUES and before not in _DETERMINERS)


def _gerund_of(word: str) -> set[str]:
    """The gerunds a noun or verb may take: "review": "reviewing", "plan": "planning"."""
    gerunds = {word + "ing"}
    if word.endswith("e"):
        gerunds.add(word[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", word):
        gerunds.add(word + word[-1] + "ing")
    return gerunds


def _forms_of(term: str) -> list[tuple[str, ...]]:
    key = canonical_key(term)
    forms = {*_FORMS.get(key, []), key, _key(term)}
    if len(key) == 2 and key[1] == "pattern":
        forms.add(key[:1])  # "a transactional outbox" names the outbox pattern
    if len(key) > 1 and not key[-1].endswith("ing"):
        # "code review" is named by "code reviewing" as "unit tests" by "unit testing".
        forms.update((*key[:-1], gerund) for gerund in _gerund_of(key[-1]))
    return list(forms)


def _mentions_practice(stems: list[str], form: tuple[str, ...]) -> bool:
    practice = _practice(form[-1])
    if practice is None:
        return False
    qualifier = form[:-1]
    start = len(qualifier)
    for index in range(start, len(stems)):
        if tuple(stems[index - start : index]) == qualifier and _names_practice(
            stems, index, practice, qualified=bool(qualifier)
        ):
            return True
    return False


def _mentions(
    stems: list[str], positions: dict[str, list[int]], words: set[str], term: str
) -> bool:
    for form in _forms_of(term):
        if not form:
            continue
        length = len(form)
        if length == 1 and len(form[0]) <= 2:
            # "Go", "R", "C": only as written in the term, or it matches every "go".
            written = {term, form[0].upper(), form[0].capitalize()}
            if written & words:
                return True
            continue
        for index in positions.get(form[0], ()):
            if tuple(stems[index : index + length]) == form:
                return True
        if (
            length == 1
            and len(form[0]) >= 4
            and any(form[0] + suffix in positions for suffix in _TOOL_SUFFIXES)
        ):
            return True
        if _mentions_practice(stems, form):
            return True
    return False


def mentioned_terms(terms: Iterable[str], text: str) -> list[str]:
    """Return the terms that a text mentions, in any usual form of each.

    "Dockerfile" mentions Docker, "Postgres" mentions PostgreSQL, "k8s" mentions
    Kubernetes, "unit testing" mentions unit tests; whole words only and ignoring case
    (except a term of one or two letters such as Go or R, which must be written as such).
    A practice named as a gerund is mentioned by its verb ("profiled", "we cache",
    "load balanced" and "load balancer"), never by a noun that may name something else
    ("a plan" is no planning, "the market" no marketing), and a phrase only whole
    ("profiled the service" is no performance profiling).

    Args:
        terms: Key terms (e.g. from `extract_key_terms`).
        text: What the candidate said.

    Returns:
        The terms found in the text, in the order given.
    """
    words = [match.group().rstrip(".") for match in _TOKEN.finditer(text)]
    stems = [_stem(word) for word in words]
    positions: dict[str, list[int]] = {}
    for index, stem in enumerate(stems):
        positions.setdefault(stem, []).append(index)
    return [term for term in terms if _mentions(stems, positions, set(words), term)]


# Vocabulary skills that are no tool an answer could claim beyond a résumé: languages
# and ways of working everybody names.
_NOT_TOOLS = frozenset(
    canonical_key(term)
    for term in _phrases(
        """
        english, german, french, spanish, italian, dutch, portuguese, mandarin, japanese,
        arabic, polish, communication, leadership, mentoring, coaching, teamwork,
        problem solving, negotiation, presentation skills, sales, security, logging,
        metrics, logs, monitoring, debugging, refactoring, statistics, mathematics
        """
    )
)


def named_tools(text: str) -> list[str]:
    """The tools and skills a text names as such, as an answer would claim them.

    Only names are taken: a vocabulary skill written with a capital (and not merely
    opening a sentence: "Kafka", "Power BI") or as an acronym ("AWS"), and a
    product-shaped word with an inner capital or a symbol ("FastAPI", "Node.js"). Plain
    words ("monitoring", "our sales") and spoken languages are never taken.

    Args:
        text: What the candidate said.

    Returns:
        The names in the text's order and spelling, once each (one per thing).
    """
    reader = _Reader(_PROFILES["en"])
    for segment, offset in _segments(text):
        tokens = _tokens(segment, offset)
        taken = reader._vocabulary(segment, offset, tokens)
        for index, token in enumerate(tokens):
            if index in taken:
                continue
            word = token.text
            inner_capital = any(ch.isupper() for ch in word[1:]) and any(
                ch.islower() for ch in word
            )
            symbols = re.search(r"[+#]|\w[./]\w|^\.\w", word) is not None
            if (inner_capital or symbols) and not _ONLY_NUMBER.fullmatch(word):
                reader.add(word, token.start, _WEIGHT_SHAPED)
    return [
        candidate.term
        for candidate in sorted(reader.found.values(), key=lambda c: c.first_seen)
        if canonical_key(candidate.term) not in _NOT_TOOLS
        and _written_as_a_name(text, candidate.term)
    ]


def _written_as_a_name(text: str, term: str) -> bool:
    """Whether a text writes a term as a name, not as a word that opens a sentence.

    An acronym, a product shape, or a capital somewhere other than at the start of a
    sentence ("Monitoring was weak" names no tool).
    """
    if term.isupper() or _shaped_like_a_product(term):
        return True
    if not term[:1].isupper():
        return False
    for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in ".!?:;\n\"'\u00ab\u201e\u201c\u00bf\u00a1":
            return True
    return False
