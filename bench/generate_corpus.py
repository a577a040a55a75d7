#!/usr/bin/python3
"""Writes a synthetic MediaWiki XML export dump of about SIZE megabytes, for
benchmarks: pages about foreign relations that name the states,
organizations, treaties and events of the gazetteer (read from
ontology/*.ttl, so nothing is hard-coded here), with dates in many formats,
sentences that state memberships, relations, treaties and participation,
distractors (negations, hopes, hypotheticals), wiki markup (links,
templates, refs, infoboxes, tables of Country | Date | Notes), section
headings, redirects and pages in other namespaces.

The output is the same for the same seed and size, and is written page by
page (constant memory), so gigabytes are fine.

With --invented N, nine in ten fact sentences name one of N invented
organizations and treaties instead ("joined the Kavo Relin Development
Bank", "signed the Treaty of Dela Maro"), taken in turn, so a graph of about
N more entities can be made for the site benchmark (bench/site_bench.sh).
Without it the output is what it always was.

usage: bench/generate_corpus.py SIZE_MB OUTPUT.xml [--seed N] [--ontology DIR] [--invented N]
"""
import argparse
import hashlib
import os
import random
import re
import sys

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

BLOCK = re.compile(r"^<(https://w3id\.org/diplograph/id/[^>]+)>\s*\n(.*?)(?=^<https://|\Z)", re.M | re.S)
TYPE = re.compile(r"\ba\s+dg:(\w+)")
LABEL = re.compile(r'rdfs:label\s+"((?:[^"\\]|\\.)*)"@en')
ALT = re.compile(r'"((?:[^"\\]|\\.)*)"@en')


def read_gazetteer(folder):
    """Labels by type from the Turtle files: a tiny parse that relies on the
    repo's layout (one subject block per entity, `a dg:Type`, rdfs:label)."""
    by_type = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".ttl") or name in ("diplograph.ttl", "shapes.ttl"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for match in BLOCK.finditer(text):
            body = match.group(2)
            kind = TYPE.search(body)
            label = LABEL.search(body)
            if not kind or not label:
                continue
            alts = []
            alt_part = body.split("skos:altLabel", 1)
            if len(alt_part) == 2:
                alts = ALT.findall(alt_part[1].split(";", 1)[0])
            by_type.setdefault(kind.group(1), []).append((label.group(1), alts))
    return by_type


SYLLABLES = ["ka", "ro", "mel", "dan", "vi", "tor", "sa", "lin", "ber", "qu", "zen", "pa", "mor", "el",
             "fi", "gor", "nu", "tal", "res", "ob"]


def invented_word(k):
    """A made-up capitalized word for 0 <= k < 400."""
    return (SYLLABLES[k % 20] + SYLLABLES[k // 20 % 20]).capitalize()


class Writer:
    def __init__(self, rng, gaz, invented=0):
        self.rng = rng
        self.invented = invented
        self.next_invented = 0
        self.states = [l for l, _ in gaz.get("State", [])]
        self.territories = [l for l, _ in gaz.get("Territory", [])]
        self.orgs = gaz.get("Organization", [])
        self.treaties = [l for l, _ in gaz.get("Treaty", [])]
        self.events = [l for l, _ in gaz.get("Event", [])]
        if not self.states or not self.orgs:
            sys.exit("generate_corpus.py: no states or organizations in the gazetteer")
        if not self.treaties:
            self.treaties = ["Treaty of Friendship"]
        if not self.events:
            self.events = ["Summit"]
        self.page_id = 1000
        self.rev_id = 500000000

    # ---- pieces -------------------------------------------------------
    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def state(self, exclude=()):
        while True:
            s = self.pick(self.states)
            if s not in exclude:
                return s

    def org(self, acronym_ok=True):
        label, alts = self.pick(self.orgs)
        short = [a for a in alts if a.isupper() and 2 <= len(a) <= 6]
        if acronym_ok and short and self.rng.random() < 0.3:
            return self.pick(short)
        return label

    def event(self):
        label = self.pick(self.events)
        return label if label.startswith("World War") else "the " + label

    def year(self):
        return self.rng.randint(1918, 2024)

    def date(self):
        r = self.rng
        y, m, d = self.year(), r.randint(1, 12), r.randint(1, 28)
        form = r.randrange(11)
        if form == 0:
            return f"{d} {MONTHS[m - 1]} {y}", "on"
        if form == 1:
            return f"{MONTHS[m - 1]} {d}, {y}", "on"
        if form == 2:
            return f"{MONTHS[m - 1]} {y}", "in"
        if form == 3:
            return f"{y}-{m:02d}-{d:02d}", "on"
        if form == 4:
            return f"late {y}", "in"
        if form == 5:
            return f"early {y}", "in"
        if form == 6:
            return f"the {y // 10 * 10}s", "in"
        if form == 7:
            return f"the second half of {y}", "in"
        if form == 8:
            return f"{MONTHS[m - 1][:3]}. {d}, {y}", "on"
        return f"{y}", "in"

    def link(self, name):
        r = self.rng.random()
        if r < 0.5:
            return f"[[{name}]]"
        if r < 0.6:
            return f"[[{name}|{name}]]"
        return name

    def ref(self):
        r = self.rng
        if r.random() < 0.55:
            return ""
        y = self.year()
        site = self.pick(["mfa", "gov", "un", "reuters", "bbc", "archive"])
        kind = r.randrange(3)
        if kind == 0:
            body = (f"{{{{cite web |url=https://www.{site}.example.org/news/{r.randint(100, 99999)} "
                    f"|title={self.state()} and {self.state()} sign agreement |publisher={site.upper()} "
                    f"|date={r.randint(1, 28)} {self.pick(MONTHS)} {y} |access-date={y + 1}-0{r.randint(1, 9)}-1{r.randint(0, 9)}}}}}")
        elif kind == 1:
            body = f"{self.pick(['Smith', 'Kowalski', 'Petrov', 'Nakamura', 'Okafor'])}, J. ({y}). ''Diplomacy in Practice''. p.&nbsp;{r.randint(1, 400)}."
        else:
            return f'<ref name="{site}{y}" />'
        return f"<ref>{body}</ref>"

    # ---- sentences ----------------------------------------------------
    def invented_sentence(self, subject):
        k = self.next_invented
        self.next_invented = (k + 1) % self.invented
        name = f"{invented_word(k // 2 % 400)} {invented_word(k // 800 % 400)}"
        if k % 2 == 0:
            return f"{subject} joined the {name} Development Bank in {self.year()}."
        return f"{subject} signed the Treaty of {name} in {self.year()}."

    def fact_sentence(self, subject):
        r = self.rng
        if self.invented and r.random() < 0.9:
            return self.invented_sentence(subject)
        kind = r.randrange(16)
        subj = subject if r.random() < 0.7 else ("It" if r.random() < 0.5 else self.state())
        other = self.state(exclude=(subject,))
        d, prep = self.date()
        if kind == 0:
            return f"{subj} became a member of the {self.link(self.org())} {prep} {d}."
        if kind == 1:
            return f"{subj} joined the {self.link(self.org())} in {self.year()}."
        if kind == 2:
            orgs = [self.link(self.org()) for _ in range(r.randint(2, 4))]
            return f"{subj} is a member of the {', the '.join(orgs[:-1])} and the {orgs[-1]}."
        if kind == 3:
            return f"{subj} has observer status in the {self.link(self.org())}."
        if kind == 4:
            return f"{subj} established diplomatic relations with {self.link(other)} {prep} {d}."
        if kind == 5:
            return f"{subject} and {self.link(other)} established diplomatic relations {prep} {d}."
        if kind == 6:
            return f"{subj} signed the {self.link(self.pick(self.treaties))} with {other} in {self.year()}."
        if kind == 7:
            return f"The {self.link(self.pick(self.treaties))} was signed in {self.pick(['Geneva', 'Vienna', 'Paris', 'Moscow', 'Riga', 'New York'])} {prep} {d}."
        if kind == 8:
            return f"Since {self.year()} {subj} has taken part in {self.event()}."
        if kind == 9:
            return f"People from {subject} and {other} joined {self.event()}."
        if kind == 10:
            return f"{subj} gained membership in the {self.link(self.org())} in {self.year()}."
        if kind == 11:
            return f"The members of the {self.org(False)} are {self.state()}, {self.state()} and {self.state()}."
        # distractors: negation, hopes, hypotheticals, near misses
        if kind == 12:
            return f"{subj} is not a member of the {self.org()}."
        if kind == 13:
            return self.pick([
                f"{subj} hopes for accession to the {self.org()}.",
                f"{subj} would welcome accession to the {self.org()}.",
                f"{subj} applied for observer status in the {self.org()}.",
                f"{subj} was invited to start negotiations over membership in the {self.org()}.",
            ])
        if kind == 14:
            return self.pick([
                f"{subj} has never established diplomatic relations with {other}.",
                f"{subj} refused to sign the {self.pick(self.treaties)}.",
                f"{subj} joined {other} in urging reforms.",
                f"{subj} has taken part in talks about the future of the {self.org()}.",
            ])
        return f"Currently, {subject} maintains diplomatic relations with {r.randint(20, 193)} states."

    def filler_sentence(self, subject):
        r = self.rng
        return self.pick([
            f"Trade between {subject} and {self.state()} grew by {r.randint(2, 60)} percent in {self.year()}.",
            f"The embassy of {subject} in {self.pick(['Vienna', 'Tokyo', 'Ottawa', 'Canberra', 'Nairobi', 'Lima'])} opened in {self.year()}.",
            f"Relations deteriorated after the {self.year()} crisis, when the ambassador was recalled.",
            f"The foreign minister visited {self.state()} in {self.pick(MONTHS)} {self.year()} to discuss energy, transport and security.",
            f"About {r.randint(2, 900)},000 people of {subject}'s diaspora live abroad.",
            f"A joint commission on culture and education meets every {r.randint(2, 5)} years.",
            f"In {self.year()}, a {self.pick(['trade', 'visa', 'cultural', 'defence'])} agreement was concluded.",
            f"The two countries share a border of {r.randint(30, 3000)}&nbsp;km.",
            f"At the {self.org()} meeting in {self.year()}, the delegation of {subject} raised concerns about fisheries, migration and the climate.",
            f"Public opinion in {subject} was divided over the question, and the government postponed its decision until after the {self.year()} elections.",
            f"The president of {self.state()} paid a state visit to {subject}, the first since {self.year()}; agreements on tourism and science were discussed.",
            f"According to the {self.pick(['World Bank', 'census', 'central bank', 'statistics office'])}, exports of machinery, timber and food products reached ${r.randint(1, 90)}.{r.randint(0, 9)} billion.",
            f"''{self.pick(['The Times', 'Le Monde', 'Der Spiegel', 'El País'])}'' described the talks as \"{self.pick(['constructive', 'difficult', 'historic', 'frank'])}\".",
            f"Several bilateral agreements, on double taxation, investment protection and readmission, are in force.",
            f"The [[Ministry of Foreign Affairs ({subject})|Ministry of Foreign Affairs]] has {r.randint(20, 140)} missions abroad.",
        ])

    def paragraph(self, subject):
        out = []
        for _ in range(self.rng.randint(3, 7)):
            # About one sentence in five states a fact (or a near miss), as in
            # real foreign-relations articles; the rest is prose around them.
            s = self.fact_sentence(subject) if self.rng.random() < 0.2 else self.filler_sentence(subject)
            out.append(s + self.ref())
        return " ".join(out)

    def table(self, subject):
        r = self.rng
        rows = ['{| class="wikitable sortable"', "|+ Diplomatic relations", "! Country !! Formal relations began !! Notes"]
        for _ in range(r.randint(3, 14)):
            other = self.state(exclude=(subject,))
            d, _ = self.date()
            note = self.pick([f"See [[{other}–{subject} relations]]",
                              f"{other} has an embassy in the capital.",
                              "Relations were re-established after independence.", ""])
            rows.append("|-")
            if r.random() < 0.5:
                rows.append(f"| {{{{flag|{other}}}}} || {d} || {note}")
            else:
                rows.append(f"|[[{other}]]\n|{d}\n|{note}")
        rows.append("|}")
        return "\n".join(rows)

    def infobox(self, subject):
        other = self.state(exclude=(subject,))
        return ("{{Infobox bilateral relations\n"
                f"| name = {subject}–{other} relations\n"
                f"| map = {subject} {other} Locator.png\n"
                f"| mission1 = Embassy of {subject}, {self.pick(['Vienna', 'Rome', 'Madrid'])}\n"
                f"| envoytitle1 = Ambassador\n}}}}")

    def article(self, subject):
        r = self.rng
        parts = ["{{Short description|Overview of foreign relations}}",
                 "{{Use dmy dates|date=" + self.pick(MONTHS) + f" {self.year()}}}}}"]
        if r.random() < 0.5:
            parts.append(self.infobox(subject))
        parts.append(f"'''{subject}''' has pursued an active foreign policy since {self.year()}. " + self.paragraph(subject))
        headings = ["History", "Membership in international organizations", "Bilateral relations",
                    "Treaties", "Participation in events", "Economic relations", "See also"]
        for heading in r.sample(headings, r.randint(3, len(headings))):
            parts.append(f"\n== {heading} ==")
            if heading == "See also":
                parts.append("\n".join(f"* [[{self.state()}–{subject} relations]]" for _ in range(r.randint(1, 4))))
                continue
            if heading == "Bilateral relations" and r.random() < 0.8:
                parts.append(self.table(subject))
            for _ in range(r.randint(1, 3)):
                if r.random() < 0.3:
                    parts.append(f"\n=== {self.state()} ===")
                parts.append(self.paragraph(subject))
        parts.append("\n== References ==\n{{Reflist}}")
        parts.append(f"[[Category:Foreign relations of {subject}]]\n[[Category:{subject}]]")
        return "\n\n".join(parts)

    # ---- pages --------------------------------------------------------
    def page(self):
        r = self.rng
        self.page_id += r.randint(1, 40)
        self.rev_id += r.randint(1, 5000)
        kind = r.random()
        subject = self.state()
        redirect = None
        ns = 0
        if kind < 0.55:
            title = self.pick([f"Foreign relations of {subject}", f"{subject}–{self.state(exclude=(subject,))} relations",
                               f"History of {subject}'s diplomacy"])
            text = self.article(subject)
        elif kind < 0.65:
            label, _ = self.pick(self.orgs)
            title = label
            text = (f"The '''{label}''' is an international organization. " + self.paragraph(subject)
                    + "\n\n== Members ==\n" + "\n".join(f"* [[{self.state()}]] (since {self.year()})" for _ in range(r.randint(3, 12))))
        elif kind < 0.80:
            title = f"Foreign relations of {subject} ({self.page_id})"
            redirect = f"Foreign relations of {subject}"
            text = f"#REDIRECT [[{redirect}]]\n\n{{{{R from alternative name}}}}"
        else:
            ns, prefix = self.pick([(1, "Talk"), (2, "User"), (4, "Wikipedia"), (10, "Template"), (14, "Category")])
            title = f"{prefix}:Foreign relations of {subject} {self.page_id}"
            text = (f"== Discussion ==\n{subject} joined the {self.org()} in {self.year()}, according to this talk. "
                    f"~~~~\n:I disagree; see {self.link(self.state())}. ~~~~")
        body = escape(text)
        sha = hashlib.sha1(body.encode("utf-8")).hexdigest()[:31]
        redirect_line = f'    <redirect title="{escape(redirect)}" />\n' if redirect else ""
        return ("  <page>\n"
                f"    <title>{escape(title)}</title>\n"
                f"    <ns>{ns}</ns>\n"
                f"    <id>{self.page_id}</id>\n"
                f"{redirect_line}"
                "    <revision>\n"
                f"      <id>{self.rev_id}</id>\n"
                f"      <timestamp>20{r.randint(10, 24):02d}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z</timestamp>\n"
                f"      <contributor>\n        <username>Editor{r.randint(1, 9999)}</username>\n        <id>{r.randint(1, 9999999)}</id>\n      </contributor>\n"
                "      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                f'      <text xml:space="preserve" bytes="{len(text.encode("utf-8"))}">{body}</text>\n'
                f"      <sha1>{sha}</sha1>\n"
                "    </revision>\n"
                "  </page>\n")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


HEAD = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="en">
  <siteinfo>
    <sitename>Synthetic</sitename>
    <dbname>benchwiki</dbname>
    <base>https://bench.example.org/wiki/Main_Page</base>
    <generator>diplograph bench/generate_corpus.py</generator>
    <case>first-letter</case>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="1" case="first-letter">Talk</namespace>
      <namespace key="2" case="first-letter">User</namespace>
      <namespace key="4" case="first-letter">Wikipedia</namespace>
      <namespace key="10" case="first-letter">Template</namespace>
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
"""


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size_mb", type=float)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ontology", default=os.path.join(here, "..", "ontology"))
    parser.add_argument("--invented", type=int, default=0, help="invented organizations and treaties to name")
    args = parser.parse_args()
    writer = Writer(random.Random(args.seed), read_gazetteer(args.ontology), args.invented)
    target = int(args.size_mb * 1024 * 1024)
    tmp = args.output + ".part"
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEAD)
        written = len(HEAD)
        while written < target:
            page = writer.page()
            out.write(page)
            written += len(page.encode("utf-8"))
        out.write("</mediawiki>\n")
    os.replace(tmp, args.output)


if __name__ == "__main__":
    main()
