#!/usr/bin/env python3
"""A negative conformance table for `tlsstep serve`, written without tlsstep.

An independent TLS 1.2 client, in the Python standard library only, sends
malformed or unusual input to `tlsstep serve` on 127.0.0.1 and checks the
exact answer against the RFC: the alert the RFC names, or, for input that
is well formed, the right ServerHello. For the null suite
(TLS_RSA_WITH_NULL_SHA256) it does a whole handshake itself (RSA key
exchange, the TLS 1.2 PRF, records protected only by HMAC-SHA256) so that it
can test what comes after the handshake too.

  conformance.py rsa=PORT ecdhe=PORT dhe=PORT null=PORT [-k TEXT]
  conformance.py --list

One `tlsstep serve` per suite (the suite it picks), each serving one
connection after another; every case is a fresh TCP connection. Each case
prints one line:

  ok - CASE (RFC §)
  not ok - CASE (RFC §): got X, want Y

where X and Y are outcomes: "alert NAME" (a fatal alert), "warning NAME",
"closed" (closed without an alert), "timeout" (nothing for READ_TIME
seconds), "serverhello" or what a positive case inspected in the server's
first flight. -k TEXT runs only the cases whose name contains TEXT;
--list prints the table without running it.

The table is at the end of this file: CASES, one row per case, in the
order of the specifications.
"""
import hashlib
import hmac
import os
import socket
import struct
import sys
import threading
import time

READ_TIME = 4.5  # seconds; serve is started with --timeout 5

# --- Numbers from the RFCs ---------------------------------------------------

TLS10, TLS11, TLS12 = 0x0301, 0x0302, 0x0303

# Record content types (RFC 5246 §6.2.1, RFC 6520 for heartbeat).
CHANGE_CIPHER_SPEC, ALERT, HANDSHAKE, APPLICATION_DATA, HEARTBEAT = 20, 21, 22, 23, 24

# Handshake message types (RFC 5246 §7.4).
CLIENT_HELLO, SERVER_HELLO, CERTIFICATE, SERVER_KEY_EXCHANGE = 1, 2, 11, 12
SERVER_HELLO_DONE, CLIENT_KEY_EXCHANGE, FINISHED = 14, 16, 20

# The suite each `serve --suite` picks (DESIGN §1).
SUITES = {"rsa": 0x009D, "ecdhe": 0xCCA8, "dhe": 0xCCAA, "null": 0x003B}
EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF  # RFC 5746 §3.3
TLS_FALLBACK_SCSV = 0x5600  # RFC 7507 §2
OWN = "own"  # in a list of suites: the one `serve --suite` picks

# Extension types (IANA "TLS ExtensionType Values").
EXTENSION_NAMES = {
    0: "server_name", 5: "status_request", 10: "supported_groups",
    11: "ec_point_formats", 13: "signature_algorithms", 15: "heartbeat",
    16: "application_layer_protocol_negotiation", 21: "padding",
    22: "encrypt_then_mac", 23: "extended_master_secret", 35: "session_ticket",
    0xFF01: "renegotiation_info",
}
NAME_TO_EXTENSION = {name: code for code, name in EXTENSION_NAMES.items()}
SERVER_NAME, SUPPORTED_GROUPS, EC_POINT_FORMATS = 0, 10, 11
SIGNATURE_ALGORITHMS, PADDING, RENEGOTIATION_INFO = 13, 21, 0xFF01

# SignatureScheme values (RFC 8446 §4.2.3, the TLS 1.2 pairs of RFC 5246 §7.4.1.4.1).
SIGNATURE_NAMES = {0x0201: "rsa_pkcs1_sha1", 0x0401: "rsa_pkcs1_sha256",
                   0x0501: "rsa_pkcs1_sha384", 0x0601: "rsa_pkcs1_sha512"}
RSA_PKCS1_SHA1, RSA_PKCS1_SHA256 = 0x0201, 0x0401
RSA_PKCS1_SHA384, RSA_PKCS1_SHA512 = 0x0501, 0x0601
SIGNATURE_HASH = {0x0201: "sha1", 0x0401: "sha256", 0x0501: "sha384", 0x0601: "sha512"}
# The DER DigestInfo before the hash in a PKCS#1 v1.5 signature (RFC 8017 §9.2).
DIGEST_INFO = {
    "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
    "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
    "sha384": bytes.fromhex("3041300d060960864801650304020205000430"),
    "sha512": bytes.fromhex("3051300d060960864801650304020305000440"),
}

# Named groups (RFC 8422 §5.1.1, RFC 7919 §2).
SECP256R1, X25519 = 0x0017, 0x001D
FFDHE = {0x0100: 2048, 0x0101: 3072, 0x0102: 4096, 0x0103: 6144, 0x0104: 8192}
FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192 = sorted(FFDHE)

# ECPointFormat (RFC 8422 §5.1.2).
UNCOMPRESSED, ANSIX962_COMPRESSED_PRIME = 0, 1

# Alert descriptions (RFC 5246 §7.2, RFC 5746, RFC 7507, RFC 8446 §6).
ALERT_NAMES = {
    0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac",
    21: "decryption_failed", 22: "record_overflow", 30: "decompression_failure",
    40: "handshake_failure", 42: "bad_certificate", 43: "unsupported_certificate",
    44: "certificate_revoked", 45: "certificate_expired", 46: "certificate_unknown",
    47: "illegal_parameter", 48: "unknown_ca", 49: "access_denied",
    50: "decode_error", 51: "decrypt_error", 70: "protocol_version",
    71: "insufficient_security", 80: "internal_error", 86: "inappropriate_fallback",
    90: "user_canceled", 100: "no_renegotiation", 109: "missing_extension",
    110: "unsupported_extension", 112: "unrecognized_name",
}
USER_CANCELED, NO_RENEGOTIATION = 90, 100


def ffdhe_prime(bits):
    """The RFC 7919 Appendix A prime of `bits` bits, from the RFC's formula:
    p = 2^b - 2^(b-64) + {[2^(b-130) e] + X} * 2^64 - 1."""
    x = {2048: 560316, 3072: 2625351, 4096: 5736041, 6144: 15705020, 8192: 10965728}[bits]
    # [2^k e] = the sum of 2^k / n!, computed with 64 guard bits.
    scale = 1 << (bits - 130 + 64)
    e_scaled, term, n = 0, scale, 0
    while term:
        e_scaled += term
        n += 1
        term //= n
    return 2**bits - 2**(bits - 64) + ((e_scaled >> 64) + x) * 2**64 - 1


FFDHE_PRIMES = {bits: ffdhe_prime(bits) for bits in FFDHE.values()}

# --- Bytes on the wire (RFC 5246 §4) -----------------------------------------


def u8(n):
    return struct.pack(">B", n)


def u16(n):
    return struct.pack(">H", n)


def u24(n):
    return n.to_bytes(3, "big")


def vec8(data):
    return u8(len(data)) + data


def vec16(data):
    return u16(len(data)) + data


def vec24(data):
    return u24(len(data)) + data


def u16_list(codes):
    return b"".join(u16(c) for c in codes)


def record(ctype, payload, version=TLS12):
    """A TLSPlaintext record (RFC 5246 §6.2.1)."""
    return u8(ctype) + u16(version) + vec16(payload)


def handshake(htype, body):
    """A handshake message: type, uint24 length, body (RFC 5246 §7.4)."""
    return u8(htype) + vec24(body)


def alert(level, description):
    return u8(level) + u8(description)


def heartbeat_request():
    """A HeartbeatMessage (RFC 6520 §4): request, 16 bytes of payload, 16 of padding."""
    return u8(1) + u16(16) + b"p" * 16 + b"\x00" * 16


def sslv2_client_hello(suite):
    """An SSL 2.0-format ClientHello (RFC 5246 Appendix E.2): a 2-byte length
    with the top bit set, msg_type 1, version 3.3, then the cipher specs (3
    bytes each), an empty session id and a 16-byte challenge."""
    specs = b"".join(b"\x00" + u16(code) for code in (suite, 0x00FF))
    body = (u8(1) + u16(TLS12) + u16(len(specs)) + u16(0) + u16(16) + specs
            + os.urandom(16))
    return u16(0x8000 | len(body)) + body


class Reader:
    """Reads fields from bytes; running past the end raises ValueError."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise ValueError("truncated")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def int(self, n):
        return int.from_bytes(self.take(n), "big")

    def vec(self, length_bytes):
        return self.take(self.int(length_bytes))

    def done(self):
        return self.pos == len(self.data)


# --- Extensions (RFC 5246 §7.4.1.4 and the RFCs that define each one) --------


def ext(etype, data=b""):
    return u16(etype) + vec16(data)


def ext_type(extension):
    return int.from_bytes(extension[:2], "big")


def server_name(host_name):
    """RFC 6066 §3: a ServerNameList with one host_name (type 0)."""
    return ext(SERVER_NAME, vec16(u8(0) + vec16(host_name)))


def signature_algorithms(*schemes):
    """RFC 5246 §7.4.1.4.1."""
    return ext(SIGNATURE_ALGORITHMS, vec16(u16_list(schemes)))


def supported_groups(*groups):
    """RFC 8422 §5.1.1, RFC 7919 §2."""
    return ext(SUPPORTED_GROUPS, vec16(u16_list(groups)))


def ec_point_formats(*formats):
    """RFC 8422 §5.1.2."""
    return ext(EC_POINT_FORMATS, vec8(bytes(formats)))


def renegotiation_info(renegotiated_connection=b""):
    """RFC 5746 §3.2: empty in a first handshake."""
    return ext(RENEGOTIATION_INFO, vec8(renegotiated_connection))


def default_extensions(suite):
    """What a modest, correct TLS 1.2 client sends for `suite`."""
    exts = [server_name(b"localhost"), signature_algorithms(RSA_PKCS1_SHA256),
            renegotiation_info()]
    if suite in ("ecdhe", "dhe"):
        exts.append(supported_groups(X25519, FFDHE2048))
    if suite == "ecdhe":
        exts.append(ec_point_formats(UNCOMPRESSED))
    return exts


def client_hello(suite, version=TLS12, session_id=b"", suites=None, compressions=(0,),
                 extensions=None, replace=(), without=(), extra=(), extensions_block=True,
                 trailing=b""):
    """A ClientHello message (RFC 5246 §7.4.1.2). By default it offers the
    suite `serve --suite suite` picks (OWN in `suites`) and default_extensions(suite);
    `extensions` replaces that list, `replace` puts each extension given in
    the place of the default one of its type, `without` drops types from
    the list, `extra` appends to it, `trailing` comes after the extensions."""
    suites = [SUITES[suite] if s == OWN else s for s in ([OWN] if suites is None else suites)]
    exts = default_extensions(suite) if extensions is None else list(extensions)
    substitutes = {ext_type(e): e for e in replace}
    exts = [substitutes.get(ext_type(e), e) for e in exts if ext_type(e) not in without]
    exts += list(extra)
    body = (u16(version) + os.urandom(32) + vec8(session_id)
            + vec16(u16_list(suites)) + vec8(bytes(compressions)))
    if extensions_block:
        body += vec16(b"".join(exts))
    return handshake(CLIENT_HELLO, body + trailing)


def hello_offers(message):
    """The extension types a ClientHello message offers, and its suites."""
    r = Reader(message[4:])
    r.take(2 + 32)
    r.vec(1)
    suites = Reader(r.vec(2))
    offered_suites = [suites.int(2) for _ in range(len(suites.data) // 2)]
    r.vec(1)
    types = set()
    if not r.done():
        exts = Reader(r.vec(2))
        while not exts.done():
            types.add(exts.int(2))
            exts.vec(2)
    return types, offered_suites


# --- Crypto from the standard library ------------------------------------------


def prf(secret, label, seed, length):
    """The TLS 1.2 PRF with SHA-256: P_SHA256(secret, label + seed) (RFC 5246 §5)."""
    seed = label + seed
    out, a = b"", seed
    while len(out) < length:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:length]


def der_children(data):
    """The (tag, value) pairs of a DER encoding, one level deep."""
    out, r = [], Reader(data)
    while not r.done():
        tag, length = r.int(1), r.int(1)
        if length & 0x80:
            length = r.int(length & 0x7F)
        out.append((tag, r.take(length)))
    return out


def rsa_public_key(cert):
    """(n, e) from an X.509 certificate (RFC 5280 §4.1, RFC 8017 A.1.1)."""
    (_, certificate), = der_children(cert)
    tbs = der_children(der_children(certificate)[0][1])
    if tbs[0][0] == 0xA0:  # [0] EXPLICIT version
        tbs = tbs[1:]
    # serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo
    _, bit_string = der_children(tbs[5][1])[1]
    (_, rsa_key), = der_children(bit_string[1:])  # skip the unused-bits byte
    n, e = (int.from_bytes(v, "big") for _, v in der_children(rsa_key))
    return n, e


def pkcs1_encrypt(message, n, e, block_type=2):
    """RSAES-PKCS1-v1_5 (RFC 8017 §7.2.1): 00 02 PS 00 M, then m^e mod n."""
    k = (n.bit_length() + 7) // 8
    ps = bytes(b % 255 + 1 for b in os.urandom(k - 3 - len(message)))  # non-zero
    em = b"\x00" + u8(block_type) + ps + b"\x00" + message
    return pow(int.from_bytes(em, "big"), e, n).to_bytes(k, "big")


def pkcs1_verify(signature, data, scheme, n, e):
    """RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2) with the hash of `scheme`."""
    name = SIGNATURE_HASH.get(scheme)
    if name is None:
        return False
    k = (n.bit_length() + 7) // 8
    digest = DIGEST_INFO[name] + hashlib.new(name, data).digest()
    want = b"\x00\x01" + b"\xff" * (k - 3 - len(digest)) + b"\x00" + digest
    return pow(int.from_bytes(signature, "big"), e, n).to_bytes(k, "big") == want


# --- A connection -------------------------------------------------------------


class Ended(Exception):
    """The server ended the exchange: its outcome, e.g. "alert decode_error"."""

    def __init__(self, outcome):
        super().__init__(outcome)
        self.outcome = outcome


def alert_outcome(payload):
    if len(payload) != 2:
        return "malformed alert %s" % payload.hex()
    level, description = payload
    name = ALERT_NAMES.get(description, "alert %d" % description)
    return ("alert " if level == 2 else "warning ") + name


class Conn:
    """One TCP connection to serve: records in and out, the handshake
    transcript, and (for the null suite) the HMAC keys of each direction."""

    def __init__(self, port, suite):
        self.suite = suite
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=READ_TIME)
        self.inbuf = b""
        self.hsbuf = b""  # handshake bytes received but not yet a whole message
        self.transcript = b""  # every handshake message, both ways, in order
        self.sent_hello = None
        self.write_mac = self.read_mac = self.pending_read_mac = None
        self.write_seq = self.read_seq = 0

    def close(self):
        self.sock.close()

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            pass  # the server may close first; what it said is read afterwards

    def mac(self, key, seq, ctype, content):
        """The record MAC of RFC 5246 §6.2.3.1."""
        header = struct.pack(">QBHH", seq, ctype, TLS12, len(content))
        return hmac.new(key, header + content, hashlib.sha256).digest()

    def send_record(self, ctype, payload, corrupt_mac=False):
        """One record, with its MAC once ChangeCipherSpec has been sent."""
        if self.write_mac is not None:
            tag = self.mac(self.write_mac, self.write_seq, ctype, payload)
            if corrupt_mac:
                tag = bytes([tag[0] ^ 1]) + tag[1:]
            payload += tag
            self.write_seq += 1
        self.send(record(ctype, payload))

    def send_handshake(self, message, splits=(), record_version=TLS12):
        """A handshake message in the clear, in records of at most 2^14
        bytes, cut also at the offsets in `splits` (RFC 5246 §6.2.1)."""
        if message[0] == CLIENT_HELLO:
            self.sent_hello = message
        self.transcript += message
        cuts = sorted(set(splits) | set(range(0, len(message), 2**14)) | {len(message)})
        self.send(b"".join(record(HANDSHAKE, message[a:b], record_version)
                           for a, b in zip(cuts, cuts[1:])))

    def read_record(self):
        """The next record (type, payload, MAC checked and removed); raises
        Ended("closed") or Ended("timeout")."""
        deadline = time.time() + READ_TIME
        while len(self.inbuf) < 5 or len(self.inbuf) < 5 + int.from_bytes(self.inbuf[3:5], "big"):
            left = deadline - time.time()
            if left <= 0:
                raise Ended("timeout")
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                raise Ended("timeout")
            except OSError:
                raise Ended("closed")
            if not data:
                raise Ended("closed")
            self.inbuf += data
        length = int.from_bytes(self.inbuf[3:5], "big")
        ctype, payload = self.inbuf[0], self.inbuf[5:5 + length]
        self.inbuf = self.inbuf[5 + length:]
        if self.read_mac is not None:
            content, tag = payload[:-32], payload[-32:]
            if not hmac.compare_digest(tag, self.mac(self.read_mac, self.read_seq, ctype, content)):
                raise Ended("record with a bad MAC from the server")
            self.read_seq += 1
            payload = content
        if ctype == CHANGE_CIPHER_SPEC and self.pending_read_mac is not None:
            self.read_mac, self.pending_read_mac = self.pending_read_mac, None
        return ctype, payload

    def read_handshake(self):
        """The next handshake message (type, body); an alert raises Ended."""
        while True:
            if len(self.hsbuf) >= 4:
                end = 4 + int.from_bytes(self.hsbuf[1:4], "big")
                if len(self.hsbuf) >= end:
                    message, self.hsbuf = self.hsbuf[:end], self.hsbuf[end:]
                    self.transcript += message
                    return message[0], message[4:]
            ctype, payload = self.read_record()
            if ctype == ALERT:
                raise Ended(alert_outcome(payload))
            if ctype != HANDSHAKE:
                raise Ended("record of type %d during the handshake" % ctype)
            self.hsbuf += payload

    def outcome(self):
        """Reads until an alert, a close or a time-out; skips everything else."""
        while True:
            ctype, payload = self.read_record()
            if ctype == ALERT:
                return alert_outcome(payload)


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


class Case:
    def __init__(self, name, rfc, suite, run, want, observe=False):
        self.name, self.rfc, self.suite, self.run = name, rfc, suite, run
        self.wants = want if isinstance(want, tuple) else (want,)
        self.observe = observe  # print what was seen even when it passes

    def want_text(self):
        return " or ".join(self.wants)


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


# --- The runner ----------------------------------------------------------------


def run_case(case, port):
    try:
        conn = Conn(port, case.suite)
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
        elif arg.partition("=")[0] in SUITES and arg.partition("=")[2].isdigit():
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

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in SUITES]
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
