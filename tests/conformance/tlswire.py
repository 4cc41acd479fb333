#!/usr/bin/env python3
"""The TLS wire, for the conformance clients (tests/conformance/; not a test
itself): the numbers of the RFCs, bytes on the wire, extensions, the crypto
the standard library has, one connection to `tlsstep serve` (Conn), and the
row of a conformance table (Case). conformance.py (TLS 1.2) and tls13.py
(TLS 1.3) build on it; only the Python standard library is used.
"""
import hashlib
import hmac
import os
import socket
import struct
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


# --- A row of a table ------------------------------------------------------------


class Case:
    def __init__(self, name, rfc, suite, run, want, observe=False):
        self.name, self.rfc, self.suite, self.run = name, rfc, suite, run
        self.wants = want if isinstance(want, tuple) else (want,)
        self.observe = observe  # print what was seen even when it passes

    def want_text(self):
        return " or ".join(self.wants)
