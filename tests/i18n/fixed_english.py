#!/usr/bin/env python3
"""Removes from tlsstep's output the parts that stay English in every
language by design (sim/po/README.md: field names, protocol names and hex,
as in Wireshark), so that english_left.py judges only the words a
translation owns. Reads stdin, writes stdout.

Removed: hex dump lines ("0000  16 03 03 ..."), hex value lines ("= ab12"),
the field-name column of decoded fields ("    content_type   handshake (22)
[0+1]" keeps "handshake (22)  [0+1]"), and the record's content type in a
record's header line ("#3 ...  handshake  ServerHello  ..."), a protocol
name like the message name beside it, the name of a value's input
("input seed (64 bytes)": the names RFC 5246 gives the PRF's arguments),
protocol strings in double quotes (the PRF's labels, "master secret"),
what the user typed, echoed in single quotes ("unknown option '--nope'"),
hex numbers written 0x...., the bytes of a tampered record's changed byte
("cb -> ca"), formulas named in capitals ("PRF(secret, label,
seed)", "HEX(label)"), the identifier that begins a row of a table (a
command, subcommand, step or lesson id, "  keygen", "rsa-handshake   수업")
and the continuation lines of a command shown in a help text ("    -CAfile
ca.pem ...")."""
import re
import sys

HEXDUMP = re.compile(r'^\s+[0-9a-f]{4}  ([0-9a-f]{2} ){1,8}')
VALUE = re.compile(r'^\s+= [0-9a-f]+$')
FIELD = re.compile(r'^(\s+)[a-z][a-z0-9_]*(\s+)(.*\[\d+\+\d+\])$')
CONTENT_TYPES = r'(handshake|alert|change_cipher_spec|application_data|unknown)'
RECORD = re.compile(r'^(#\d+ .*?  )' + CONTENT_TYPES + '(  )')
INPUT = re.compile(r'^(\s{7}\S+ )[a-z][a-z_]*( \(|: )')
QUOTED = re.compile(r'"[^"]*"')
ECHOED = re.compile(r"'[^']*'")
HEXNUM = re.compile(r'\b0x[0-9a-fA-F]+\b')
CHANGED = re.compile(r'\b[0-9a-f]{2} -> [0-9a-f]{2}$')
FORMULA = re.compile(r'\b[A-Z][A-Z0-9-]*\([^()]*\)')
ROW_ID = re.compile(r'^(\s{0,2})[a-z][a-z0-9_-]*(\s{2,}|$)')
CONTINUED = re.compile(r'^\s+-[A-Za-z]')
SEALED = re.compile(r'^(\[\d+\] .*: )' + CONTENT_TYPES + '(, )')

for line in sys.stdin:
    line = line.rstrip('\n')
    if HEXDUMP.match(line) or VALUE.match(line) or CONTINUED.match(line):
        continue
    line = FIELD.sub(r'\1\3', line)
    line = RECORD.sub(r'\1\3', line)
    line = SEALED.sub(r'\1\3', line)
    line = INPUT.sub(r'\1\2', line)
    line = QUOTED.sub('""', line)
    line = ECHOED.sub("''", line)
    line = HEXNUM.sub('0x', line)
    line = CHANGED.sub('00 -> 00', line)
    line = FORMULA.sub('F()', line)
    line = ROW_ID.sub(r'\1\2', line)
    print(line)
