#!/usr/bin/python3
"""Generate ontology/states.ttl from the Debian iso-codes JSON files.

Usage:
    scripts/generate_states.py [--iso-dir DIR] [--output FILE]

Defaults: --iso-dir /usr/share/iso-codes/json, --output ontology/states.ttl
(relative to the repository root). Needs only the Python standard library.

Every ISO 3166-1 entry becomes a dg:State or a dg:Territory with a clean
English rdfs:label, the ISO names as skos:altLabel, its ISO codes and an
owl:sameAs link to DBpedia. Selected ISO 3166-3 entries (states that no longer
exist) become dg:State + dg:FormerState, named by their four-letter code.
The output is deterministic (sorted by code). Hand-written aliases, demonyms
and Kosovo live in ontology/aliases.ttl, not here.
"""

import argparse
import gzip
import json
import os
import re
import sys
import urllib.parse

DG_STATE = "https://w3id.org/diplograph/id/state/"

# Non-sovereign areas with their own ISO 3166-1 code: dependent territories,
# overseas regions and collectivities, Crown dependencies, constituent
# countries of the Kingdom of the Netherlands, special administrative regions,
# states in free association without UN membership, Antarctica and the
# disputed Western Sahara. Taiwan, Palestine and the Vatican stay dg:State.
TERRITORIES = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT",
    "CCK", "COK", "CUW", "CXR", "CYM", "ESH", "FLK", "FRO", "GGY", "GIB",
    "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT", "JEY", "MAC",
    "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI",
    "PYF", "REU", "SGS", "SHN", "SJM", "SPM", "SXM", "TCA", "TKL", "UMI",
    "VGB", "VIR", "WLF",
}

# The English name people use, where the ISO name (or common_name) is not it.
LABELS = {
    "ALA": "Åland",
    "BES": "Caribbean Netherlands",
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "MAC": "Macau",
    "MAF": "Saint Martin",
    "PCN": "Pitcairn Islands",
    "PSE": "Palestine",
    "RUS": "Russia",
    "STP": "São Tomé and Príncipe",
    "SXM": "Sint Maarten",
    "TUR": "Turkey",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
}

# Further English names that unambiguously name the entry (former or
# alternative names); abbreviations and informal names go to aliases.ttl.
EXTRA_ALTS = {
    "ALA": ["Åland Islands"],
    "BES": ["Bonaire, Sint Eustatius and Saba"],
    "BHS": ["The Bahamas"],
    "COD": ["DR Congo", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville"],
    "CPV": ["Cape Verde"],
    "CIV": ["Ivory Coast"],
    "FSM": ["Federated States of Micronesia"],
    "GMB": ["The Gambia"],
    "MAC": ["Macao"],
    "MKD": ["Macedonia", "Republic of Macedonia"],
    "MMR": ["Burma"],
    "PSE": ["State of Palestine"],
    "SWZ": ["Swaziland"],
    "TLS": ["East Timor"],
    "TUR": ["Türkiye", "Republic of Turkey"],
    "TWN": ["Republic of China"],
    "VIR": ["U.S. Virgin Islands"],
}

# Names from iso-codes that would be ambiguous as aliases.
SKIP_ALTS = {
    "COG": {"Congo"},
}

# English Wikipedia article titles (DBpedia resource names) where they differ
# from the label.
WIKIPEDIA = {
    "ATF": "French Southern and Antarctic Lands",
    "BHS": "The Bahamas",
    "CIV": "Ivory Coast",
    "CPV": "Cape Verde",
    "CZE": "Czech Republic",
    "FSM": "Federated States of Micronesia",
    "GEO": "Georgia (country)",
    "GMB": "The Gambia",
    "IRL": "Republic of Ireland",
    "MAF": "Collectivity of Saint Martin",
    "PSE": "State of Palestine",
    "SHN": "Saint Helena, Ascension and Tristan da Cunha",
    "TLS": "East Timor",
}

# ISO 3166-3 entries that were sovereign states (renamed territories and
# former dependencies are left out), with their English label, aliases and
# Wikipedia title.
FORMER_STATES = {
    "CSHH": ("Czechoslovakia", ["Czechoslovak Socialist Republic"], "Czechoslovakia"),
    "CSXX": ("Serbia and Montenegro", ["State Union of Serbia and Montenegro"],
             "Serbia and Montenegro"),
    "DDDE": ("East Germany", ["German Democratic Republic", "GDR"], "East Germany"),
    "SUHH": ("Soviet Union", ["Union of Soviet Socialist Republics", "USSR", "U.S.S.R."],
             "Soviet Union"),
    "VDVN": ("North Vietnam", ["Democratic Republic of Vietnam"], "North Vietnam"),
    "YDYE": ("South Yemen", ["People's Democratic Republic of Yemen"], "South Yemen"),
    "YUCS": ("Yugoslavia", ["Socialist Federal Republic of Yugoslavia",
                            "Federal Republic of Yugoslavia"], "Yugoslavia"),
    # Zaire (1971-1997) is treated as a state of its own, as Wikipedia does.
    "ZRCD": ("Zaire", ["Republic of Zaire"], "Zaire"),
}

# Characters kept as they are in the DBpedia IRI; everything else that is
# not allowed in an IRI (spaces become underscores first) is percent-encoded.
IRI_SAFE = "()',-._~!$&*+;=:@/"


def dbpedia(title):
    path = title.replace(" ", "_")
    out = []
    for ch in path:
        if ord(ch) > 127 or ch.isalnum() or ch in IRI_SAFE:
            out.append(ch)
        else:
            out.append(urllib.parse.quote(ch, safe=""))
    return "http://dbpedia.org/resource/" + "".join(out)


def literal(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped + '"@en'


def plain(text):
    return '"' + text + '"'


def clean_official(name):
    # "the State of Eritrea" -> "State of Eritrea"
    return re.sub(r"^the ", "", name)


def state_block(types, iri, label, alts, codes, same_as):
    lines = ["<%s>" % iri, "    a %s ;" % " , ".join(types), "    rdfs:label %s ;" % literal(label)]
    if alts:
        lines.append("    skos:altLabel %s ;" % " ,\n        ".join(literal(a) for a in alts))
    for prop, value in codes:
        lines.append("    %s %s ;" % (prop, plain(value)))
    lines.append("    owl:sameAs <%s> ." % same_as)
    return "\n".join(lines)


def unique_alts(label, names):
    seen = {label.casefold()}
    out = []
    for name in names:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    parser.add_argument("--output", default=os.path.join(here, "..", "ontology", "states.ttl"))
    args = parser.parse_args()

    with open(os.path.join(args.iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        part1 = json.load(f)["3166-1"]
    with open(os.path.join(args.iso_dir, "iso_3166-3.json"), encoding="utf-8") as f:
        part3 = json.load(f)["3166-3"]
    version = "unknown"
    changelog = "/usr/share/doc/iso-codes/changelog.Debian.gz"
    if os.path.exists(changelog):
        with gzip.open(changelog, "rt", encoding="utf-8") as f:
            m = re.match(r"iso-codes \(([^)]+)\)", f.readline())
            if m:
                version = m.group(1)

    known = {e["alpha_3"] for e in part1}
    missing = (TERRITORIES | set(LABELS) | set(EXTRA_ALTS) | set(WIKIPEDIA)) - known
    if missing:
        sys.exit("unknown alpha-3 codes in tables: %s" % ", ".join(sorted(missing)))

    blocks = []
    counts = {"State": 0, "Territory": 0, "FormerState": 0}
    for e in sorted(part1, key=lambda x: x["alpha_3"]):
        a3 = e["alpha_3"]
        label = LABELS.get(a3) or e.get("common_name") or e["name"]
        names = [e["name"]]
        if "official_name" in e:
            names.append(clean_official(e["official_name"]))
        names += EXTRA_ALTS.get(a3, [])
        names = [n for n in names if n not in SKIP_ALTS.get(a3, set())]
        alts = unique_alts(label, names)
        kind = "Territory" if a3 in TERRITORIES else "State"
        counts[kind] += 1
        codes = [("dg:iso3166Alpha2", e["alpha_2"]), ("dg:iso3166Alpha3", a3),
                 ("dg:iso3166Numeric", e["numeric"])]
        blocks.append(state_block(["dg:" + kind], DG_STATE + a3, label, alts, codes,
                                  dbpedia(WIKIPEDIA.get(a3, label))))

    former_blocks = []
    by_a4 = {e["alpha_4"]: e for e in part3}
    for a4 in sorted(FORMER_STATES):
        if a4 not in by_a4:
            sys.exit("ISO 3166-3 code %s not found" % a4)
        e = by_a4[a4]
        label, extra, title = FORMER_STATES[a4]
        alts = unique_alts(label, extra)
        counts["FormerState"] += 1
        codes = [("dg:iso3166Alpha4", a4), ("dg:iso3166Alpha3", e["alpha_3"])]
        former_blocks.append(state_block(["dg:State", "dg:FormerState"], DG_STATE + a4, label,
                                         alts, codes, dbpedia(title)))

    header = [
        "# generated by scripts/generate_states.py from iso-codes %s — do not edit;" % version,
        "# add aliases in aliases.ttl",
        "#",
        "# %d states, %d territories (ISO 3166-1), %d former states (ISO 3166-3)."
        % (counts["State"], counts["Territory"], counts["FormerState"]),
        "",
        "@prefix dg:   <https://w3id.org/diplograph/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix owl:  <http://www.w3.org/2002/07/owl#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "",
        "# ---------------------------------------------------------------------------",
        "# ISO 3166-1: current states and territories",
        "# ---------------------------------------------------------------------------",
        "",
        "",
    ]
    text = "\n".join(header) + "\n\n".join(blocks)
    text += "\n\n# ---------------------------------------------------------------------------\n"
    text += "# ISO 3166-3: former states\n"
    text += "# ---------------------------------------------------------------------------\n\n"
    text += "\n\n".join(former_blocks) + "\n"
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print("wrote %s: %d states, %d territories, %d former states"
          % (os.path.normpath(args.output), counts["State"], counts["Territory"],
             counts["FormerState"]))


if __name__ == "__main__":
    main()
