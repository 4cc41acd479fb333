#!/usr/bin/env python3
"""A negative conformance table for `tlsstep serve`, written without tlsstep.

An independent TLS client, in the Python standard library only, sends
malformed or unusual input to `tlsstep serve` on 127.0.0.1 and checks the
exact answer against the RFC: the alert the RFC names, or, for input that
is well formed, the right ServerHello. For the null suite
(TLS_RSA_WITH_NULL_SHA256) it does a whole TLS 1.2 handshake itself (RSA key
exchange, the TLS 1.2 PRF, records protected only by HMAC-SHA256) so that it
can test what comes after the handshake too; for TLS 1.3 (tls13.py) a whole
TLS 1.3 handshake (X25519 or FFDHE2048, the key schedule, ChaCha20-Poly1305).
The wire and the connection are in tlswire.py, TLS 1.3's crypto in
crypto13.py.

  conformance.py rsa=PORT ecdhe=PORT dhe=PORT null=PORT tls13=PORT hrr=PORT [-k TEXT]
  conformance.py --list

One `tlsstep serve` per TLS 1.2 suite (the suite it picks) and the two TLS
1.3 ones tls13.py names, each serving one connection after another; every
case is a fresh TCP connection. Each case prints one line:

  ok - CASE (RFC §)
  not ok - CASE (RFC §): got X, want Y

where X and Y are outcomes: "alert NAME" (a fatal alert), "warning NAME",
"closed" (closed without an alert), "timeout" (nothing for READ_TIME
seconds), "serverhello" or what a positive case inspected in the server's
first flight. -k TEXT runs only the cases whose name contains TEXT;
--list prints the table without running it.

The TLS 1.2 table is at the end of this file (CASES, one row per case, in
the order of the specifications); TLS 1.3's, CASES13, at the end of
tls13.py, follows it.
"""
import hashlib
import os
import sys
import threading
import time

from tlswire import *  # noqa: F401,F403 (the wire, Conn, Case)
from tls13 import CASES13, Conn13

# --- The server's first flight --------------------------------------------------


class Flight:
    """ServerHello ... ServerHelloDone, parsed."""

    def __init__(self, conn):
        self.conn = conn
        self.extensions = []  # (type, data) in the ServerHello's order
        self.certificates = []
        self.key_exchange = None  # the ServerKeyExchange body
        htype, body = conn.read_handshake()
        if htype != SERVER_HELLO:
            raise Ended("handshake message %d instead of ServerHello" % htype)
        r = Reader(body)
        self.version = r.int(2)
        self.random = r.take(32)
        self.session_id = r.vec(1)
        self.suite = r.int(2)
        self.compression = r.int(1)
        if not r.done():
            exts = Reader(r.vec(2))
            while not exts.done():
                self.extensions.append((exts.int(2), exts.vec(2)))
        while htype != SERVER_HELLO_DONE:
            htype, body = conn.read_handshake()
            if htype == CERTIFICATE:
                chain = Reader(Reader(body).vec(3))
                while not chain.done():
                    self.certificates.append(chain.vec(3))
            elif htype == SERVER_KEY_EXCHANGE:
                self.key_exchange = body

    def extension(self, etype):
        return next((data for t, data in self.extensions if t == etype), None)

    def rsa_key(self):
        return rsa_public_key(self.certificates[0])

    def key_exchange_params(self):
        """(params, fields, scheme, signature) of a ServerKeyExchange:
        RFC 5246 §7.4.3 (DHE: dh_p, dh_g, dh_Ys) or RFC 8422 §5.4 (ECDHE)."""
        if self.key_exchange is None:
            raise Ended("no ServerKeyExchange")
        r = Reader(self.key_exchange)
        if self.suite == SUITES["dhe"]:
            fields = {"dh_p": r.vec(2), "dh_g": r.vec(2), "dh_Ys": r.vec(2)}
        else:
            fields = {"curve_type": r.int(1), "named_curve": r.int(2), "point": r.vec(1)}
        params = self.key_exchange[:r.pos]
        scheme = r.int(2)
        return params, fields, scheme, r.vec(2)


def read_flight(conn, **hello):
    """Sends a ClientHello for the connection's suite, reads the flight."""
    conn.send_handshake(client_hello(conn.suite, **hello))
    return Flight(conn)


# What a positive case looks at in the flight (each returns an outcome).

def served(flight):
    return "serverhello"


def unasked_extensions(flight):
    """RFC 5246 §7.4.1.4: the server sends only extensions the client sent
    (renegotiation_info also answers the SCSV, RFC 5746 §3.6)."""
    offered, suites = hello_offers(flight.conn.sent_hello)
    if EMPTY_RENEGOTIATION_INFO_SCSV in suites:
        offered.add(RENEGOTIATION_INFO)
    unasked = [EXTENSION_NAMES.get(t, "0x%04x" % t)
               for t, _ in flight.extensions if t not in offered]
    return "unasked " + ", ".join(unasked) if unasked else "no unasked extension"


def point_formats(flight):
    data = flight.extension(EC_POINT_FORMATS)
    if data is None:
        return "no ec_point_formats"
    formats = Reader(data).vec(1)
    return "ec_point_formats with uncompressed" if UNCOMPRESSED in formats else \
        "ec_point_formats without uncompressed"


def server_version(flight):
    return "serverhello 0x%04x" % flight.version


def signed_with(flight):
    """The signature algorithm of the ServerKeyExchange, if it verifies."""
    params, _, scheme, signature = flight.key_exchange_params()
    signed = flight.conn.sent_hello[6:38] + flight.random + params
    name = SIGNATURE_NAMES.get(scheme, "0x%04x" % scheme)
    if not pkcs1_verify(signature, signed, scheme, *flight.rsa_key()):
        return "signed with %s, signature does not verify" % name
    return "signed with " + name


def dh_group(flight):
    """Which RFC 7919 group dh_p is (RFC 7919 Appendix A)."""
    _, fields, _, _ = flight.key_exchange_params()
    p = int.from_bytes(fields["dh_p"], "big")
    for bits, prime in FFDHE_PRIMES.items():
        if p == prime and len(fields["dh_p"]) == bits // 8:
            return "dh_p ffdhe%d" % bits
    return "dh_p unknown (%d bytes)" % len(fields["dh_p"])


def ecdh_group(flight):
    _, fields, _, _ = flight.key_exchange_params()
    return "named_curve 0x%04x" % fields["named_curve"]


# --- The null suite: a whole handshake (RFC 5246 §7.3, §8.1, §6.2.3.1) ------------


def key_exchange(conn, premaster=None, encrypt=pkcs1_encrypt, ckx_trailing=b""):
    """ClientHello, the server's flight, then an RSA ClientKeyExchange
    (RFC 5246 §7.4.7.1); derives the master secret and the MAC keys."""
    flight = read_flight(conn)
    if premaster is None:
        premaster = u16(TLS12) + os.urandom(46)
    n, e = flight.rsa_key()
    conn.send_handshake(handshake(CLIENT_KEY_EXCHANGE,
                                  vec16(encrypt(premaster, n, e)) + ckx_trailing))
    randoms = conn.sent_hello[6:38] + flight.random
    conn.master = prf(premaster, b"master secret", randoms, 48)
    # NULL_SHA256: two 32-byte MAC keys, no encryption keys, no IVs (§6.3).
    key_block = prf(conn.master, b"key expansion", flight.random + conn.sent_hello[6:38], 64)
    conn.client_mac_key, conn.server_mac_key = key_block[:32], key_block[32:]
    return flight


def finished_data(conn, label):
    """verify_data = PRF(master, label, SHA-256(handshake messages))[0..11] (§7.4.9)."""
    return prf(conn.master, label, hashlib.sha256(conn.transcript).digest(), 12)


def change_cipher_spec(conn):
    conn.send_record(CHANGE_CIPHER_SPEC, b"\x01")
    conn.write_mac, conn.write_seq = conn.client_mac_key, 0


def client_finished(conn, verify_data=None, corrupt_mac=False):
    conn.client_verify_data = verify_data or finished_data(conn, b"client finished")
    message = handshake(FINISHED, conn.client_verify_data)
    conn.transcript += message
    conn.send_record(HANDSHAKE, message, corrupt_mac=corrupt_mac)


def server_finished(conn):
    """The server's ChangeCipherSpec and Finished; checks its verify_data."""
    conn.pending_read_mac, conn.read_seq = conn.server_mac_key, 0
    ctype, payload = conn.read_record()
    if ctype == ALERT:
        raise Ended(alert_outcome(payload))
    if (ctype, payload) != (CHANGE_CIPHER_SPEC, b"\x01"):
        raise Ended("record of type %d instead of ChangeCipherSpec" % ctype)
    want = finished_data(conn, b"server finished")
    htype, body = conn.read_handshake()
    if htype != FINISHED or body != want:
        raise Ended("a wrong server Finished")


def full_handshake(conn):
    key_exchange(conn)
    change_cipher_spec(conn)
    client_finished(conn)
    server_finished(conn)


def http_get(conn):
    """Sends a GET as application data; returns what comes back: the status,
    whether the body is as long as Content-Length says, and how it ends."""
    conn.send_record(APPLICATION_DATA, b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
    response = b""
    try:
        while True:
            ctype, payload = conn.read_record()
            if ctype == ALERT:
                end = alert_outcome(payload)
                break
            if ctype == APPLICATION_DATA:
                response += payload
    except Ended as ended:
        end = ended.outcome
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split(" ")[1] if lines[0].startswith("HTTP/1.") else "no HTTP response"
    length = next((int(line.split(":", 1)[1]) for line in lines
                   if line.lower().startswith("content-length:")), -1)
    whole = "whole body" if len(body) == length else "%d of %d body bytes" % (len(body), length)
    conn.send_record(ALERT, alert(1, 0))  # our close_notify
    return "%s, %s, then %s" % (status, whole, end)


# --- Case steps: each returns a function of a Conn giving the outcome ----------


def hello(look=served, **fields):
    """Sends one ClientHello (fields: see client_hello); if the server
    answers with its flight, `look` says what it sees in it."""
    return lambda conn: look(read_flight(conn, **fields))


def hello_in_records(splits=(), record_version=TLS12, **fields):
    """A ClientHello cut into records at `splits`, or with another record version."""
    def run(conn):
        conn.send_handshake(client_hello(conn.suite, **fields), splits, record_version)
        Flight(conn)
        return "serverhello"
    return run


def first_bytes(make):
    """Sends make(suite) as the very first bytes, then reads the outcome."""
    def run(conn):
        conn.send(make(conn.suite))
        return conn.outcome()
    return run


def after_hello(*records):
    """ClientHello, the server's flight, then the raw records given."""
    def run(conn):
        read_flight(conn)
        conn.send(b"".join(records))
        return conn.outcome()
    return run


def after_key_exchange(*records, **key_exchange_options):
    """ClientHello ... ClientKeyExchange (null suite), then raw records."""
    def run(conn):
        key_exchange(conn, **key_exchange_options)
        conn.send(b"".join(records))
        return conn.outcome()
    return run


def finished(verify_data=None, corrupt_mac=False, **key_exchange_options):
    """A null-suite handshake up to the client's Finished, made as asked;
    "handshake complete" when the server's Finished is right."""
    def run(conn):
        key_exchange(conn, **key_exchange_options)
        change_cipher_spec(conn)
        client_finished(conn, verify_data, corrupt_mac)
        server_finished(conn)
        return "handshake complete"
    return run


def after_handshake(action):
    """A whole null-suite handshake, then action(conn) gives the outcome."""
    def run(conn):
        full_handshake(conn)
        return action(conn)
    return run


def protected_record(ctype, payload, corrupt_mac=False):
    def action(conn):
        conn.send_record(ctype, payload, corrupt_mac)
        return conn.outcome()
    return action


def renegotiate(conn):
    """A second ClientHello, protected, with the secure renegotiation_info
    (RFC 5746 §3.5: the client's last verify_data)."""
    hello = client_hello(conn.suite, replace=[renegotiation_info(conn.client_verify_data)])
    conn.send_record(HANDSHAKE, hello)
    return conn.outcome()


def dhe_key_exchange(public_value, then=b""):
    """DHE: ClientHello, the flight, a ClientKeyExchange whose dh_Yc is
    public_value(p, g) (RFC 5246 §7.4.7.2), then the raw bytes `then`."""
    def run(conn):
        _, fields, _, _ = read_flight(conn).key_exchange_params()
        p, g = (int.from_bytes(fields[f], "big") for f in ("dh_p", "dh_g"))
        yc = public_value(p, g).to_bytes(len(fields["dh_p"]), "big")
        conn.send_handshake(handshake(CLIENT_KEY_EXCHANGE, vec16(yc)))
        conn.send(then)
        return conn.outcome()
    return run


def dh_public(p, g):
    """g^x mod p for a random 256-bit x: a good dh_Yc."""
    return pow(g, int.from_bytes(os.urandom(32), "big"), p)


def warnings(description, count=10):
    """`count` warning alerts in one write, after the server's flight."""
    return after_hello(*[record(ALERT, alert(1, description))] * count)


def many(base, count):
    return [base + i for i in range(count)]


CURL_LIKE = [  # what OpenSSL's s_client / curl send, most of it unimplemented here
    server_name(b"localhost"), ext(16, vec16(vec8(b"http/1.1"))), ext(22), ext(23),
    ext(35), ext(5, b"\x01\x00\x00\x00\x00"), ext(15, b"\x01"),
    signature_algorithms(0x0804, RSA_PKCS1_SHA256, RSA_PKCS1_SHA384, RSA_PKCS1_SHA1),
]


# --- The table -------------------------------------------------------------------


SERVERHELLO = "serverhello"
NO_UNASKED = "no unasked extension"
S = "RFC 5246 §"


def CCS(payload):
    """A ChangeCipherSpec record in the clear (RFC 5246 §7.1: one byte, 01)."""
    return record(CHANGE_CIPHER_SPEC, payload)


def HOST(name):
    """An extension list of server_name only."""
    return [server_name(name)]

CASES = [
    # 1. The server sends only extensions the client sent.
    Case("ECDHE hello without ec_point_formats: the ServerHello has none", "RFC 8422 §5.2",
         "ecdhe", hello(point_formats, without=[EC_POINT_FORMATS]), "no ec_point_formats"),
    Case("ECDHE hello with ec_point_formats: an echo lists uncompressed", "RFC 8422 §5.2",
         "ecdhe", hello(point_formats),
         ("ec_point_formats with uncompressed", "no ec_point_formats"), observe=True),
    Case("ECDHE hello without ec_point_formats: only asked extensions", S + "7.4.1.4",
         "ecdhe", hello(unasked_extensions, without=[EC_POINT_FORMATS]), NO_UNASKED),
    Case("ECDHE hello with only sni and groups: only asked extensions", S + "7.4.1.4",
         "ecdhe", hello(unasked_extensions, extensions=[server_name(b"localhost"),
                                                        supported_groups(X25519),
                                                        signature_algorithms(RSA_PKCS1_SHA256)]),
         NO_UNASKED),
    Case("DHE hello: only asked extensions", S + "7.4.1.4", "dhe",
         hello(unasked_extensions), NO_UNASKED),
    Case("RSA hello with an empty extension list: only asked extensions", S + "7.4.1.4", "rsa",
         hello(unasked_extensions, extensions=[]), NO_UNASKED),
    Case("null hello like curl's (SCSV, ALPN, ETM, EMS, tickets...): only asked extensions",
         S + "7.4.1.4, RFC 5746 §3.6", "null",
         hello(unasked_extensions, extensions=CURL_LIKE,
               suites=[OWN, EMPTY_RENEGOTIATION_INFO_SCSV]), NO_UNASKED),

    # 2. Signature algorithms: RFC 9155 (no SHA-1), RFC 5246 §7.4.1.4.1.
    Case("ECDHE hello without signature_algorithms", "RFC 9155 §2", "ecdhe",
         hello(without=[SIGNATURE_ALGORITHMS]), "alert handshake_failure"),
    Case("DHE hello without signature_algorithms", "RFC 9155 §2", "dhe",
         hello(without=[SIGNATURE_ALGORITHMS]), "alert handshake_failure"),
    Case("RSA hello without signature_algorithms (nothing to sign)", S + "7.4.1.4.1", "rsa",
         hello(without=[SIGNATURE_ALGORITHMS]), SERVERHELLO),
    Case("RSA hello with no extensions block at all", S + "7.4.1.2", "rsa",
         hello(extensions_block=False), SERVERHELLO),
    Case("ECDHE signature_algorithms only rsa_pkcs1_sha1", "RFC 9155 §2", "ecdhe",
         hello(replace=[signature_algorithms(RSA_PKCS1_SHA1)]),
         "alert handshake_failure"),
    Case("DHE signature_algorithms only rsa_pkcs1_sha1", "RFC 9155 §2", "dhe",
         hello(replace=[signature_algorithms(RSA_PKCS1_SHA1)]),
         "alert handshake_failure"),
    Case("signature_algorithms with an empty list", S + "7.4.1.4.1", "ecdhe",
         hello(replace=[signature_algorithms()]),
         "alert decode_error"),
    Case("signature_algorithms of odd length (3 bytes)", S + "7.4.1.4.1, §7.2.2", "ecdhe",
         hello(replace=[ext(SIGNATURE_ALGORITHMS, vec16(b"\x04\x01\x05"))]),
         "alert decode_error"),
    Case("ECDHE signature_algorithms only rsa_pkcs1_sha384: signs with it", S + "7.4.1.4.1",
         "ecdhe", hello(signed_with, replace=[signature_algorithms(RSA_PKCS1_SHA384)]),
         "signed with rsa_pkcs1_sha384"),
    Case("ECDHE signature_algorithms only rsa_pkcs1_sha512: signs with it", S + "7.4.1.4.1",
         "ecdhe", hello(signed_with, replace=[signature_algorithms(RSA_PKCS1_SHA512)]),
         "signed with rsa_pkcs1_sha512"),
    Case("DHE signature_algorithms only rsa_pkcs1_sha384: signs with it", S + "7.4.1.4.1",
         "dhe", hello(signed_with, replace=[signature_algorithms(RSA_PKCS1_SHA384)]),
         "signed with rsa_pkcs1_sha384"),
    Case("ECDHE signature_algorithms sha512, sha256: the client's first", S + "7.4.1.4.1",
         "ecdhe",
         hello(signed_with, replace=[signature_algorithms(RSA_PKCS1_SHA512, RSA_PKCS1_SHA256)]),
         "signed with rsa_pkcs1_sha512"),
    Case("ECDHE signature_algorithms sha1, sha384: skips SHA-1", "RFC 9155 §2", "ecdhe",
         hello(signed_with, replace=[signature_algorithms(RSA_PKCS1_SHA1, RSA_PKCS1_SHA384)]),
         "signed with rsa_pkcs1_sha384"),
    Case("ECDHE default hello: signs with rsa_pkcs1_sha256", S + "7.4.3", "ecdhe",
         hello(signed_with), "signed with rsa_pkcs1_sha256"),

    # 3. Groups: RFC 7919 for DHE, RFC 8422 for ECDHE.
    Case("DHE groups only ffdhe3072: dh_p is ffdhe3072", "RFC 7919 §4", "dhe",
         hello(dh_group, replace=[supported_groups(FFDHE3072)]),
         "dh_p ffdhe3072"),
    Case("DHE groups only ffdhe4096: dh_p is ffdhe4096", "RFC 7919 §4", "dhe",
         hello(dh_group, replace=[supported_groups(FFDHE4096)]),
         "dh_p ffdhe4096"),
    Case("DHE groups only ffdhe6144: dh_p is ffdhe6144", "RFC 7919 §4", "dhe",
         hello(dh_group, replace=[supported_groups(FFDHE6144)]),
         "dh_p ffdhe6144"),
    Case("DHE groups only ffdhe8192: dh_p is ffdhe8192", "RFC 7919 §4", "dhe",
         hello(dh_group, replace=[supported_groups(FFDHE8192)]),
         "dh_p ffdhe8192"),
    Case("DHE groups only unknown FFDHE codes 0x01fc, 0x0105", "RFC 7919 §4", "dhe",
         hello(replace=[supported_groups(0x01FC, 0x0105)]),
         "alert insufficient_security"),
    Case("DHE groups only x25519 (no FFDHE code): classic DHE, ffdhe2048", "RFC 7919 §4",
         "dhe", hello(dh_group, replace=[supported_groups(X25519)]),
         "dh_p ffdhe2048"),
    Case("DHE hello without supported_groups: ffdhe2048", "RFC 7919 §4", "dhe",
         hello(dh_group, without=[SUPPORTED_GROUPS]), "dh_p ffdhe2048"),
    Case("DHE groups ffdhe4096, ffdhe2048: the client's first", "RFC 7919 §4", "dhe",
         hello(dh_group, replace=[supported_groups(FFDHE4096, FFDHE2048)]), "dh_p ffdhe4096"),
    Case("DHE ClientKeyExchange dh_Yc = 1", "RFC 7919 §5.1", "dhe",
         dhe_key_exchange(lambda p, g: 1), "alert illegal_parameter"),
    Case("DHE ClientKeyExchange dh_Yc = p - 1", "RFC 7919 §5.1", "dhe",
         dhe_key_exchange(lambda p, g: p - 1), "alert illegal_parameter"),
    Case("DHE ClientKeyExchange dh_Yc = 0", "RFC 7919 §5.1", "dhe",
         dhe_key_exchange(lambda p, g: 0), "alert illegal_parameter"),
    Case("DHE good dh_Yc, then a Finished record that does not decrypt",
         "RFC 7905 §2, " + S + "6.2.3.3", "dhe",
         dhe_key_exchange(dh_public, CCS(b"\x01") + record(HANDSHAKE, os.urandom(32))),
         "alert bad_record_mac"),
    Case("ECDHE groups only secp256r1 (no x25519)", "RFC 8422 §5.1.1", "ecdhe",
         hello(replace=[supported_groups(SECP256R1)]),
         "alert handshake_failure"),
    Case("ECDHE hello without supported_groups: any curve, x25519", "RFC 8422 §4", "ecdhe",
         hello(ecdh_group, without=[SUPPORTED_GROUPS]), "named_curve 0x001d"),
    Case("supported_groups with an empty list", "RFC 8422 §5.1.1", "ecdhe",
         hello(replace=[supported_groups()]), "alert decode_error"),

    # 4. Record types and ChangeCipherSpec.
    Case("heartbeat record (type 24) instead of ClientHello", S + "6", "rsa",
         first_bytes(lambda s: record(HEARTBEAT, heartbeat_request())), "alert unexpected_message"),
    Case("SSL 2.0-format ClientHello (prohibited)", "RFC 6176 §3, RFC 5246 E.2", "rsa",
         first_bytes(lambda s: sslv2_client_hello(SUITES[s])), "alert protocol_version"),
    Case("record of type 255 instead of ClientHello", S + "6", "rsa",
         first_bytes(lambda s: record(255, b"\x01\x02\x03")), "alert unexpected_message"),
    Case("protected heartbeat record after the handshake", S + "6", "null",
         after_handshake(protected_record(HEARTBEAT, heartbeat_request())),
         "alert unexpected_message"),
    Case("ChangeCipherSpec of two bytes 01 01", S + "7.1, §7.2.2", "null",
         after_key_exchange(CCS(b"\x01\x01")), "alert decode_error"),
    Case("ChangeCipherSpec of one byte 02", S + "7.1, §7.2.2", "null",
         after_key_exchange(CCS(b"\x02")), "alert decode_error"),
    Case("ChangeCipherSpec right after ClientHello", S + "7.1, §7.4", "null",
         first_bytes(lambda s: record(HANDSHAKE, client_hello(s)) + CCS(b"\x01")),
         "alert unexpected_message"),
    Case("Finished in the clear without ChangeCipherSpec", S + "7.1, §7.4.9", "null",
         after_key_exchange(record(HANDSHAKE, handshake(FINISHED, b"\x00" * 12))),
         "alert unexpected_message"),
    Case("ClientKeyExchange instead of ClientHello", S + "7.4", "null",
         first_bytes(lambda s: record(HANDSHAKE,
                                      handshake(CLIENT_KEY_EXCHANGE, vec16(b"\x00" * 128)))),
         "alert unexpected_message"),
    Case("a second ClientHello instead of ClientKeyExchange", S + "7.4", "null",
         after_hello(record(HANDSHAKE, client_hello("null"))), "alert unexpected_message"),
    Case("application data before the handshake is finished", S + "7.4, §6", "null",
         after_hello(record(APPLICATION_DATA, b"GET / HTTP/1.1\r\n\r\n")),
         "alert unexpected_message"),

    # 5. Well-formed large hellos are accepted; a duplicated extension is not.
    Case("300 cipher suites, the real one last", S + "7.4.1.2", "rsa",
         hello(suites=many(0x2000, 299) + [OWN]), SERVERHELLO),
    Case("1000 cipher suites, the real one last", S + "7.4.1.2", "rsa",
         hello(suites=many(0x2000, 999) + [OWN]), SERVERHELLO),
    Case("100 unknown empty extensions plus the real ones", S + "7.4.1.4", "ecdhe",
         hello(unasked_extensions, extra=[ext(t) for t in many(0x1000, 100)]), NO_UNASKED),
    Case("signature_algorithms of 100 entries, rsa_pkcs1_sha256 last", S + "7.4.1.4.1", "ecdhe",
         hello(signed_with, replace=[signature_algorithms(*many(0xFE00, 99), RSA_PKCS1_SHA256)]),
         "signed with rsa_pkcs1_sha256"),
    Case("supported_groups of 100 entries, x25519 last", "RFC 8422 §5.1.1", "ecdhe",
         hello(ecdh_group, replace=[supported_groups(*many(0x3000, 99), X25519)]),
         "named_curve 0x001d"),
    Case("ClientHello in two records (30 bytes, then the rest)", S + "6.2.1", "rsa",
         hello_in_records(splits=[30]), SERVERHELLO),
    Case("ClientHello larger than 2^14 (17000-byte padding, two records)", S + "6.2.1", "rsa",
         hello_in_records(extra=[ext(PADDING, b"\x00" * 17000)]), SERVERHELLO),
    Case("ClientHello in records of version 0x0301", "RFC 5246 Appendix E.1", "rsa",
         hello_in_records(record_version=TLS10), SERVERHELLO),
    Case("ClientHello in records of version 0x0300", "RFC 5246 Appendix E.1", "rsa",
         hello_in_records(record_version=0x0300), SERVERHELLO),
    Case("duplicated signature_algorithms", S + "7.4.1.4", "ecdhe",
         hello(extra=[signature_algorithms(RSA_PKCS1_SHA256)]), "alert decode_error"),
    Case("duplicated unknown extension 0x1234", S + "7.4.1.4", "rsa",
         hello(extra=[ext(0x1234), ext(0x1234)]), "alert decode_error"),

    # 6. server_name (RFC 6066 §3): an ASCII DNS name without a trailing dot.
    Case("server_name with a NUL byte", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"local\x00host")), "alert illegal_parameter"),
    Case("server_name with a control character 0x07", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"local\x07host")), "alert illegal_parameter"),
    Case("server_name with an escape sequence", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"\x1b[31mevil")), "alert illegal_parameter"),
    Case("server_name with a non-ASCII byte (c3 a9)", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"caf\xc3\xa9.localhost")), "alert illegal_parameter"),
    Case("server_name with a space", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"local host")), "alert illegal_parameter"),
    Case("server_name with a trailing dot", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"localhost.")), "alert illegal_parameter"),
    Case("server_name localhost", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"localhost")), SERVERHELLO),
    Case("server_name empty (length 0)", "RFC 6066 §3", "rsa",
         hello(extensions=HOST(b"")), "alert decode_error"),
    Case("server_name list length disagrees with the extension", "RFC 6066 §3, " + S + "7.2.2",
         "rsa", hello(extensions=[ext(SERVER_NAME, u16(20) + u8(0) + vec16(b"localhost"))]),
         "alert decode_error"),

    # 7. Warning alerts in a loop (CVE-2016-8610, "SSL Death Alert").
    Case("10 warning alerts no_renegotiation during the handshake", "CVE-2016-8610, " + S + "7.2",
         "rsa", warnings(NO_RENEGOTIATION), "alert unexpected_message"),
    Case("10 warning alerts user_canceled during the handshake", "CVE-2016-8610, " + S + "7.2",
         "rsa", warnings(USER_CANCELED), "alert unexpected_message"),

    # 8. EC point formats (RFC 8422 §5.1.2).
    Case("ec_point_formats [ansiX962_compressed_prime] with x25519", "RFC 8422 §5.1.2", "ecdhe",
         hello(replace=[ec_point_formats(ANSIX962_COMPRESSED_PRIME)]),
         "alert illegal_parameter"),
    Case("ec_point_formats with an empty list", "RFC 8422 §5.1.2", "ecdhe",
         hello(replace=[ec_point_formats()]), "alert decode_error"),

    # 9. Versions, suites, compression, renegotiation_info, lengths.
    Case("client_version 0x0300 (SSL 3.0)", "RFC 5246 Appendix E.1", "rsa",
         hello(version=0x0300), "alert protocol_version"),
    Case("client_version 0x0302 (TLS 1.1)", "RFC 5246 Appendix E.1", "rsa",
         hello(version=TLS11), "alert protocol_version"),
    Case("client_version 0x0304: the server answers 0x0303", "RFC 5246 Appendix E.1", "rsa",
         hello(server_version, version=0x0304), "serverhello 0x0303"),
    Case("client_version 0x0305: the server answers 0x0303", "RFC 5246 Appendix E.1", "rsa",
         hello(server_version, version=0x0305), "serverhello 0x0303"),
    Case("compression methods without null (only 1)", S + "7.4.1.2", "rsa",
         hello(compressions=(1,)), "alert illegal_parameter"),
    Case("compression methods empty", S + "7.4.1.2", "rsa",
         hello(compressions=()), "alert decode_error"),
    Case("TLS_FALLBACK_SCSV with client_version 0x0303 (no fallback)", "RFC 7507 §3", "rsa",
         hello(suites=[OWN, TLS_FALLBACK_SCSV]), SERVERHELLO),
    Case("no cipher suite in common", S + "7.4.1.3", "rsa",
         hello(suites=[0x002F, 0xC02F]), "alert handshake_failure"),
    Case("cipher_suites empty", S + "7.4.1.2", "rsa",
         hello(suites=[]), "alert decode_error"),
    Case("renegotiation_info not empty in a first ClientHello", "RFC 5746 §3.6", "rsa",
         hello(replace=[renegotiation_info(b"\x00" * 12)]),
         "alert handshake_failure"),
    Case("trailing bytes after the extensions", S + "7.4.1.2, §7.2.2", "rsa",
         hello(trailing=b"\x00\x00"), "alert decode_error"),
    Case("session_id of 33 bytes", S + "7.4.1.2", "rsa",
         hello(session_id=b"\x01" * 33), "alert decode_error"),
    Case("record version major byte 2 (0x0203)", S + "6.2.1, Appendix E.1", "rsa",
         first_bytes(lambda s: record(HANDSHAKE, client_hello(s), 0x0203)),
         ("alert protocol_version", "alert decode_error"), observe=True),
    Case("record of length 2^14 + 2049", S + "6.2.1, §7.2.2", "rsa",
         first_bytes(lambda s: record(HANDSHAKE, b"\x01" * (2**14 + 2049))),
         "alert record_overflow"),
    Case("zero-length handshake record", S + "6.2.1", "rsa",
         first_bytes(lambda s: record(HANDSHAKE, b"")),
         ("alert decode_error", "alert unexpected_message"), observe=True),
    Case("unknown handshake type 99 instead of ClientHello", S + "7.4", "rsa",
         first_bytes(lambda s: record(HANDSHAKE, handshake(99, b"\x00" * 8))),
         "alert unexpected_message"),

    # 10. The whole null-suite handshake, done by this client.
    Case("null handshake: the server's Finished verifies", S + "7.4.9", "null",
         finished(), "handshake complete"),
    Case("Finished with wrong verify_data", S + "7.4.9", "null",
         finished(verify_data=b"\x00" * 12), "alert decrypt_error"),
    Case("Finished record with a bad MAC", S + "6.2.3.1", "null",
         finished(corrupt_mac=True), "alert bad_record_mac"),
    Case("premaster with bad PKCS#1 padding: no oracle, the Finished fails",
         S + "7.4.7.1", "null",
         finished(encrypt=lambda m, n, e: pkcs1_encrypt(m, n, e, block_type=1)),
         "alert bad_record_mac"),
    Case("premaster with version 0x0301: no oracle, the Finished fails", S + "7.4.7.1", "null",
         finished(premaster=u16(TLS10) + os.urandom(46)), "alert bad_record_mac"),
    Case("ClientKeyExchange with a trailing byte", S + "7.4.7.1, §7.2.2", "null",
         after_key_exchange(ckx_trailing=b"\x00"), "alert decode_error"),
    Case("application data with a bad MAC after the handshake", S + "6.2.3.1", "null",
         after_handshake(protected_record(APPLICATION_DATA, b"GET / HTTP/1.1\r\n\r\n", True)),
         "alert bad_record_mac"),
    Case("protected record of 2^14 + 1025 bytes of content", S + "6.2.1, §7.2.2", "null",
         after_handshake(protected_record(APPLICATION_DATA, b"x" * (2**14 + 1025))),
         "alert record_overflow"),
    Case("close_notify after the handshake: the server answers close_notify", S + "7.2.1",
         "null", after_handshake(protected_record(ALERT, alert(1, 0))), "warning close_notify"),
    Case("renegotiation (a second ClientHello with the secure renegotiation_info)",
         S + "7.2.2, RFC 5746 §3.5", "null", after_handshake(renegotiate),
         ("warning no_renegotiation", "alert no_renegotiation", "alert handshake_failure"),
         observe=True),
    Case("HTTP GET after the handshake: 200, the file, close_notify", "RFC 2818, " + S + "7.2.1",
         "null", after_handshake(http_get), "200, whole body, then warning close_notify"),
]
CASES += CASES13  # TLS 1.3: tls13.py


# --- The runner ----------------------------------------------------------------


# The serves: one per TLS 1.2 suite (its name), and the TLS 1.3 ones of tls13.py.
SERVES = list(SUITES) + ["tls13", "hrr"]
CONNS = {"tls13": Conn13, "hrr": Conn13}


def run_case(case, port):
    try:
        conn = CONNS.get(case.suite, Conn)(port, case.suite)
    except OSError as err:
        return "no connection (%s)" % err
    try:
        return case.run(conn)
    except Ended as ended:
        return ended.outcome
    except ValueError as err:  # the server's answer did not parse
        return "unparsable answer (%s)" % err
    except Exception as err:  # a bug here, not in the server: say so, go on
        return "client error (%s: %s)" % (type(err).__name__, err)
    finally:
        conn.close()


def report(case, got):
    where = "%s (%s)" % (case.name, case.rfc)
    if got in case.wants:
        print("ok - " + where)
        if case.observe:
            print("    # observed: " + got)
    else:
        print("not ok - %s: got %s, want %s" % (where, got, case.want_text()))
    sys.stdout.flush()


def main(argv):
    if argv == ["--list"]:
        for case in CASES:
            print("%-6s %-70s %-28s %s" % (case.suite, case.name, case.rfc, case.want_text()))
        return 0
    ports, only = {}, ""
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-k" and args:
            only = args.pop(0)
        elif arg.partition("=")[0] in SERVES and arg.partition("=")[2].isdigit():
            ports[arg.partition("=")[0]] = int(arg.partition("=")[2])
        else:
            sys.exit(__doc__)
    cases = [c for c in CASES if only in c.name]
    results = {}
    done = threading.Condition()

    def worker(suite):  # one serve handles one connection at a time
        for case in cases:
            if case.suite == suite:
                got = run_case(case, ports[suite]) if suite in ports else "no serve for " + suite
                with done:
                    results[case] = got
                    done.notify_all()

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in SERVES]
    for t in threads:
        t.start()
    failed = 0
    deadline = time.time() + 240  # a stuck client still prints every line
    for case in cases:  # print in table order, each as soon as it is known
        with done:
            if not done.wait_for(lambda: case in results, timeout=max(0, deadline - time.time())):
                results[case] = "no result (the client is stuck)"
        report(case, results[case])
        failed += results[case] not in case.wants
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
