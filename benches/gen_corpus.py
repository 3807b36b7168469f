#!/usr/bin/env python3
"""Generates a bilingual benchmark site: N page pairs (English and Spanish) of
about 700 words of realistic Markdown each, with links between pages, lists,
a table and a footnote. Pages sit in sections of about 30, under ten
top-level sections (the main navigation stays the same size as the site
grows), and each page ends with a list of its section's pages, as a blog's
"in this section" list would. Every page is dated, so each section has a
feed. The same corpus is meant for comparing Faro with other generators.

usage: gen_corpus.py N OUT_DIR
"""
import datetime
import random
import sys
from pathlib import Path

EN = ("people work long hours for little or no pay and cannot leave because of a debt "
      "that keeps growing while documents are held by an employer who threatens their family "
      "recruiters promise a good job across the border and then change the terms on arrival "
      "a hotline can help anyone who asks with interpreters and without asking about status").split()
ES = ("las personas trabajan largas jornadas por poco o ningún pago y no pueden irse por una deuda "
      "que sigue creciendo mientras un patrón retiene sus documentos y amenaza a su familia "
      "los reclutadores prometen un buen trabajo al otro lado de la frontera y cambian las condiciones "
      "una línea de ayuda atiende a quien llame con intérpretes y sin preguntar por su situación").split()

PAGES_PER_SECTION = 30
TOP_SECTIONS = 10


def sentence(rng, words):
    n = rng.randint(8, 18)
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."


def paragraph(rng, words):
    return " ".join(sentence(rng, words) for _ in range(rng.randint(3, 5)))


def body(rng, words, links, siblings, lang):
    parts = []
    heading = "Section" if lang == "en" else "Sección"
    for h in range(4):
        parts.append(f"## {heading} {h + 1}\n")
        parts.append(paragraph(rng, words) + "\n")
        if h == 1:
            parts.append("\n".join(f"- {sentence(rng, words)}" for _ in range(4)) + "\n")
        if h == 2:
            parts.append("| A | B |\n|---|---|\n" + "\n".join(f"| {rng.choice(words)} | {rng.randint(1, 999)} |" for _ in range(3)) + "\n")
        parts.append(paragraph(rng, words) + f" *{rng.choice(words)}* **{rng.choice(words)}**.[^{h}]\n")
        parts.append(f"See [{rng.choice(words)}]({rng.choice(links)}).\n")
    listing = "In this section" if lang == "en" else "En esta sección"
    parts.append(f"## {listing}\n")
    parts.append("\n".join(f"- [Page {j} {lang}](p{j}.md)" for j in siblings) + "\n")
    for h in range(4):
        parts.append(f"[^{h}]: {sentence(rng, words)}\n")
    return "\n".join(parts)


def main():
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    rng = random.Random(7)
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(
        "title: {en: Benchmark, es: Prueba}\nbase_url: https://example.org/\n"
        "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n"
    )
    for lang, title in (("en", "Home"), ("es", "Inicio")):
        (content / f"_index.{lang}.md").write_text(f"---\ntitle: {title}\n---\nWelcome.\n")
    count = max(1, -(-n // PAGES_PER_SECTION))
    sections = [f"s{k % TOP_SECTIONS}/t{k // TOP_SECTIONS}" for k in range(count)]
    for s in sections:
        top, sub = s.split("/")
        (content / s).mkdir(parents=True, exist_ok=True)
        for folder, name in ((content / top, top), (content / s, sub)):
            for lang in ("en", "es"):
                idx = folder / f"_index.{lang}.md"
                if not idx.exists():
                    slug = "" if lang == "en" else f"slug: {name}-es\n"
                    idx.write_text(f"---\ntitle: {name} {lang}\n{slug}---\nIndex.\n")
    first_day = datetime.date(2020, 1, 1)
    for i in range(n):
        k = i % count
        s = sections[k]
        # The pages of the same folder, which exist in both languages.
        siblings = list(range(k, n, count))
        links = [f"p{rng.choice(siblings)}.md" for _ in range(3)]
        date = first_day + datetime.timedelta(days=i % 2000)
        for lang, words in (("en", EN), ("es", ES)):
            slug = "" if lang == "en" else f"slug: pagina-{i}\n"
            text = (f"---\ntitle: Page {i} {lang}\ndescription: Page {i}.\ndate: {date}\nweight: {i}\n{slug}---\n\n"
                    + body(rng, words, links, siblings, lang))
            (content / s / f"p{i}.{lang}.md").write_text(text)


if __name__ == "__main__":
    main()
