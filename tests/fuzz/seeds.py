#!/usr/bin/env python3
"""Writes the seed corpora tests/fuzz/corpus/TARGET/ from real records.

Sources: `tlsstep run --seed fuzz --bits 512 --json` for each suite (the
fuzz_client and fuzz_server endpoints use the same seed and key size, so
these records drive them through the whole handshake), the certificates in
that JSON, keys written by openssl, the ClientHello that
`openssl s_client -tls1_2` sends, and the flight `openssl s_server -tls1_2`
answers to our ClientHello (both captured over 127.0.0.1), the lessons.

Usage (from the repository root): tests/fuzz/seeds.py [TLSSTEP]
The files are committed; rerun this when the wire format changes.
"""
import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
TLSSTEP = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "TLSSTEP", os.path.join(ROOT, "build", "tlsstep"))
SUITES = ["rsa", "ecdhe", "dhe", "null"]          # ts_suite_id order
KX = {"rsa": 0, "ecdhe": 1, "dhe": 2, "null": 0}  # ts_kx of each suite
HS_SELECT = {1: 1, 2: 2, 11: 3, 14: 10, 20: 11}   # fuzz_handshake parser picks


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def records(data):
    """Splits a byte stream into whole records."""
    out = []
    while len(data) >= 5:
        n = 5 + int.from_bytes(data[3:5], "big")
        out.append(data[:n])
        data = data[n:]
    return out


def messages(payload):
    """Splits handshake record payloads into whole messages."""
    out = []
    while len(payload) >= 4:
        n = 4 + int.from_bytes(payload[1:4], "big")
        out.append(payload[:n])
        payload = payload[n:]
    return out


def handshake_seeds(prefix, recs, kx, encrypted_after_ccs=True):
    stream = b""
    ccs_seen = False
    for i, rec in enumerate(recs):
        ctype, payload = rec[0], rec[5:]
        if ctype == 20:
            ccs_seen = True
            put("handshake", "%s-%d-ccs" % (prefix, i), bytes([13]) + payload)
            put("handshake", "%s-%d-describe-ccs" % (prefix, i), bytes([16]) + payload)
            continue
        if ctype == 21 and not ccs_seen:
            put("handshake", "%s-%d-alert" % (prefix, i), bytes([12]) + payload)
            continue
        if ctype != 22 or (ccs_seen and encrypted_after_ccs):
            continue
        put("handshake", "%s-%d-payload" % (prefix, i), bytes([18]) + payload)
        for j, msg in enumerate(messages(payload)):
            stream += msg
            t, body = msg[0], msg[4:]
            pick = HS_SELECT.get(t)
            if t == 12:
                pick = 4 + kx
            elif t == 16:
                pick = 7 + kx
            if pick is not None:
                put("handshake", "%s-%d-%d-type%d" % (prefix, i, j, t), bytes([pick]) + body)
                put("handshake", "%s-%d-%d-type%d-nofields" % (prefix, i, j, t),
                    bytes([pick | 0x80]) + body)
            put("handshake", "%s-%d-%d-describe" % (prefix, i, j), bytes([20 + kx]) + msg)
            if t in (1, 2):
                # the extensions block: after the fixed fields
                exts = extensions_of(t, body)
                if exts is not None:
                    put("handshake", "%s-%d-%d-exts" % (prefix, i, j),
                        bytes([14 if t == 1 else 15]) + exts)
    if stream:
        put("handshake", "%s-stream" % prefix, bytes([0]) + stream)


def extensions_of(t, body):
    try:
        p = 2 + 32
        p += 1 + body[p]                                   # session_id
        if t == 1:
            p += 2 + int.from_bytes(body[p:p + 2], "big")  # cipher_suites
            p += 1 + body[p]                               # compression_methods
        else:
            p += 3                                         # suite, compression
        return body[p:] if p < len(body) else None
    except IndexError:
        return None


def from_run(suite):
    out = subprocess.run([TLSSTEP, "run", "--suite", suite, "--seed", "fuzz", "--bits", "512",
                          "--json"], check=True, capture_output=True).stdout
    d = json.loads(out)
    sid = SUITES.index(suite)
    c2s = [bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "client"]
    s2c = [bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "server"]
    everything = [bytes.fromhex(m["hex"]) for m in d["messages"]]
    # endpoints: byte 0 = suite | chunking << 2
    put("server", suite + "-client-records", bytes([sid]) + b"".join(c2s))
    put("server", suite + "-client-records-chunk7", bytes([sid | 7 << 2]) + b"".join(c2s))
    put("client", suite + "-server-records", bytes([sid]) + b"".join(s2c))
    put("client", suite + "-server-records-chunk13", bytes([sid | 13 << 2]) + b"".join(s2c))
    # record layer: byte 0 = suite id (their keys differ from the target's
    # fixed ones, so protected records exercise the failure path), 4 = plaintext
    plain = [r for r in everything[:8] if r[0] != 23]
    put("record", suite + "-plaintext", bytes([4]) + b"".join(plain))
    put("record", suite + "-protected", bytes([sid]) + b"".join(everything[-4:]))
    handshake_seeds(suite, everything, KX[suite])
    # decode: raw, and as hex text and an xxd dump
    raw = b"".join(everything[:12])
    put("decode", suite + "-raw", raw)
    put("decode", suite + "-hex", raw[:600].hex().encode() + b"\n")
    dump = subprocess.run(["xxd"], input=raw[:400], capture_output=True).stdout
    if dump:
        put("decode", suite + "-xxd", dump)
    # certificates (PEM in the JSON)
    for k, pem in enumerate(d.get("certificates", [])):
        text = pem if isinstance(pem, str) else pem.get("pem", "")
        put("pem", "%s-cert%d" % (suite, k), text.encode())
        der = pem_to_der(text)
        if der:
            put("x509", "%s-cert%d" % (suite, k), der)
            put("der", "%s-cert%d" % (suite, k), der)
    # hex: the randoms and secrets in the forms the calculators accept
    secrets = d.get("secrets", {})
    for name in ("client_random", "master_secret"):
        h = secrets.get(name, "")
        if h:
            put("hex", suite + "-" + name, h.encode())
            put("hex", suite + "-" + name + "-colons",
                ":".join(h[i:i + 2] for i in range(0, len(h), 2)).encode())
            put("hex", suite + "-" + name + "-0x-spaced",
                ("0x" + " ".join(h[i:i + 8] for i in range(0, len(h), 8)) + "\n").encode())
    return c2s[0]


def pem_to_der(text):
    lines = [l for l in text.splitlines() if l and not l.startswith("-----")]
    try:
        return base64.b64decode("".join(lines))
    except ValueError:
        return b""


def openssl_keys(tmp):
    key = os.path.join(tmp, "k.pem")
    subprocess.run(["openssl", "genrsa", "-out", key, "1024"], check=True, capture_output=True)
    forms = {
        "pkcs8": ["openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key],
        "pkcs1": ["openssl", "rsa", "-traditional", "-in", key],
        "spki": ["openssl", "rsa", "-pubout", "-in", key],
        "pkcs1-public": ["openssl", "rsa", "-RSAPublicKey_out", "-in", key],
    }
    for name, cmd in forms.items():
        pem = subprocess.run(cmd, check=True, capture_output=True).stdout
        put("pem", "openssl-" + name, pem)
        put("der", "openssl-" + name, pem_to_der(pem.decode()))
    cert = os.path.join(tmp, "c.pem")
    subprocess.run(["openssl", "req", "-x509", "-new", "-key", key, "-subj", "/CN=localhost",
                    "-days", "30", "-out", cert], check=True, capture_output=True)
    with open(cert, "rb") as f:
        pem = f.read()
    put("pem", "openssl-cert", pem)
    put("x509", "openssl-cert", pem_to_der(pem.decode()))
    return key, cert


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def read_for(sock, seconds):
    sock.settimeout(0.3)
    data = b""
    end = time.time() + seconds
    while time.time() < end:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        data += chunk
    return data


def openssl_client_hello():
    """The ClientHello `openssl s_client -tls1_2` sends."""
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    p = subprocess.Popen(["openssl", "s_client", "-tls1_2", "-connect", "127.0.0.1:%d" % port,
                          "-servername", "localhost"], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    srv.settimeout(10)
    conn, _ = srv.accept()
    data = read_for(conn, 1.0)
    conn.close()
    srv.close()
    p.kill()
    p.wait()
    return data


def openssl_server_flight(key, cert, client_hello, suite_name):
    """What `openssl s_server -tls1_2` answers to our ClientHello."""
    port = free_port()
    p = subprocess.Popen(["openssl", "s_server", "-tls1_2", "-accept", str(port), "-key", key,
                          "-cert", cert, "-cipher", suite_name + ":@SECLEVEL=0", "-naccept", "1"],
                         stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            return b""
        s.sendall(client_hello)
        data = read_for(s, 1.5)
        s.close()
        return data
    finally:
        p.kill()
        p.wait()


def rfc8448_seeds():
    """TLS 1.3 messages of RFC 8448, from the unit tests' copy
    (tests/unit/ts_rfc8448.h): each described as TLS 1.3 and guessed, its
    body for its parser, and the hellos' and EncryptedExtensions' blocks."""
    import re
    with open(os.path.join(ROOT, "tests", "unit", "ts_rfc8448.h")) as f:
        text = f.read()
    msgs = {}
    for name, body in re.findall(r'#define RFC8448_(\w+) \\\n((?:\s*"[0-9a-f]+"(?: \\)?\n)+)', text):
        msgs[name.lower()] = bytes.fromhex("".join(re.findall(r'"([0-9a-f]+)"', body)))
    picks = {8: 24, 11: 25, 13: 26, 15: 27, 4: 28}  # fuzz_handshake parser picks
    for name, msg in sorted(msgs.items()):
        put("handshake", "rfc8448-%s-describe13" % name, bytes([31]) + msg)
        put("handshake", "rfc8448-%s-describe" % name, bytes([23]) + msg)
        put("handshake", "rfc8448-%s-payload" % name, bytes([18]) + msg)
        if msg[0] in picks:
            put("handshake", "rfc8448-%s-body" % name, bytes([picks[msg[0]]]) + msg[4:])
    put("handshake", "rfc8448-stream", bytes([0]) + b"".join(msgs[k] for k in sorted(msgs)))
    put("handshake", "rfc8448-key-update", bytes([29, 1]))
    # RFC 8448's handshakes have no CertificateRequest: one asking for PSS or PKCS#1
    put("handshake", "tls13-certificate-request-body",
        bytes([26]) + bytes.fromhex("00000a000d0006000408040401"))
    ctxs = {"client_hello": 0, "server_hello": 1, "hello_retry_request": 2,
            "encrypted_extensions": 3}
    for name, ctx in ctxs.items():
        msg = msgs[name]
        exts = extensions_of(msg[0], msg[4:]) if msg[0] in (1, 2) else msg[4:]
        if exts:
            put("handshake", "rfc8448-%s-exts" % name, bytes([30, ctx]) + exts)


def main():
    rfc8448_seeds()
    hellos = {}
    for suite in SUITES:
        hellos[suite] = from_run(suite)
    with tempfile.TemporaryDirectory() as tmp:
        key, cert = openssl_keys(tmp)
        ch = openssl_client_hello()
        if ch:
            put("record", "openssl-client-hello", bytes([4]) + ch)
            put("decode", "openssl-client-hello", ch)
            for sid, suite in enumerate(SUITES):
                put("server", "openssl-client-hello-" + suite, bytes([sid]) + ch)
            handshake_seeds("openssl-ch", records(ch), 0)
        names = {"rsa": "AES256-GCM-SHA384", "ecdhe": "ECDHE-RSA-CHACHA20-POLY1305",
                 "dhe": "DHE-RSA-CHACHA20-POLY1305", "null": "NULL-SHA256"}
        for sid, suite in enumerate(SUITES):
            flight = openssl_server_flight(key, cert, hellos[suite], names[suite])
            if not flight:
                print("seeds: no flight from openssl s_server for " + suite, file=sys.stderr)
                continue
            put("client", "openssl-server-flight-" + suite, bytes([sid]) + flight)
            put("decode", "openssl-server-flight-" + suite, flight)
            put("record", "openssl-server-flight-" + suite, bytes([4]) + flight)
            handshake_seeds("openssl-" + suite, records(flight), KX[suite], False)
    # exercise answers: byte 0 picks the exercise (ts_exercise_at order)
    with open(os.path.join(CORPUS, "pem", "openssl-pkcs1"), "rb") as f:
        key_pem = f.read()
    answers = [b"3,100,01", b"tamper: 3,150,80\n", b"p: 0x" + b"c5" * 32 + b"\n",
               b"0x" + b"01" * 64, key_pem, b"record 2 offset 60 xor 01\n", b""]
    for i in range(9):
        for j, a in enumerate(answers):
            put("exercise", "ex%d-answer%d" % (i, j), bytes([i]) + a)
    lesson_dirs = [os.path.join(ROOT, "lessons"), os.path.join(ROOT, "tests", "lessons", "bad")]
    for d in lesson_dirs:
        if os.path.isdir(d):
            for name in sorted(os.listdir(d)):
                if name.endswith(".md"):
                    with open(os.path.join(d, name), "rb") as f:
                        put("lesson", os.path.basename(d) + "-" + name, f.read())
    for t in sorted(os.listdir(CORPUS)):
        print("%-10s %3d seeds" % (t, len(os.listdir(os.path.join(CORPUS, t)))))


if __name__ == "__main__":
    main()
