#!/usr/bin/env python3
"""The TLS 1.3 rows of the conformance table (tests/conformance/; run by
conformance.py, not alone): an independent TLS 1.3 client in the Python
standard library (tlswire.py, crypto13.py) against two `tlsstep serve`:

  tls13   serve --suite tls13-chacha (TLS_CHACHA20_POLY1305_SHA256; serve
          takes the client's first share of a group it knows)
  hrr     serve --suite tls13-chacha --group ffdhe2048 (a HelloRetryRequest
          for any first ClientHello without an ffdhe2048 share)

This client does the whole handshake itself: X25519 or FFDHE2048, the key
schedule, ChaCha20-Poly1305 records, the server's CertificateVerify
(RSA-PSS) and Finished checked, its own Finished, then application data.
So it can also break what comes after the ServerHello, and read the
server's alerts, which are protected from then on (RFC 8446 §5, §6). An
alert sent in the clear after the ServerHello is reported as "cleartext
alert NAME", never as the alert itself; a protected record that does not
open with the keys the server should use is reported as such.

CASES13 is the table, in the order of RFC 8446's sections.
"""
import hashlib
import os

import crypto13 as c13
from tlswire import (ALERT, APPLICATION_DATA, CHANGE_CIPHER_SPEC, FFDHE2048,
                     FFDHE_PRIMES, FINISHED, HANDSHAKE, SECP256R1, SERVER_HELLO, TLS12, X25519,
                     Case, Conn, Ended, Reader, alert, alert_outcome, client_hello, ext, handshake,
                     record, rsa_public_key, server_name, signature_algorithms, supported_groups,
                     u16, u16_list, vec8, vec16)

TLS13 = 0x0304
CHACHA, AES256, AES128 = 0x1303, 0x1302, 0x1301
RSA_PSS_RSAE_SHA256, RSA_PKCS1_SHA256 = 0x0804, 0x0401
COOKIE, SUPPORTED_VERSIONS, PSK_KEY_EXCHANGE_MODES, KEY_SHARE = 44, 43, 45, 51
ENCRYPTED_EXTENSIONS, CERTIFICATE, CERTIFICATE_VERIFY = 8, 11, 15
NEW_SESSION_TICKET, KEY_UPDATE, MESSAGE_HASH = 4, 24, 254
HRR_RANDOM = hashlib.sha256(b"HelloRetryRequest").digest()  # RFC 8446 §4.1.3
DOWNGRADE_TLS12 = b"DOWNGRD\x01"  # RFC 8446 §4.1.3
GROUP_NAMES = {X25519: "x25519", FFDHE2048: "ffdhe2048", SECP256R1: "secp256r1"}
R = "RFC 8446 §"
P2048 = FFDHE_PRIMES[2048]

# --- The ClientHello (RFC 8446 §4.1.2) ---------------------------------------------


def supported_versions(*versions):
    """RFC 8446 §4.2.1, the ClientHello form."""
    return ext(SUPPORTED_VERSIONS, vec8(u16_list(versions)))


def key_share(*entries):
    """RFC 8446 §4.2.8: KeyShareClientHello of (group, key_exchange) pairs."""
    return ext(KEY_SHARE, vec16(b"".join(u16(g) + vec16(k) for g, k in entries)))


def psk_key_exchange_modes():
    """RFC 8446 §4.2.9: psk_dhe_ke."""
    return ext(PSK_KEY_EXCHANGE_MODES, vec8(b"\x01"))


def cookie(data):
    """RFC 8446 §4.2.2."""
    return ext(COOKIE, vec16(data))


class Keys:
    """One side's (key, iv, sequence number) for protected records."""

    def __init__(self, secret):
        self.secret = secret
        self.key, self.iv = c13.traffic_keys(secret)
        self.seq = 0

    def nonce(self):
        """RFC 8446 §5.3: the IV XOR the 64-bit sequence number, left-padded."""
        n = bytes(a ^ b for a, b in zip(self.iv, self.seq.to_bytes(12, "big")))
        self.seq += 1
        return n


class Conn13(Conn):
    """A connection that speaks TLS 1.3: the client's key shares, the key
    schedule, protected records both ways (read_record opens them, so
    Conn.read_handshake and Conn.outcome work unchanged)."""

    def __init__(self, port, suite):
        super().__init__(port, suite)
        self.x25519_private = os.urandom(32)
        self.dh_private = int.from_bytes(os.urandom(32), "big")
        self.read_keys = self.write_keys = None
        self.handshake_secret = self.master_secret = None
        self.client_hs = self.server_hs = None
        self.group = None
        self.answered = False  # a ServerHello or HelloRetryRequest arrived

    def share(self, group):
        """Our key_share entry for a group: real for x25519 and ffdhe2048."""
        if group == X25519:
            return c13.x25519(self.x25519_private, c13.X25519_BASE)
        if group == FFDHE2048:
            return pow(2, self.dh_private, P2048).to_bytes(256, "big")
        return os.urandom(65)  # a group serve does not know: never used

    def read_record(self):
        """The next record; a protected one opened (its inner type and
        content, padding removed); the compatibility ChangeCipherSpec
        skipped; an alert in the clear after the ServerHello reported as such."""
        while True:
            ctype, payload = super().read_record()
            if ctype == CHANGE_CIPHER_SPEC and payload == b"\x01" and self.answered:
                continue  # the server's compatibility ChangeCipherSpec (RFC 8446 D.4)
            if ctype == ALERT and self.read_keys is not None:
                raise Ended("cleartext " + alert_outcome(payload))
            if ctype != APPLICATION_DATA or self.read_keys is None:
                return ctype, payload
            header = record(APPLICATION_DATA, b"\x00" * len(payload))[:5]
            plain = c13.open_(self.read_keys.key, self.read_keys.nonce(), header, payload)
            if plain is None:
                raise Ended("a protected record that does not open with the keys expected")
            inner = plain.rstrip(b"\x00")
            if not inner:
                raise Ended("a protected record of zeros only")
            return inner[-1], inner[:-1]

    def send_protected(self, inner_type, content, padding=0, corrupt=False, keys=None):
        """A TLSCiphertext record (RFC 8446 §5.2) of content, inner_type and
        padding zeros, sealed with our current write keys (or `keys`)."""
        keys = keys or self.write_keys
        inner = content + (bytes([inner_type]) if inner_type is not None else b"") + b"\x00" * padding
        header = record(APPLICATION_DATA, b"\x00" * (len(inner) + 16))[:5]
        sealed = c13.seal(keys.key, keys.nonce(), header, inner)
        if corrupt:
            sealed = sealed[:-1] + bytes([sealed[-1] ^ 1])
        self.send(header + sealed)


# --- The server's answers ---------------------------------------------------------


def parse_server_hello(body):
    """(random, suite, {extension type: data}) of a ServerHello body."""
    r = Reader(body)
    r.take(2)
    random = r.take(32)
    r.vec(1)
    suite = r.int(2)
    r.int(1)
    exts = {}
    if not r.done():
        e = Reader(r.vec(2))
        while not e.done():
            etype = e.int(2)
            exts[etype] = e.vec(2)
    return random, suite, exts


def send_hello13(conn, shares=(X25519,), groups=(X25519, FFDHE2048), sig=(RSA_PSS_RSAE_SHA256,),
                 versions=(TLS13, TLS12), suites=(CHACHA,), raw_shares=None, without=(),
                 extra=(), legacy_version=TLS12, compressions=(0,), ccs=False):
    """Sends a TLS 1.3 ClientHello: shares of `shares` (or the (group, bytes)
    pairs raw_shares), supported_groups, signature_algorithms, supported
    versions, psk_key_exchange_modes; without drops extension types, extra
    appends extensions. ccs: a compatibility ChangeCipherSpec after it."""
    entries = raw_shares if raw_shares is not None else [(g, conn.share(g)) for g in shares]
    exts = [server_name(b"localhost"), supported_groups(*groups), signature_algorithms(*sig),
            supported_versions(*versions), psk_key_exchange_modes(), key_share(*entries)]
    conn.send_handshake(client_hello("rsa", version=legacy_version, session_id=os.urandom(32),
                                     suites=list(suites), compressions=compressions,
                                     extensions=exts, without=without, extra=extra))
    if ccs:
        conn.send(record(CHANGE_CIPHER_SPEC, b"\x01"))


def read_server_hello(conn):
    """The server's ServerHello or HelloRetryRequest: ("hrr"|"sh", suite, exts, random)."""
    htype, body = conn.read_handshake()
    if htype != SERVER_HELLO:
        raise Ended("handshake message %d instead of ServerHello" % htype)
    random, suite, exts = parse_server_hello(body)
    conn.answered = True
    return ("hrr" if random == HRR_RANDOM else "sh"), suite, exts, random


def hello_retried(conn):
    """After a HelloRetryRequest: ClientHello1 becomes message_hash (RFC 8446 §4.4.1)."""
    hrr = conn.transcript[len(conn.sent_hello):]
    conn.transcript = (bytes([MESSAGE_HASH, 0, 0, 32]) + hashlib.sha256(conn.sent_hello).digest()
                       + hrr)


def start_keys(conn, suite, exts):
    """From a ServerHello: the shared secret, the handshake secrets and keys."""
    if suite != CHACHA:
        raise Ended("suite 0x%04x, not the one offered" % suite)
    if exts.get(SUPPORTED_VERSIONS) != u16(TLS13):
        raise Ended("a ServerHello without supported_versions 0x0304")
    ks = Reader(exts.get(KEY_SHARE, b""))
    group, key = ks.int(2), ks.vec(2)
    conn.group = group
    if group == X25519:
        shared = c13.x25519(conn.x25519_private, key)
    elif group == FFDHE2048:
        shared = pow(int.from_bytes(key, "big"), conn.dh_private, P2048).to_bytes(256, "big")
    else:
        raise Ended("key_share of group 0x%04x" % group)
    early = c13.hkdf_extract(b"", b"\x00" * 32)
    conn.handshake_secret = c13.hkdf_extract(c13.derive_secret(early, b"derived", b""), shared)
    conn.client_hs = c13.derive_secret(conn.handshake_secret, b"c hs traffic", conn.transcript)
    conn.server_hs = c13.derive_secret(conn.handshake_secret, b"s hs traffic", conn.transcript)
    conn.read_keys, conn.write_keys = Keys(conn.server_hs), Keys(conn.client_hs)


def server_flight(conn):
    """EncryptedExtensions .. Finished; checks CertificateVerify (RSA-PSS,
    RFC 8446 §4.4.3) and Finished (§4.4.4); then the application keys for
    reading. Returns what it checked, as text."""
    seen, key, checked = [], None, []
    while True:
        before = conn.transcript
        htype, body = conn.read_handshake()
        seen.append(htype)
        if htype == CERTIFICATE:
            r = Reader(body)
            r.vec(1)  # certificate_request_context
            entries = Reader(r.vec(3))
            key = rsa_public_key(entries.vec(3))
        elif htype == CERTIFICATE_VERIFY:
            r = Reader(body)
            scheme, signature = r.int(2), r.vec(2)
            content = (b" " * 64 + b"TLS 1.3, server CertificateVerify\x00"
                       + hashlib.sha256(before).digest())
            good = scheme == RSA_PSS_RSAE_SHA256 and key and c13.pss_verify(*key, content, signature)
            checked.append("CertificateVerify 0x%04x %s" % (scheme, "verifies" if good else "FAILS"))
        elif htype == FINISHED:
            good = body == c13.finished_verify_data(conn.server_hs, before)
            checked.append("Finished " + ("verifies" if good else "FAILS"))
            break
    if seen[:1] != [ENCRYPTED_EXTENSIONS]:
        checked.insert(0, "first message %d, not EncryptedExtensions" % seen[0])
    derived = c13.derive_secret(conn.handshake_secret, b"derived", b"")
    conn.master_secret = c13.hkdf_extract(derived, b"\x00" * 32)
    conn.client_ap = c13.derive_secret(conn.master_secret, b"c ap traffic", conn.transcript)
    conn.read_keys = Keys(c13.derive_secret(conn.master_secret, b"s ap traffic", conn.transcript))
    return ", ".join(checked)


def client_finished13(conn, verify_data=None, corrupt=False):
    """Our Finished (protected with the handshake keys), then the application keys."""
    message = handshake(FINISHED, verify_data or c13.finished_verify_data(conn.client_hs,
                                                                          conn.transcript))
    conn.send_protected(HANDSHAKE, message, corrupt=corrupt)
    conn.transcript += message
    conn.write_keys = Keys(conn.client_ap)


def handshake13(conn, **hello):
    """A whole handshake (with a HelloRetryRequest when the server asks for
    one: the second ClientHello then shares the group it named); returns
    what server_flight checked."""
    send_hello13(conn, **hello)
    kind, suite, exts, _ = read_server_hello(conn)
    if kind == "hrr":
        hello_retried(conn)
        group = Reader(exts[KEY_SHARE]).int(2)
        send_hello13(conn, **dict(hello, shares=(group,), raw_shares=None))
        kind, suite, exts, _ = read_server_hello(conn)
        if kind == "hrr":
            raise Ended("a second HelloRetryRequest")
    start_keys(conn, suite, exts)
    return server_flight(conn)


# --- Case steps ---------------------------------------------------------------------


def first_answer(**hello):
    """ClientHello; what the server answers first: "serverhello VERSION
    SUITE GROUP", "hello_retry_request GROUP SUITE" or the alert."""
    def run(conn):
        send_hello13(conn, **hello)
        kind, suite, exts, random = read_server_hello(conn)
        if kind == "hrr":
            return "hello_retry_request %s 0x%04x" % (
                GROUP_NAMES.get(Reader(exts[KEY_SHARE]).int(2), "?"), suite)
        version = "TLS1.3" if exts.get(SUPPORTED_VERSIONS) == u16(TLS13) else "TLS1.2"
        group = GROUP_NAMES.get(Reader(exts[KEY_SHARE]).int(2), "?") if KEY_SHARE in exts else "-"
        tail = " DOWNGRD01" if random[-8:] == DOWNGRADE_TLS12 else ""
        return "serverhello %s 0x%04x %s%s" % (version, suite, group, tail)
    return run


def tls12_hello(suites, extra=()):
    """A ClientHello that offers TLS 1.2 only; "serverhello 0x0303" and
    whether the random ends in the TLS 1.2 downgrade sentinel."""
    def run(conn):
        conn.send_handshake(client_hello("rsa", suites=list(suites), extra=list(extra),
                                         extensions=[server_name(b"localhost"),
                                                     signature_algorithms(RSA_PKCS1_SHA256)]))
        htype, body = conn.read_handshake()
        if htype != SERVER_HELLO:
            raise Ended("handshake message %d instead of ServerHello" % htype)
        random, suite, exts = parse_server_hello(body)
        version = int.from_bytes(body[:2], "big")
        return "serverhello 0x%04x %s" % (version, "DOWNGRD01" if random[-8:] == DOWNGRADE_TLS12
                                          else "no sentinel")
    return run


def retry(second, **hello):
    """ClientHello, the server's HelloRetryRequest, then second(conn) sends
    the second ClientHello; the server's answer ("serverhello GROUP" or the
    alert)."""
    def run(conn):
        send_hello13(conn, **hello)
        kind, _, exts, _ = read_server_hello(conn)
        if kind != "hrr":
            return "no HelloRetryRequest"
        hello_retried(conn)
        second(conn)
        kind, suite, exts, _ = read_server_hello(conn)
        if kind == "hrr":
            return "a second HelloRetryRequest"
        return "serverhello %s" % GROUP_NAMES.get(Reader(exts.get(KEY_SHARE, b"\x00\x00")).int(2), "?")
    return run


def full(then=None, **hello):
    """The whole handshake, our Finished, then then(conn) gives the
    outcome; without `then`, what was checked of the server's flight."""
    def run(conn):
        checked = handshake13(conn, **hello)
        if then is None:
            client_finished13(conn)
            return "complete: " + checked
        return then(conn)
    return run


def before_finished(*actions):
    """Each action(conn) sends something in place of our Finished; then the outcome."""
    def run(conn):
        for action in actions:
            action(conn)
        return conn.outcome()
    return full(run)


def after_finished(*actions):
    """Our Finished, then each action(conn); then the outcome."""
    def run(conn):
        client_finished13(conn)
        for action in actions:
            action(conn)
        return conn.outcome()
    return full(run)


def first(ctype, payload):
    """The record as the very first bytes of the connection; the outcome."""
    def run(conn):
        conn.send(record(ctype, payload))
        return conn.outcome()
    return run


def clear(ctype, payload):
    return lambda conn: conn.send(record(ctype, payload))


def protected(inner_type, content, **options):
    return lambda conn: conn.send_protected(inner_type, content, **options)


def finished_with(verify_data=None, corrupt=False):
    return lambda conn: client_finished13(conn, verify_data, corrupt)


def http13(padding=0):
    """GET / as application data (with `padding` zeros); the answer: status,
    whether the body is whole, how it ends."""
    def run(conn):
        client_finished13(conn)
        conn.send_protected(APPLICATION_DATA, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                            padding=padding)
        response, end = b"", None
        try:
            while end is None:
                ctype, payload = conn.read_record()
                if ctype == ALERT:
                    end = alert_outcome(payload)
                elif ctype == APPLICATION_DATA:
                    response += payload
        except Ended as ended:
            end = ended.outcome
        head, _, body = response.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = lines[0].split(" ")[1] if lines[0].startswith("HTTP/1.") else "no HTTP response"
        length = next((int(x.split(":", 1)[1]) for x in lines
                       if x.lower().startswith("content-length:")), -1)
        whole = "whole body" if len(body) == length else "%d of %d body bytes" % (len(body), length)
        conn.send_protected(ALERT, alert(1, 0))
        return "%s, %s, then %s" % (status, whole, end)
    return full(run)


def random_share(group, size):
    return lambda conn: (group, os.urandom(size))


# --- The table ----------------------------------------------------------------------

COMPLETE = "complete: CertificateVerify 0x0804 verifies, Finished verifies"
CCS_01 = clear(CHANGE_CIPHER_SPEC, b"\x01")

CASES13 = [
    # §4.1: the hellos, HelloRetryRequest, the downgrade sentinel.
    Case("1.3 ClientHello (x25519): ServerHello selects 0x0304, the suite, x25519",
         R + "4.1.3, §4.2.1, §4.2.8", "tls13", first_answer(),
         "serverhello TLS1.3 0x1303 x25519"),
    Case("1.3 ClientHello, unknown versions and a GREASE one around 0x0304", R + "4.2.1", "tls13",
         first_answer(versions=(0x0A0A, 0x7F1C, TLS13, 0x0305, TLS12)),
         "serverhello TLS1.3 0x1303 x25519"),
    Case("1.3 ClientHello, shares secp256r1 (unknown here) then x25519: uses x25519",
         R + "4.2.8", "tls13",
         first_answer(shares=(SECP256R1, X25519), groups=(SECP256R1, X25519, FFDHE2048)),
         "serverhello TLS1.3 0x1303 x25519"),
    Case("1.3 ClientHello, only an ffdhe2048 share: uses it", R + "4.2.8, §4.2.8.1", "tls13",
         first_answer(shares=(FFDHE2048,)), "serverhello TLS1.3 0x1303 ffdhe2048"),
    Case("1.3 ClientHello with an empty key_share: HelloRetryRequest for x25519",
         R + "4.2.8, §4.1.4", "tls13", first_answer(shares=()),
         "hello_retry_request x25519 0x1303"),
    Case("1.3 ClientHello, only a secp256r1 share: HelloRetryRequest for a group it knows",
         R + "4.2.8, §4.1.4", "tls13",
         first_answer(shares=(SECP256R1,), groups=(SECP256R1, X25519)),
         "hello_retry_request x25519 0x1303"),
    Case("1.3 ClientHello, unknown extensions and GREASE values: ignored", R + "4.2, §4.1.2",
         "tls13", first_answer(extra=[ext(0x1A1A), ext(0xFE00, b"\x01\x02")],
                               suites=(0x2A2A, CHACHA), groups=(0x3A3A, X25519)),
         "serverhello TLS1.3 0x1303 x25519"),
    Case("1.3 ClientHello without key_share", R + "4.2.8, §9.2", "tls13",
         first_answer(without=[KEY_SHARE]), "alert missing_extension"),
    Case("1.3 ClientHello without supported_groups", R + "4.2.7, §9.2", "tls13",
         first_answer(without=[10]), "alert missing_extension"),
    Case("1.3 ClientHello without signature_algorithms", R + "4.2.3, §9.2", "tls13",
         first_answer(without=[13]), "alert missing_extension"),
    Case("1.3 ClientHello, signature_algorithms only rsa_pkcs1_sha256 (not for 1.3 handshakes)",
         R + "4.2.3, §4.4.3", "tls13", first_answer(sig=(RSA_PKCS1_SHA256,)),
         "alert handshake_failure"),
    Case("1.3 ClientHello, compression methods [0, 1]", R + "4.1.2", "tls13",
         first_answer(compressions=(0, 1)), "alert illegal_parameter"),
    Case("1.3 ClientHello, legacy_version 0x0300", R + "4.1.2, Appendix D.5", "tls13",
         first_answer(legacy_version=0x0300), "alert protocol_version"),
    Case("supported_versions 0x0302, 0x0305 only (legacy_version 0x0303, a 1.2 suite too)",
         R + "4.2.1, §6.2", "tls13",
         first_answer(versions=(0x0302, 0x0305), suites=(CHACHA, 0x009D)),
         ("alert protocol_version", "alert handshake_failure"), observe=True),
    Case("1.3 ClientHello, two key shares of x25519", R + "4.2.8", "tls13",
         first_answer(raw_shares=[(X25519, os.urandom(32)), (X25519, os.urandom(32))]),
         "alert illegal_parameter"),
    Case("1.3 ClientHello, a key share of ffdhe2048 missing from supported_groups",
         R + "4.2.8", "tls13", first_answer(shares=(FFDHE2048,), groups=(X25519,)),
         "alert illegal_parameter"),
    Case("1.3 ClientHello, an x25519 share of 31 bytes", R + "4.2.8.2", "tls13",
         first_answer(raw_shares=[(X25519, os.urandom(31))]), "alert illegal_parameter"),
    Case("1.3 ClientHello, an ffdhe2048 share of 255 bytes", R + "4.2.8.1", "tls13",
         first_answer(raw_shares=[(FFDHE2048, os.urandom(255))], groups=(FFDHE2048,)),
         "alert illegal_parameter"),
    Case("1.3 ClientHello, an ffdhe2048 share Y = 1", R + "4.2.8.1", "tls13",
         first_answer(raw_shares=[(FFDHE2048, (1).to_bytes(256, "big"))], groups=(FFDHE2048,)),
         "alert illegal_parameter"),
    Case("1.3 ClientHello, an ffdhe2048 share Y = p - 1", R + "4.2.8.1", "tls13",
         first_answer(raw_shares=[(FFDHE2048, (P2048 - 1).to_bytes(256, "big"))],
                      groups=(FFDHE2048,)), "alert illegal_parameter"),
    Case("a cookie in the first ClientHello (no HelloRetryRequest sent it)", R + "4.2.2",
         "tls13", first_answer(extra=[cookie(b"\x01" * 16)]), "alert illegal_parameter"),
    Case("1.3 ClientHello, only a 1.3 suite the server lacks (TLS_AES_128_GCM_SHA256)",
         R + "4.1.1", "tls13", first_answer(suites=(AES128,)), "alert handshake_failure"),
    Case("ClientHello offering TLS 1.2 only: the random ends in DOWNGRD 01", R + "4.1.3",
         "tls13", tls12_hello([0x009D]), "serverhello 0x0303 DOWNGRD01"),
    Case("supported_versions offering only 0x0303: TLS 1.2, DOWNGRD 01", R + "4.1.3, §4.2.1",
         "tls13", tls12_hello([0x009D], extra=[supported_versions(TLS12)]),
         "serverhello 0x0303 DOWNGRD01"),
    Case("first ClientHello shares x25519, serve needs ffdhe2048: HelloRetryRequest",
         R + "4.1.4, §4.2.8", "hrr", first_answer(), "hello_retry_request ffdhe2048 0x1303"),
    Case("server needs ffdhe2048, client supports only x25519", R + "4.1.1", "hrr",
         first_answer(groups=(X25519,)),
         ("alert handshake_failure", "alert insufficient_security")),
    Case("after HelloRetryRequest, a second ClientHello with the ffdhe2048 share",
         R + "4.1.2, §4.1.4", "hrr",
         retry(lambda c: send_hello13(c, shares=(FFDHE2048,))), "serverhello ffdhe2048"),
    Case("after HelloRetryRequest, a second ClientHello still without the ffdhe2048 share",
         R + "4.1.2, §4.2.8", "hrr",
         retry(lambda c: send_hello13(c, shares=(X25519,))), "alert illegal_parameter"),
    Case("after HelloRetryRequest, a second ClientHello with shares of x25519 and ffdhe2048",
         R + "4.2.8", "hrr",
         retry(lambda c: send_hello13(c, shares=(X25519, FFDHE2048))),
         "alert illegal_parameter"),
    Case("after HelloRetryRequest, a second ClientHello whose suite is not the one chosen",
         R + "4.1.4", "hrr",
         retry(lambda c: send_hello13(c, shares=(FFDHE2048,), suites=(AES256,))),
         ("alert illegal_parameter", "alert handshake_failure"), observe=True),
    Case("after HelloRetryRequest, a compatibility ChangeCipherSpec, then the second ClientHello",
         R + "5, Appendix D.4", "hrr",
         retry(lambda c: (c.send(record(CHANGE_CIPHER_SPEC, b"\x01")),
                          send_hello13(c, shares=(FFDHE2048,)))), "serverhello ffdhe2048"),

    # The whole handshake, done by this client.
    Case("x25519 handshake: CertificateVerify (RSA-PSS) and Finished verify", R + "4.4.3, §4.4.4",
         "tls13", full(), COMPLETE),
    Case("ffdhe2048 handshake after a HelloRetryRequest: both verify", R + "4.1.4, §4.4.1",
         "hrr", full(), COMPLETE),
    Case("with a compatibility ChangeCipherSpec after the ClientHello: completes",
         R + "5, Appendix D.4", "tls13", full(ccs=True), COMPLETE),
    Case("HTTP GET after the handshake: 200, the file, close_notify", R + "6.1", "tls13",
         http13(), "200, whole body, then warning close_notify"),
    Case("HTTP GET in a record with 200 bytes of padding: served", R + "5.4", "tls13",
         http13(padding=200), "200, whole body, then warning close_notify"),

    # §5: records and ChangeCipherSpec.
    Case("ChangeCipherSpec before the ClientHello", R + "5", "tls13",
         first(CHANGE_CIPHER_SPEC, b"\x01"), "alert unexpected_message"),
    Case("ChangeCipherSpec of value 02 during the handshake", R + "5", "tls13",
         before_finished(clear(CHANGE_CIPHER_SPEC, b"\x02")), "alert unexpected_message"),
    Case("ChangeCipherSpec 01 01 (two bytes) during the handshake", R + "5", "tls13",
         before_finished(clear(CHANGE_CIPHER_SPEC, b"\x01\x01")), "alert unexpected_message"),
    Case("protected ChangeCipherSpec during the handshake", R + "5", "tls13",
         before_finished(protected(CHANGE_CIPHER_SPEC, b"\x01")), "alert unexpected_message"),
    Case("ChangeCipherSpec 01 after the handshake", R + "5", "tls13",
         after_finished(CCS_01), "alert unexpected_message"),
    Case("handshake record in the clear after the ServerHello", R + "5", "tls13",
         before_finished(clear(HANDSHAKE, handshake(FINISHED, b"\x00" * 32))),
         "alert unexpected_message"),
    Case("protected record whose inner plaintext is all zeros", R + "5.4", "tls13",
         before_finished(protected(None, b"\x00" * 20)), "alert unexpected_message"),
    Case("protected record of inner type 99", R + "5", "tls13",
         before_finished(protected(99, b"\x01\x02")), "alert unexpected_message"),
    Case("application data before the client's Finished", R + "2, §5", "tls13",
         before_finished(protected(APPLICATION_DATA, b"GET / HTTP/1.1\r\n\r\n")),
         "alert unexpected_message"),
    Case("protected record with a wrong tag", R + "5.2", "tls13",
         before_finished(finished_with(corrupt=True)), "alert bad_record_mac"),
    Case("record of 2^14 + 257 bytes (over the limit of protected records)", R + "5.2", "tls13",
         before_finished(lambda c: c.send(record(APPLICATION_DATA, b"\x00" * (2**14 + 257)))),
         "alert record_overflow"),
    Case("protected record of 2^14 + 1 bytes of content", R + "5.4", "tls13",
         after_finished(protected(APPLICATION_DATA, b"x" * (2**14 + 1))), "alert record_overflow"),

    # §4.4, §4.6: Finished, what follows the handshake.
    Case("client Finished with a wrong verify_data", R + "4.4.4", "tls13",
         before_finished(finished_with(verify_data=b"\x00" * 32)), "alert decrypt_error"),
    Case("a ClientHello after the handshake (no renegotiation in 1.3)", R + "4.1.2", "tls13",
         after_finished(protected(HANDSHAKE, client_hello("rsa"))), "alert unexpected_message"),
    Case("KeyUpdate with request_update 2", R + "4.6.3", "tls13",
         after_finished(protected(HANDSHAKE, handshake(24, b"\x02"))), "alert illegal_parameter"),
    Case("KeyUpdate of two bytes", R + "4.6.3", "tls13",
         after_finished(protected(HANDSHAKE, handshake(24, b"\x00\x00"))), "alert decode_error"),
    Case("close_notify after the handshake: the server answers close_notify", R + "6.1", "tls13",
         after_finished(protected(ALERT, alert(1, 0))), "warning close_notify"),
]
