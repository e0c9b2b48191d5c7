#!/usr/bin/env python3
"""check_keywords.py - grammar/keywords.def and grammar/jobc.y name the same
keywords (PostgreSQL's check_keywords.pl does this for kwlist.h and gram.y).

bison cannot read keywords.def, so jobc.y declares each keyword's token
again, aliased to its text.  This fails when:
  - a keyword of keywords.def has no %token in jobc.y, or one whose alias
    is not its text;
  - jobc.y's keyword %token lines (the %token lines after the comment
    that starts "The keywords:", up to the first other line) are not
    keywords.def's tokens, in its order;
  - another %token of jobc.y has a keyword as its alias;
  - jobc.l returns a keyword's token itself, past the lookup.

usage: check_keywords.py GRAMMAR_DIR
"""
import os
import re
import sys


def main():
    gdir = sys.argv[1]
    read = lambda name: open(os.path.join(gdir, name), encoding="utf-8").read()
    keywords = re.findall(r'^KEYWORD\("([^"]*)", TOK_([A-Z_]+)\)$', read("keywords.def"), re.M)
    errors = []
    if not keywords:
        errors.append("keywords.def: no KEYWORD lines")

    grammar = read("jobc.y").split("\n%%", 1)[0]
    tokens = {}  # name -> alias
    block = []   # the keyword %token lines' names, in order
    in_block = False
    for line in grammar.splitlines():
        if "The keywords:" in line:
            in_block = True
            continue
        if not line.startswith("%token"):
            if block:
                in_block = False  # the block ends at its first other line
            continue
        decl = re.sub(r"^%token\s*(<\w+>)?", "", line)
        for name, alias in re.findall(r'([A-Z_]+)\s+"([^"]*)"', decl):
            tokens[name] = alias
            if in_block:
                block.append(name)

    texts = {text for text, _ in keywords}
    for text, name in keywords:
        if name not in tokens:
            errors.append(f'jobc.y: no %token {name} "{text}" for keywords.def\'s "{text}"')
        elif tokens[name] != text:
            errors.append(f'jobc.y: %token {name} is "{tokens[name]}"; keywords.def says "{text}"')
    if block != [name for _, name in keywords]:
        errors.append("jobc.y: the keyword %token lines are " + " ".join(block) +
                      "; keywords.def has " + " ".join(name for _, name in keywords))
    for name, alias in tokens.items():
        if alias in texts and name not in block:
            errors.append(f'jobc.y: %token {name} "{alias}" is a keyword not declared with the others')

    scanner = read("jobc.l")
    for _, name in keywords:
        if re.search(rf"\breturn\s+TOK_{name}\b", scanner):
            errors.append(f"jobc.l: returns TOK_{name} itself; keywords are found through keyword_token")

    for e in errors:
        print(e)
    print(f"{len(keywords)} keywords, {len(errors)} disagreement(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
