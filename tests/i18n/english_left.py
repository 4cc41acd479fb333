#!/usr/bin/env python3
"""English left in Korean output: reads text (files or stdin) that tlsstep
printed in Korean and reports every line holding an English word that is not
a protocol word, a field or value name, hex, a command or a file name.

Usage: english_left.py [--allow WORD]... [FILE...]
Exit status 1 and one line per finding when English is left; 0 otherwise.

Also reports Korean particles after numbers that do not match how the number
is read ("레코드 3를" should be "3을": 3 is read 삼, which ends in a
consonant), since a translation that puts a particle after a number it
cannot see is the usual source of that mistake."""
import re
import sys

# Protocol, algorithm and tool words that stay English in a Korean screen, as
# in Wireshark's Korean UI: message and extension names, algorithms, units a
# Korean reader writes in Latin letters too.
ALLOW = set("""
TLS SSL SSLv2 SSLv3 DTLS HTTPS HTTP GET POST HEAD OK Host Content Type Length Server Connection
ClientHello ServerHello Certificate CertificateRequest CertificateVerify ServerKeyExchange
ClientKeyExchange ServerHelloDone ChangeCipherSpec Finished HelloRequest NewSessionTicket
EncryptedExtensions HelloRetryRequest KeyUpdate ApplicationData Alert Handshake
RSA DHE ECDHE DH ECDH ECDSA DSA PSS PKCS AES GCM CBC CHACHA ChaCha ChaCha20 Poly1305 POLY
SHA SHA1 SHA256 SHA384 SHA512 MD5 HMAC PRF HKDF AEAD MAC IV CA PKI DER PEM ASN BER OID
X25519 x25519 ffdhe ffdhe2048 ffdhe3072 ffdhe4096 ffdhe6144 ffdhe8192 NULL null
X509 CN SAN OU DN UTC GMT RFC CVE NIST FIPS IANA BEAST ROBOT POODLE DROWN FREAK Logjam
Bleichenbacher Fermat GCD Hastad Håstad Apple goto fail Heartbleed Debian OpenSSL openssl curl
GnuTLS gnutls Wireshark wireshark tshark NSS SSLKEYLOGFILE pcap pcapng JSON YAML Markdown
UTF ASCII ID id hex base64 Base64 tlsstep PID TCP IP IPv4 IPv6 localhost NO_COLOR OSC tmux
Enter Esc Tab Backspace PgUp PgDn Home End Space Ctrl Alt Shift Del
e n p g G q a l d r y j k h x c s v w t u m i o b f z
CLIENT_RANDOM SHA-256 SHA-384 GMP libsodium ncurses ncursesw Diffie-Hellman DigestInfo
RSA-encrypt RSA-decrypt RSA-sign RSA-verify pad mac phi mod gcd
HKDF-Extract HKDF-Expand HKDF-Expand-Label Expand-Label Derive-Secret IKM PRK TLS13-KDF
Transcript-Hash RSA-PSS-sign RSA-PSS-verify RSA-PSS TLSInnerPlaintext DOWNGRD
""".split())
# Notation in formulas (RSA-encrypt(k, pad(m)), key_block[0 .. mac), phi(n),
# e*d mod phi(n)) stays as written, like PRF(...) and HMAC(...).

HEX = re.compile(r'^[0-9a-fA-F]+$')
# A function of an RFC's notation with its arguments, which stay as the RFC
# names them: HKDF-Extract(salt, IKM), Derive-Secret(secret, label, messages),
# Transcript-Hash(ClientHello..ServerHello) (RFC 8446 4.4.1).
NOTATION = re.compile(r'\b(?:HKDF-Extract|HKDF-Expand-Label|HKDF-Expand|Derive-Secret|Transcript-Hash|PRF|HMAC)\([^()]*\)')
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'_.\-/:#=+]*")
# From these on, the rest of the line is a command or a path to copy.
COMMAND = re.compile(r'(\$ |\btlsstep [a-z]|\bopenssl [a-z]|\bcurl |\bgnutls-cli|\bpython3 |\bprintf |\becho |\bxxd |\bmake [a-z])')
HANGUL = re.compile('[\uac00-\ud7a3]')

# How a number's last digit (or its last power of ten) is read: True when
# the reading ends in a consonant (받침), so 을/이/은/과/으로 follow.
def ends_in_consonant(num):
    digits = num.lstrip('0') or '0'
    last = digits[-1]
    if last != '0':
        return last in '01367 8'.replace(' ', '')  # 일 삼 육 칠 팔, 영 (0)
    # 10 십, 100 백, 1000 천, 10000 만: all end in a consonant
    return True

PARTICLES = {  # after consonant, after vowel
    ('을', '를'), ('이', '가'), ('은', '는'), ('과', '와'),
}
PARTICLE_AFTER_NUMBER = re.compile(r'(?<![0-9A-Za-z.])([0-9]+)(을|를|이|가|은|는|과|와)(?![\uac00-\ud7a3])')


def allowed(word, extra):
    w = word.strip(".:-/=#+'")
    if not w:
        return True
    if w in ALLOW or w in extra or w.lower() in ALLOW:
        return True
    if '_' in w or '/' in w or '.' in w[1:] or '=' in w or ':' in w:
        return True  # identifiers, field names, paths, key=value, host:port
    if any(ch.isdigit() for ch in w):
        return True  # TLS1.2, 0x0303, rsa2048, AES256
    if HEX.match(w) and len(w) >= 4:
        return True
    if w.isupper() and len(w) <= 6:
        return True  # acronyms
    if w.startswith('-'):
        return True  # an option
    if '-' in w and w == w.lower():
        return True  # an identifier: a lesson id (rsa-handshake), a flaw (no-verify)
    return False


def check(lines, extra, label):
    found = 0
    for n, line in enumerate(lines, 1):
        cut = COMMAND.search(line)
        text = line[:cut.start()] if cut else line
        text = re.sub(r'--[a-z][a-z0-9-]*', ' ', text)   # options
        text = re.sub(r'`[^`]*`', ' ', text)               # code spans
        text = NOTATION.sub(' ', text)                     # f(args) of an RFC's formula
        bad = [w for w in WORD.findall(text) if not allowed(w, extra)]
        if bad:
            found += 1
            print(f'{label}:{n}: English left: {" ".join(bad[:8])}  |  {line.strip()[:150]}')
        for m in PARTICLE_AFTER_NUMBER.finditer(text):
            num, p = m.group(1), m.group(2)
            for cons, vow in PARTICLES:
                if p in (cons, vow):
                    want = cons if ends_in_consonant(num) else vow
                    if p != want:
                        found += 1
                        print(f'{label}:{n}: particle: "{num}{p}" should be "{num}{want}"  |  {line.strip()[:150]}')
    return found


def main(argv):
    extra = set()
    files = []
    i = 0
    while i < len(argv):
        if argv[i] == '--allow' and i + 1 < len(argv):
            extra.update(argv[i + 1].split(','))
            i += 2
        else:
            files.append(argv[i])
            i += 1
    total = 0
    if not files:
        total += check(sys.stdin.read().splitlines(), extra, '<stdin>')
    for f in files:
        with open(f, encoding='utf-8', errors='replace') as fh:
            total += check(fh.read().splitlines(), extra, f)
    return 1 if total else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
