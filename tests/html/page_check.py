#!/usr/bin/env python3
"""Checks a handout page as headless Chromium saw it (tests/html/handout.sh).

  page_check.py dom DOM JSON LANG   the DOM (--dump-dom) holds every record's
                                    bytes (sent, delivered, plaintext) under the
                                    record's ids, and every secret of the run's
                                    JSON in a value; <html lang> is LANG; the
                                    script ran (copy buttons added); no id is
                                    used twice
  page_check.py png FILE            the screenshot has more than one colour
  page_check.py tamper DOM JSON     the tamper section: each tampered record's
                                    changed bytes marked, the alert named
Prints one problem per line and exits 1, or prints nothing and exits 0."""
import html.parser
import json
import re
import struct
import sys
import zlib


class Dom(html.parser.HTMLParser):
    """Text of elements by id, texts of <code class="hexval">, attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, id or None, is_hexval)
        self.by_id = {}
        self.hexvals = set()
        self.cur_hexval = None
        self.html_lang = None
        self.copy_buttons = 0
        self.cmds = 0
        self.changed = {}        # hex block id -> number of <i class="chg">
        self.ids = set()
        self.dup_ids = set()

    VOID = {"br", "meta", "link", "img", "input", "hr", "wbr", "col", "area", "base", "source"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "button" and "copy" in (a.get("class") or "").split():
            self.copy_buttons += 1
        if tag == "pre" and "cmd" in (a.get("class") or "").split():
            self.cmds += 1
        if a.get("id"):
            if a["id"] in self.ids:
                self.dup_ids.add(a["id"])
            self.ids.add(a["id"])
        if tag == "i" and a.get("class") == "chg":
            for t, i, _ in reversed(self.stack):
                if i is not None and i.startswith("hx-"):
                    self.changed[i] = self.changed.get(i, 0) + 1
                    break
        if tag in self.VOID:
            return
        hexval = tag == "code" and "hexval" in (a.get("class") or "").split()
        self.stack.append((tag, a.get("id"), hexval))
        if a.get("id"):
            self.by_id[a["id"]] = []
        if hexval:
            self.cur_hexval = []

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            t, i, hexval = self.stack.pop()
            if hexval and self.cur_hexval is not None:
                self.hexvals.add("".join(self.cur_hexval))
                self.cur_hexval = None
            if t == tag:
                break

    def handle_data(self, data):
        for t, i, _ in self.stack:
            if i is not None:
                self.by_id[i].append(data)
        if self.cur_hexval is not None:
            self.cur_hexval.append(data)

    def text(self, id_):
        return re.sub(r"\s+", "", "".join(self.by_id.get(id_, [])))


def load(dom_path):
    d = Dom()
    d.feed(open(dom_path, encoding="utf-8").read())
    return d


def check_dom(dom_path, json_path, lang):
    run = json.load(open(json_path))
    d = load(dom_path)
    bad = []
    if d.html_lang != lang:
        bad.append("html lang is %r, not %r" % (d.html_lang, lang))
    if d.cmds == 0 or d.copy_buttons != d.cmds:
        bad.append("%d copy buttons for %d commands: the script did not run" % (d.copy_buttons, d.cmds))
    if d.dup_ids:
        bad.append("ids used twice: %s" % ", ".join(sorted(d.dup_ids)[:5]))
    for m in run["messages"]:
        n = m["number"]
        for key, suffix in (("hex", "s"), ("delivered_hex", "d"), ("plaintext_hex", "p")):
            if key in m and d.text("hx-%d-%s" % (n, suffix)) != m[key]:
                bad.append("record %d: %s not in #hx-%d-%s" % (n, key, n, suffix))
    for name, value in run["secrets"].items():
        if value not in d.hexvals:
            bad.append("secret %s (%s...) not in the page's values" % (name, value[:16]))
    return bad


def check_tamper(dom_path, json_path):
    run = json.load(open(json_path))
    d = load(dom_path)
    bad = []
    if "tamper" not in d.ids:
        bad.append("no tamper section")
    tamper = "".join(d.by_id.get("tamper", []))
    if run["result"] not in tamper:
        bad.append("the tamper section does not name the alert %s" % run["result"])
    for m in run["messages"]:
        if "delivered_hex" in m:
            a, b = bytes.fromhex(m["hex"]), bytes.fromhex(m["delivered_hex"])
            want = sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b))
            got = d.changed.get("hx-%d-s" % m["number"], 0)
            if got != want:
                bad.append("record %d: %d bytes marked changed, %d changed" % (m["number"], got, want))
    return bad


def check_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return ["not a PNG"]
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                return ["unexpected PNG format %d/%d" % (depth, ctype)]
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    colours = set()
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 4 == 0:
            for x in range(0, stride, bpp * 2):
                colours.add(bytes(line[x:x + 3]))
        prev = line
    return [] if len(colours) > 1 else ["the screenshot is one colour"]


def main():
    mode = sys.argv[1]
    if mode == "dom":
        bad = check_dom(sys.argv[2], sys.argv[3], sys.argv[4])
    elif mode == "tamper":
        bad = check_tamper(sys.argv[2], sys.argv[3])
    else:
        bad = check_png(sys.argv[2])
    for b in bad[:20]:
        print(b)
    sys.exit(1 if bad else 0)


main()
