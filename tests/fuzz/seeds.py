#!/usr/bin/env python3
"""Writes the seed corpora tests/fuzz/corpus/TARGET/ from real records.

Sources: `tlsstep run --suite S --seed fuzz --bits 768 --json` for each suite
(the fuzz_client and fuzz_server endpoints use the same seed and key size,
fuzz_endpoint.h's FUZZ_BITS, so these records drive them through the whole
handshake, TLS 1.2 and 1.3), and for TLS 1.3 a run with a HelloRetryRequest
(--group ffdhe2048) and one with KeyUpdate (--key-update); each suite with
--client-auth require, for the fuzz_mtls_client and fuzz_mtls_server
targets; the certificates in that JSON, keys written by openssl, the ClientHellos that
`openssl s_client -tls1_2` and `-tls1_3` send, and the flight
`openssl s_server -tls1_2` or `-tls1_3` answers to our ClientHello, what
`openssl s_client -tls1_3` sends through a whole connection with a
HelloRetryRequest to `tlsstep serve` (all over 127.0.0.1), TLS 1.3 records
sealed with fuzz_record's fixed keys, RFC 8448's messages, the lessons.

Usage (from the repository root): tests/fuzz/seeds.py [TLSSTEP]
It writes the whole corpus anew (a file it no longer writes is gone). The
files are committed; rerun this when the wire format changes.
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
OUT = CORPUS + ".new"  # written whole, then it replaces CORPUS
TLSSTEP = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
    "TLSSTEP", os.path.join(ROOT, "build", "tlsstep"))
BITS = 768  # fuzz_endpoint.h's FUZZ_BITS: TLS 1.3's RSA-PSS needs 528 or more
SUITES = ["rsa", "ecdhe", "dhe", "null", "tls13-aes", "tls13-chacha"]  # ts_suite_id order
TLS13 = ("tls13-aes", "tls13-chacha")
KX_TLS13 = 3                                      # TS_KX_TLS13
KX = {"rsa": 0, "ecdhe": 1, "dhe": 2, "null": 0,  # ts_kx of each suite
      "tls13-aes": KX_TLS13, "tls13-chacha": KX_TLS13}
RECORD_PLAIN = len(SUITES)   # fuzz_record: byte 0 % (TS_SUITE_COUNT + 1) == TS_SUITE_COUNT
with open(os.path.join(ROOT, "tests", "fuzz", "fuzz_endpoint.h")) as _f:
    assert "#define FUZZ_BITS %d\n" % BITS in _f.read(), "BITS differs from fuzz_endpoint.h"
HS_SELECT = {1: 1, 2: 2, 11: 3, 14: 10, 20: 11}   # fuzz_handshake parser picks (TLS 1.2)
# The random of a HelloRetryRequest (RFC 8446 4.1.3).
HRR_RANDOM = bytes.fromhex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")


def endpoint_byte(suite, chunk=0):
    """fuzz_endpoint.h's byte 0: the ts_suite_id in bits 0-2, the chunk size in 3-7."""
    assert 0 <= chunk < 32
    return bytes([SUITES.index(suite) | chunk << 3])


def describe_pick(kx):
    """fuzz_handshake's describe-as pick: 20 + kx for TLS 1.2 (20 rsa, 21
    ecdhe, 22 dhe; 23 is the guess), 31 for TLS 1.3."""
    return 31 if kx == KX_TLS13 else 20 + kx


def put(target, name, data):
    d = os.path.join(OUT, target)
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
    """Seeds of every plaintext handshake message of recs. TLS 1.2: what
    follows a ChangeCipherSpec is encrypted (unless encrypted_after_ccs is
    False: an openssl flight cut before its Finished). TLS 1.3 (kx 3): only
    the records of type 21 and 22 are plaintext (ClientHello, HelloRetryRequest,
    ServerHello, alerts); the compatibility ChangeCipherSpec changes nothing
    and the protected records say 23."""
    if kx == KX_TLS13:
        encrypted_after_ccs = False
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
            if t == 12 and kx != KX_TLS13:
                pick = 4 + kx
            elif t == 16 and kx != KX_TLS13:
                pick = 7 + kx
            if pick is not None:
                put("handshake", "%s-%d-%d-type%d" % (prefix, i, j, t), bytes([pick]) + body)
                put("handshake", "%s-%d-%d-type%d-nofields" % (prefix, i, j, t),
                    bytes([pick | 0x80]) + body)
            put("handshake", "%s-%d-%d-describe" % (prefix, i, j),
                bytes([describe_pick(kx)]) + msg)
            if t in (1, 2):
                # the extensions block: after the fixed fields
                exts = extensions_of(t, body)
                if exts is not None and t == 2 and body[2:34] == HRR_RANDOM:
                    # pick 30: the block in the context byte's message (2: HRR)
                    put("handshake", "%s-%d-%d-exts" % (prefix, i, j), bytes([30, 2]) + exts)
                elif exts is not None:
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


def run_json(suite, extra=()):
    out = subprocess.run([TLSSTEP, "run", "--suite", suite, "--seed", "fuzz", "--bits", str(BITS),
                          "--json"] + list(extra), check=True, capture_output=True).stdout
    d = json.loads(out)
    if d.get("result") != "ok":
        sys.exit("seeds: tlsstep run --suite %s %s did not end ok: %s"
                 % (suite, " ".join(extra), d.get("reason")))
    return d


def endpoint_seeds(name, suite, d):
    """The records each side sent, for the other side's endpoint target."""
    c2s = [bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "client"]
    s2c = [bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "server"]
    put("server", name + "-client-records", endpoint_byte(suite) + b"".join(c2s))
    put("server", name + "-client-records-chunk7", endpoint_byte(suite, 7) + b"".join(c2s))
    put("client", name + "-server-records", endpoint_byte(suite) + b"".join(s2c))
    put("client", name + "-server-records-chunk13", endpoint_byte(suite, 13) + b"".join(s2c))
    return c2s


def extra_run(name, suite, extra):
    """A TLS 1.3 run with options: endpoint and handshake seeds."""
    d = run_json(suite, extra)
    endpoint_seeds(name, suite, d)
    handshake_seeds(name, [bytes.fromhex(m["hex"]) for m in d["messages"]], KX[suite])


def mtls_seeds():
    """Mutual TLS runs (the server requires a client certificate): each
    side's records for the other side's fuzz_mtls_* target."""
    for suite in SUITES:
        d = run_json(suite, ["--client-auth", "require"])
        c2s = b"".join(bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "client")
        s2c = b"".join(bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "server")
        put("mtls_server", suite + "-client-records", endpoint_byte(suite) + c2s)
        put("mtls_server", suite + "-client-records-chunk7", endpoint_byte(suite, 7) + c2s)
        put("mtls_client", suite + "-server-records", endpoint_byte(suite) + s2c)
        put("mtls_client", suite + "-server-records-chunk13", endpoint_byte(suite, 13) + s2c)


def from_run(suite):
    d = run_json(suite)
    sid = SUITES.index(suite)
    everything = [bytes.fromhex(m["hex"]) for m in d["messages"]]
    c2s = endpoint_seeds(suite, suite, d)
    # record layer: byte 0 = suite id (their keys differ from the target's
    # fixed ones, so protected records exercise the failure path),
    # RECORD_PLAIN = plaintext
    plain = [r for r in everything[:8] if r[0] != 23]
    put("record", suite + "-plaintext", bytes([RECORD_PLAIN]) + b"".join(plain))
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


def openssl_client_hello(args=("-tls1_2",)):
    """The ClientHello `openssl s_client` sends with args (-tls1_2, -tls1_3)."""
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    p = subprocess.Popen(["openssl", "s_client"] + list(args) +
                         ["-connect", "127.0.0.1:%d" % port, "-servername", "localhost"],
                         stdin=subprocess.PIPE,
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
    """What `openssl s_server -tls1_2` answers to our ClientHello; for a TLS
    1.3 suite name (TLS_...), what `openssl s_server -tls1_3` answers."""
    if suite_name.startswith("TLS_"):
        pick = ["-tls1_3", "-ciphersuites", suite_name, "-cipher", "ALL:@SECLEVEL=0"]
    else:
        pick = ["-tls1_2", "-cipher", suite_name + ":@SECLEVEL=0"]
    port = free_port()
    p = subprocess.Popen(["openssl", "s_server"] + pick + ["-accept", str(port), "-key", key,
                          "-cert", cert, "-naccept", "1"],
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


def openssl_client_records(tmp, suite, args):
    """What `openssl s_client` with args sends through a whole connection to
    `tlsstep serve --seed fuzz --bits BITS --suite suite` (from serve's JSON).
    With a P-256 share first it is answered with a HelloRetryRequest and
    sends a second ClientHello: the one way a seed reaches fuzz_server's
    reading of a second ClientHello. (serve's certificate is not the one
    fuzz_server sends, so the client's Finished fails there.)"""
    out_dir = os.path.join(tmp, "serve-" + suite)
    serve = subprocess.Popen([TLSSTEP, "serve", "--seed", "fuzz", "--bits", str(BITS), "--suite",
                              suite, "--port", "0", "--once", "--json", "--out-dir", out_dir],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = serve.stderr.readline().decode()
        if "listening on" not in line:
            return b""
        port = line.strip().rsplit(":", 1)[1]
        request = b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        subprocess.run(["openssl", "s_client"] + list(args) +
                       ["-connect", "127.0.0.1:" + port, "-servername", "localhost",
                        "-CAfile", os.path.join(out_dir, "ca.pem"), "-ign_eof"],
                       input=request, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=20)
        out, _ = serve.communicate(timeout=20)
        d = json.loads(out)
    except (subprocess.TimeoutExpired, ValueError, IndexError):
        return b""
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    if d.get("result") != "ok":
        return b""
    return b"".join(bytes.fromhex(m["hex"]) for m in d["messages"] if m["from"] == "client")


def sealed13_seeds():
    """TLS 1.3 records sealed with fuzz_record.c's fixed key (32 x 0x11) and
    IV (12 x 0x22), so its open loop succeeds on them: several inner types,
    zero padding, an empty content, then one whose inner plaintext is all
    zeros (no content type: unexpected_message)."""
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
    except ImportError:
        print("seeds: no python3-cryptography, no sealed TLS 1.3 record seeds", file=sys.stderr)
        return
    key, iv = b"\x11" * 32, b"\x22" * 12
    inners = [b"\x08\x00\x00\x02\x00\x00" + b"\x16",        # EncryptedExtensions
              b"GET / HTTP/1.1\r\n\r\n" + b"\x17" + b"\x00" * 12,  # padded
              b"\x01\x00" + b"\x15",                           # close_notify
              b"\x17",                                         # empty application data
              b"\x18\x01\x00" + b"\x00" * 3,                   # heartbeat: unknown type
              b"\x00" * 8]                                      # no content type
    for suite, aead in (("tls13-aes", AESGCM(key)), ("tls13-chacha", ChaCha20Poly1305(key))):
        wire = b""
        for seq, inner in enumerate(inners):
            nonce = bytes(a ^ b for a, b in zip(iv, seq.to_bytes(12, "big")))
            header = bytes([23, 3, 3]) + (len(inner) + 16).to_bytes(2, "big")
            wire += header + aead.encrypt(nonce, inner, header)
        sid = SUITES.index(suite)
        for sel in (sid, sid + 7 * 5):  # the same state, other round-trip picks
            put("record", "%s-sealed-%d" % (suite, sel), bytes([sel]) + wire)


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
    # the corpus is exactly what this writes: nothing stale stays behind
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    rfc8448_seeds()
    sealed13_seeds()
    hellos = {}
    for suite in SUITES:
        hellos[suite] = from_run(suite)
    extra_run("tls13-aes-hrr", "tls13-aes", ["--group", "ffdhe2048"])
    extra_run("tls13-chacha-key-update", "tls13-chacha", ["--key-update"])
    mtls_seeds()
    with tempfile.TemporaryDirectory() as tmp:
        key, cert = openssl_keys(tmp)
        # name, s_client options, the suites whose server target it feeds, kx
        # (a 1.2 ClientHello to a 1.3 server: it falls back to ECDHE and
        # marks its random with the downgrade sentinel)
        clients = [("openssl-client-hello", ["-tls1_2"], SUITES, 0),
                   ("openssl-client-hello13", ["-tls1_3"], TLS13, KX_TLS13),
                   # a P-256 share first: our server knows only x25519 and the
                   # FFDHE groups, so it answers with a HelloRetryRequest
                   ("openssl-client-hello13-p256", ["-tls1_3", "-groups", "P-256:X25519"],
                    TLS13, KX_TLS13)]
        for name, args, suites, kx in clients:
            ch = openssl_client_hello(args)
            if not ch:
                print("seeds: no ClientHello from openssl s_client " + " ".join(args),
                      file=sys.stderr)
                continue
            put("record", name, bytes([RECORD_PLAIN]) + ch)
            put("decode", name, ch)
            for suite in suites:
                put("server", name + "-" + suite, endpoint_byte(suite) + ch)
            handshake_seeds(name.replace("client-hello", "ch"), records(ch), kx)
        for suite in TLS13:
            flight = openssl_client_records(tmp, suite, ["-tls1_3", "-groups", "P-256:X25519"])
            if not flight:
                print("seeds: no records from openssl s_client against tlsstep serve --suite "
                      + suite, file=sys.stderr)
                continue
            put("server", "openssl-client-records13-hrr-" + suite, endpoint_byte(suite) + flight)
        names = {"rsa": "AES256-GCM-SHA384", "ecdhe": "ECDHE-RSA-CHACHA20-POLY1305",
                 "dhe": "DHE-RSA-CHACHA20-POLY1305", "null": "NULL-SHA256",
                 "tls13-aes": "TLS_AES_256_GCM_SHA384",
                 "tls13-chacha": "TLS_CHACHA20_POLY1305_SHA256"}
        for suite in SUITES:
            flight = openssl_server_flight(key, cert, hellos[suite], names[suite])
            if not flight:
                print("seeds: no flight from openssl s_server for " + suite, file=sys.stderr)
                continue
            put("client", "openssl-server-flight-" + suite, endpoint_byte(suite) + flight)
            put("decode", "openssl-server-flight-" + suite, flight)
            put("record", "openssl-server-flight-" + suite, bytes([RECORD_PLAIN]) + flight)
            handshake_seeds("openssl-" + suite, records(flight), KX[suite], False)
    # exercise answers: byte 0 picks the exercise (ts_exercise_at order)
    with open(os.path.join(OUT, "pem", "openssl-pkcs1"), "rb") as f:
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
    if os.path.isdir(CORPUS):
        shutil.rmtree(CORPUS)
    os.rename(OUT, CORPUS)
    for t in sorted(os.listdir(CORPUS)):
        print("%-10s %3d seeds" % (t, len(os.listdir(os.path.join(CORPUS, t)))))


if __name__ == "__main__":
    main()
