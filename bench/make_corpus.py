#!/usr/bin/python3
"""Writes a MediaWiki XML dump of about SIZE megabytes by repeating the pages
of a real dump excerpt, each copy with its own title and ids (so document
IRIs stay distinct).

usage: bench/make_corpus.py INPUT.xml[.bz2] SIZE_MB OUTPUT.xml
"""
import bz2
import re
import sys


def main():
    source, size_mb, output = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    opener = bz2.open if source.endswith(".bz2") else open
    with opener(source, "rt", encoding="utf-8") as f:
        text = f.read()
    head = text[: text.index("<page>")]
    pages = re.findall(r"<page>.*?</page>", text, flags=re.S)
    target = int(size_mb * 1024 * 1024)
    written = 0
    copy = 0
    with open(output, "w", encoding="utf-8") as out:
        out.write(head)
        while written < target:
            copy += 1
            for page in pages:
                page = re.sub(r"<title>(.*?)</title>", lambda m: f"<title>{m.group(1)} (copy {copy})</title>", page, count=1)
                page = re.sub(r"<id>(\d+)</id>", lambda m: f"<id>{int(m.group(1)) + copy * 10_000_000}</id>", page)
                out.write("  " + page + "\n")
                written += len(page.encode("utf-8")) + 3
                if written >= target:
                    break
        out.write("</mediawiki>\n")


if __name__ == "__main__":
    main()
