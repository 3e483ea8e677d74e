#!/usr/bin/env python3
"""tinyaot pipeline tests: checks that an HTML report is well-formed, with Python's html.parser.

usage: check_html.py REPORT.html MIN_BOXES
Every element is closed in order (void elements excepted), there is exactly one <svg> holding at least
MIN_BOXES buffer boxes (<g class="buf"> with a <title> and a <rect>), the layer table has rows, and nothing
refers to an external resource. Exits 1 with the reason otherwise.
"""
import html.parser
import sys

VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source", "track"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors = [], []
        self.svgs = self.boxes = self.layer_rows = 0
        self.in_layers = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.errors.append(f"external resource {key}={a[key]!r}")
        if tag == "svg":
            self.svgs += 1
        if tag == "g" and a.get("class") == "buf":
            self.boxes += 1
        if tag == "table" and a.get("class") == "layers":
            self.in_layers = True
        if tag == "tr" and self.in_layers and "tbody" in self.stack:
            self.layer_rows += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}> at line {self.getpos()[0]}")
            return
        self.stack.pop()
        if tag == "table":
            self.in_layers = False


def main():
    path, min_boxes = sys.argv[1], int(sys.argv[2])
    c = Checker()
    c.feed(open(path, encoding="utf-8").read())
    c.close()
    if c.stack:
        c.errors.append(f"unclosed elements: {c.stack}")
    if c.svgs != 1:
        c.errors.append(f"{c.svgs} <svg> elements, expected 1")
    if c.boxes < min_boxes:
        c.errors.append(f"{c.boxes} buffer boxes, expected at least {min_boxes}")
    if c.layer_rows == 0:
        c.errors.append("the layer table has no rows")
    if c.errors:
        print(f"{path}: not well-formed:", *c.errors, sep="\n  ")
        return 1
    print(f"{path}: well-formed, {c.boxes} buffer boxes, {c.layer_rows} layer rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
