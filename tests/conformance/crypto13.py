#!/usr/bin/env python3
"""The crypto of TLS 1.3 with TLS_CHACHA20_POLY1305_SHA256, in the Python
standard library only, for the conformance client (tests/conformance/tls13.py;
not a test itself). Slow and not constant-time: it talks to a test server.

  x25519(k, u)              RFC 7748 §5
  seal(key, nonce, aad, m)  ChaCha20-Poly1305, RFC 8439 §2.8
  open_(key, nonce, aad, c) the same, None when the tag is wrong
  hkdf_extract, hkdf_expand_label, derive_secret   RFC 5869, RFC 8446 §7.1
  pss_verify(n, e, message, signature)   RSASSA-PSS with SHA-256, MGF1-SHA-256,
                                         salt of 32 bytes (rsa_pss_rsae_sha256,
                                         RFC 8446 §4.2.3, RFC 8017 §9.1.2)

`python3 crypto13.py` checks each against the RFCs' own test vectors.
"""
import hashlib
import hmac
import struct
import sys

# --- X25519 (RFC 7748 §5) -----------------------------------------------------

P25519 = 2**255 - 19


def x25519(k, u):
    """The X25519 function of 32-byte scalar k and u-coordinate u."""
    k = bytearray(k)
    k[0] &= 248
    k[31] = (k[31] & 127) | 64
    scalar = int.from_bytes(k, "little")
    x1 = int.from_bytes(u, "little") & ((1 << 255) - 1)
    x2, z2, x3, z3, swap = 1, 0, x1, 1, 0
    for t in reversed(range(255)):
        bit = (scalar >> t) & 1
        swap ^= bit
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = bit
        a, b = (x2 + z2) % P25519, (x2 - z2) % P25519
        aa, bb = a * a % P25519, b * b % P25519
        e = (aa - bb) % P25519
        c, d = (x3 + z3) % P25519, (x3 - z3) % P25519
        da, cb = d * a % P25519, c * b % P25519
        x3 = (da + cb) ** 2 % P25519
        z3 = x1 * (da - cb) ** 2 % P25519
        x2 = aa * bb % P25519
        z2 = e * (aa + 121665 * e) % P25519
    if swap:
        x2, z2 = x3, z3
    return (x2 * pow(z2, P25519 - 2, P25519) % P25519).to_bytes(32, "little")


X25519_BASE = (9).to_bytes(32, "little")

# --- ChaCha20-Poly1305 (RFC 8439) ---------------------------------------------

MASK32 = 0xFFFFFFFF


def _rotl(v, n):
    return ((v << n) & MASK32) | (v >> (32 - n))


def _quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & MASK32
    s[d] = _rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & MASK32
    s[b] = _rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & MASK32
    s[d] = _rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & MASK32
    s[b] = _rotl(s[b] ^ s[c], 7)


def chacha20_block(key, counter, nonce):
    """RFC 8439 §2.3: 64 bytes of key stream."""
    state = ([0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
             + list(struct.unpack("<8I", key)) + [counter] + list(struct.unpack("<3I", nonce)))
    s = list(state)
    for _ in range(10):
        _quarter(s, 0, 4, 8, 12)
        _quarter(s, 1, 5, 9, 13)
        _quarter(s, 2, 6, 10, 14)
        _quarter(s, 3, 7, 11, 15)
        _quarter(s, 0, 5, 10, 15)
        _quarter(s, 1, 6, 11, 12)
        _quarter(s, 2, 7, 8, 13)
        _quarter(s, 3, 4, 9, 14)
    return struct.pack("<16I", *((s[i] + state[i]) & MASK32 for i in range(16)))


def chacha20(key, counter, nonce, data):
    """RFC 8439 §2.4: data XOR the key stream from block `counter` on."""
    stream = b"".join(chacha20_block(key, counter + i, nonce)
                      for i in range((len(data) + 63) // 64))
    return (int.from_bytes(data, "little") ^ int.from_bytes(stream[:len(data)], "little")
            ).to_bytes(len(data), "little")


def poly1305(key, msg):
    """RFC 8439 §2.5: the 16-byte tag of msg under a one-time key."""
    r = int.from_bytes(key[:16], "little") & 0x0FFFFFFC0FFFFFFC0FFFFFFC0FFFFFFF
    s = int.from_bytes(key[16:], "little")
    p, acc = (1 << 130) - 5, 0
    for i in range(0, len(msg), 16):
        acc = (acc + int.from_bytes(msg[i:i + 16] + b"\x01", "little")) * r % p
    return ((acc + s) & ((1 << 128) - 1)).to_bytes(16, "little")


def _pad16(data):
    return b"\x00" * (-len(data) % 16)


def _tag(key, nonce, aad, ciphertext):
    otk = chacha20_block(key, 0, nonce)[:32]
    mac_data = (aad + _pad16(aad) + ciphertext + _pad16(ciphertext)
                + struct.pack("<QQ", len(aad), len(ciphertext)))
    return poly1305(otk, mac_data)


def seal(key, nonce, aad, plaintext):
    """RFC 8439 §2.8: ciphertext || tag."""
    ciphertext = chacha20(key, 1, nonce, plaintext)
    return ciphertext + _tag(key, nonce, aad, ciphertext)


def open_(key, nonce, aad, sealed):
    """The plaintext of seal()'s output, or None when the tag is wrong."""
    if len(sealed) < 16:
        return None
    ciphertext, tag = sealed[:-16], sealed[-16:]
    if not hmac.compare_digest(tag, _tag(key, nonce, aad, ciphertext)):
        return None
    return chacha20(key, 1, nonce, ciphertext)


# --- HKDF and the TLS 1.3 key schedule (RFC 5869, RFC 8446 §7.1) ---------------

HASH = hashlib.sha256
HASH_LEN = 32


def hkdf_extract(salt, ikm):
    return hmac.new(salt or b"\x00" * HASH_LEN, ikm, HASH).digest()


def hkdf_expand(prk, info, length):
    out, block, i = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([i]), HASH).digest()
        out += block
        i += 1
    return out[:length]


def hkdf_expand_label(secret, label, context, length):
    """HKDF-Expand-Label: the HkdfLabel struct with "tls13 " + label."""
    full = b"tls13 " + label
    info = struct.pack(">H", length) + bytes([len(full)]) + full + bytes([len(context)]) + context
    return hkdf_expand(secret, info, length)


def derive_secret(secret, label, transcript):
    """Derive-Secret(Secret, Label, Messages): Messages is the transcript bytes."""
    return hkdf_expand_label(secret, label, HASH(transcript).digest(), HASH_LEN)


def traffic_keys(secret):
    """(key, iv) of a traffic secret for ChaCha20-Poly1305 (RFC 8446 §7.3)."""
    return hkdf_expand_label(secret, b"key", b"", 32), hkdf_expand_label(secret, b"iv", b"", 12)


def finished_verify_data(base_key, transcript):
    """RFC 8446 §4.4.4: HMAC(finished_key, Transcript-Hash(...))."""
    finished_key = hkdf_expand_label(base_key, b"finished", b"", HASH_LEN)
    return hmac.new(finished_key, HASH(transcript).digest(), HASH).digest()


# --- RSASSA-PSS verification (RFC 8017 §9.1.2) ----------------------------------


def _mgf1(seed, length):
    out, counter = b"", 0
    while len(out) < length:
        out += HASH(seed + struct.pack(">I", counter)).digest()
        counter += 1
    return out[:length]


def pss_verify(n, e, message, signature):
    """EMSA-PSS-VERIFY with SHA-256, MGF1-SHA-256 and a 32-byte salt."""
    k = (n.bit_length() + 7) // 8
    if len(signature) != k:
        return False
    em_bits = n.bit_length() - 1
    em_len = (em_bits + 7) // 8
    em = pow(int.from_bytes(signature, "big"), e, n).to_bytes(k, "big")[k - em_len:]
    if em[-1] != 0xBC:
        return False
    masked_db, h = em[:em_len - HASH_LEN - 1], em[em_len - HASH_LEN - 1:-1]
    db = bytes(a ^ b for a, b in zip(masked_db, _mgf1(h, len(masked_db))))
    db = bytes([db[0] & (0xFF >> (8 * em_len - em_bits))]) + db[1:]
    ps_len = em_len - 2 * HASH_LEN - 2
    if db[:ps_len] != b"\x00" * ps_len or db[ps_len] != 1:
        return False
    salt = db[ps_len + 1:]
    return hmac.compare_digest(h, HASH(b"\x00" * 8 + HASH(message).digest() + salt).digest())


# --- The RFCs' test vectors -------------------------------------------------------


def self_test():
    # RFC 7748 §5.2, the first vector.
    k = bytes.fromhex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
    u = bytes.fromhex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
    assert x25519(k, u).hex() == "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"
    # RFC 7748 §6.1: Alice's public key.
    a = bytes.fromhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    assert x25519(a, X25519_BASE).hex() == \
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    # RFC 8439 §2.8.2: the AEAD vector.
    key = bytes(range(0x80, 0xA0))
    nonce = bytes.fromhex("070000004041424344454647")
    aad = bytes.fromhex("50515253c0c1c2c3c4c5c6c7")
    msg = (b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
           b"for the future, sunscreen would be it.")
    sealed = seal(key, nonce, aad, msg)
    assert sealed[-16:].hex() == "1ae10b594f09e26a7e902ecbd0600691"
    assert sealed[:16].hex() == "d31a8d34648e60db7b86afbc53ef7ec2"
    assert open_(key, nonce, aad, sealed) == msg
    assert open_(key, nonce, aad, sealed[:-1] + bytes([sealed[-1] ^ 1])) is None
    # RFC 5869 A.1: HKDF-SHA-256.
    prk = hkdf_extract(bytes.fromhex("000102030405060708090a0b0c"), b"\x0b" * 22)
    assert prk.hex() == "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"
    assert hkdf_expand(prk, bytes.fromhex("f0f1f2f3f4f5f6f7f8f9"), 42).hex() == (
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    # RFC 8448 §3: early secret and "derived".
    early = hkdf_extract(b"", b"\x00" * 32)
    assert early.hex() == "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a"
    assert derive_secret(early, b"derived", b"").hex() == \
        "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba"
    print("crypto13: the RFC 7748, 8439, 5869 and 8448 vectors pass")


if __name__ == "__main__":
    self_test()
    sys.exit(0)
