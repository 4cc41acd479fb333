#!/usr/bin/env python3
"""What a TLS connection agreed, read from the bytes of its hellos, in one
line (helper of the tests in tests/net13/; not a test itself).

  summary.py json FILE [N]   the N-th (default 1) JSON object that
                             `tlsstep serve --json` or `tlsstep connect
                             --json` wrote to FILE (serve writes one per
                             connection)
  summary.py msg FILE        the output of openssl s_client or s_server
                             -msg (-msgfile FILE), one connection
  summary.py count FILE      how many JSON objects FILE holds
  summary.py field FILE N KEY   the value of KEY in its N-th JSON object

Both print the same first line, taken from the ServerHello bytes on the wire
(the record's "hex" in the JSON, the hex dump of -msg) and parsed here, not
from what tlsstep says about them:

  VERSION SUITE GROUP hrr=yes|no

  VERSION  TLS1.3 when ServerHello's supported_versions selects 0x0304
           (RFC 8446 §4.2.1), else TLS1.2
  SUITE    the ServerHello's cipher_suite (0xNNNN)
  GROUP    x25519, ffdhe2048, ... from its key_share (RFC 8446 §4.2.8),
           "-" without one
  hrr      whether a ServerHello carried the HelloRetryRequest random
           (RFC 8446 §4.1.3) before the real one

then, with -v, more lines:

  random_tail HEX     the last 8 bytes of the real ServerHello's random
                      (the downgrade sentinel's place, RFC 8446 §4.1.3)
  key_update LIST     each KeyUpdate seen, "SIDE:request_update" (json:
                      from the records' plaintext_hex; msg: ">>>" sent,
                      "<<<" received), or "none"
  result R suite S http C sha256 H   (json only) the object's result,
                      suite, http_status and payload_sha256
  protected LIST      (json only) the handshake messages inside protected
                      records, "SIDE:Name" in order ("client:Certificate(empty)"
                      for a Certificate with no entries), or "none": each
                      record's plaintext_hex that parses exactly as
                      handshake messages (or whose inner_type is 22)
"""
import json
import re
import sys

HRR_RANDOM = bytes.fromhex(
    "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")
GROUPS = {0x001D: "x25519", 0x0017: "secp256r1", 0x0100: "ffdhe2048",
          0x0101: "ffdhe3072", 0x0102: "ffdhe4096"}
SERVER_HELLO, KEY_UPDATE = 2, 24
HANDSHAKE_NAMES = {4: "NewSessionTicket", 8: "EncryptedExtensions", 11: "Certificate",
                   13: "CertificateRequest", 15: "CertificateVerify", 20: "Finished",
                   24: "KeyUpdate"}


def u(data, at, n):
    return int.from_bytes(data[at:at + n], "big")


def server_hello(msg):
    """(random, suite, {ext type: data}) of a ServerHello message (with its
    4-byte handshake header), RFC 8446 §4.1.3."""
    at = 4 + 2
    random = msg[at:at + 32]
    at += 32
    at += 1 + msg[at]  # legacy_session_id_echo
    suite = u(msg, at, 2)
    at += 3  # cipher_suite, legacy_compression_method
    exts = {}
    if at < len(msg):
        end = at + 2 + u(msg, at, 2)
        at += 2
        while at < end:
            etype, elen = u(msg, at, 2), u(msg, at + 2, 2)
            exts[etype] = msg[at + 4:at + 4 + elen]
            at += 4 + elen
    return random, suite, exts


def describe(hellos, key_updates):
    """The summary line, and random_tail, of the ServerHello messages."""
    if not hellos:
        return "no ServerHello", "-"
    hrr = any(server_hello(m)[0] == HRR_RANDOM for m in hellos)
    real = [m for m in hellos if server_hello(m)[0] != HRR_RANDOM]
    if not real:
        return "no ServerHello after the HelloRetryRequest hrr=yes", "-"
    random, suite, exts = server_hello(real[-1])
    version = "TLS1.3" if exts.get(43) == b"\x03\x04" else "TLS1.2"
    group = "-"
    if 51 in exts and len(exts[51]) >= 2:
        g = u(exts[51], 0, 2)
        group = GROUPS.get(g, "0x%04x" % g)
    line = "%s 0x%04x %s hrr=%s" % (version, suite, group, "yes" if hrr else "no")
    return line, random[-8:].hex()


def handshake_messages(plain):
    """The handshake messages that exactly make up plain, as names, or None."""
    names, at = [], 0
    while at < len(plain):
        if at + 4 > len(plain) or plain[at] not in HANDSHAKE_NAMES:
            return None
        end = at + 4 + u(plain, at + 1, 3)
        if end > len(plain):
            return None
        name = HANDSHAKE_NAMES[plain[at]]
        if name == "Certificate" and plain[at + 4:end] == b"\x00\x00\x00\x00":
            name += "(empty)"  # empty context, empty certificate_list
        names.append(name)
        at = end
    return names or None


def json_objects(text):
    dec, at, out = json.JSONDecoder(), 0, []
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return out
        obj, at = dec.raw_decode(text, at)
        out.append(obj)


def from_json(path, n):
    objs = json_objects(open(path).read())
    if len(objs) < n:
        return ["no JSON object %d in %s (%d there)" % (n, path, len(objs))]
    j = objs[n - 1]
    if not isinstance(j.get("messages"), list):
        return ["JSON object %d of %s has no messages" % (n, path)]
    hellos, updates, protected = [], [], []
    for m in j.get("messages", []):
        raw = bytes.fromhex(m.get("hex", ""))
        # the channel names a HelloRetryRequest by what it is
        if m.get("type") in ("ServerHello", "HelloRetryRequest") and len(raw) > 9 and \
                raw[5] == SERVER_HELLO:
            hellos.append(raw[5:])
        plain = bytes.fromhex(m.get("plaintext_hex", ""))
        if len(plain) == 5 and plain[:4] == b"\x18\x00\x00\x01":
            updates.append("%s:%d" % (m.get("from"), plain[4]))
        names = handshake_messages(plain) if m.get("inner_type") in (None, 22) else None
        protected += ["%s:%s" % (m.get("from"), n) for n in names or []]
    line, tail = describe(hellos, updates)
    return [line, "random_tail " + tail,
            "key_update " + (",".join(updates) or "none"),
            "result %s suite %s http %s sha256 %s" % (
                j.get("result"), j.get("suite"), j.get("http_status"), j.get("payload_sha256")),
            "protected " + (",".join(protected) or "none")]


def from_msg(path):
    """Handshake messages from -msg output: a header line such as
    '<<< TLS 1.3, Handshake [length 0058], ServerHello' then hex lines."""
    hellos, updates = [], []
    current, side = None, None
    for line in open(path, errors="replace"):
        head = re.match(r"^(<<<|>>>) .*, Handshake \[length [0-9a-f]+\], (\w+)", line)
        if head:
            side, current = head.group(1), bytearray()
            (hellos if head.group(2) == "ServerHello" else
             updates if head.group(2) == "KeyUpdate" else []).append((side, current))
            continue
        if current is not None and re.match(r"^    ([0-9a-f]{2} ?)+\s*$", line):
            current.extend(bytes.fromhex(line.strip().replace(" ", "")))
        else:
            current = None
    ku = ["%s:%d" % (s, m[4]) for s, m in updates if len(m) == 5]
    line, tail = describe([bytes(m) for _, m in hellos], ku)
    return [line, "random_tail " + tail, "key_update " + (",".join(ku) or "none")]


def main(argv):
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    if len(args) >= 2 and args[0] == "json":
        lines = from_json(args[1], int(args[2]) if len(args) > 2 else 1)
    elif len(args) == 2 and args[0] == "msg":
        lines = from_msg(args[1])
    elif len(args) == 2 and args[0] == "count":
        lines = [str(len(json_objects(open(args[1]).read())))]
    elif len(args) == 4 and args[0] == "field":
        objs = json_objects(open(args[1]).read())
        n = int(args[2])
        lines = [str(objs[n - 1].get(args[3], "")) if len(objs) >= n else "no object %d" % n]
    else:
        sys.exit(__doc__)
    print("\n".join(lines if verbose else lines[:1]))


if __name__ == "__main__":
    main(sys.argv[1:])
