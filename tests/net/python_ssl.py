#!/usr/bin/env python3
"""Python's ssl module, with its defaults, as a peer of tlsstep (helper of
tests/net/python_ssl.sh; not a test itself).

  python_ssl.py offered
      the OpenSSL names of the TLS 1.2 suites ssl.create_default_context()
      offers, one a line
  python_ssl.py client PORT CAFILE CIPHER|default VERSION
      ssl.create_default_context(cafile=CAFILE) (certificate and host name
      "localhost" verified, security level untouched); CIPHER, if not
      "default", is passed to set_ciphers() to pick one of the TLS 1.2 suites
      the default offers (Python has no call that picks a TLS 1.3 suite).
      VERSION: "1.2" sets maximum_version to TLSv1_2, "1.3" sets
      minimum_version to TLSv1_3, "any" leaves both. Sends GET / on
      127.0.0.1:PORT and prints the negotiated version and cipher, the HTTP
      status and the body's SHA-256; on an SSL error prints
      "error: REASON: MESSAGE" and exits 1.
  python_ssl.py server CERT KEY BODY COUNT VERSION
      ssl.create_default_context(ssl.Purpose.CLIENT_AUTH) with CERT/KEY on
      127.0.0.1, a free port, printed as "listening on 127.0.0.1:PORT";
      VERSION as for the client; answers COUNT connections one after
      another, each one GET with BODY, and prints "conn N: ok VERSION
      CIPHER" or "conn N: error: REASON: ...".
"""
import hashlib
import re
import socket
import ssl
import sys

TIMEOUT = 15


def pin_version(ctx, version):
    """Holds ctx to TLS 1.2 ("1.2") or 1.3 ("1.3"); "any" keeps its defaults."""
    if version == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif version == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    elif version != "any":
        raise SystemExit("VERSION must be 1.2, 1.3 or any, not %r" % version)


def offered():
    ctx = ssl.create_default_context()
    for c in ctx.get_ciphers():
        if c["protocol"] != "TLSv1.3":
            print(c["name"])


def client(port, cafile, cipher, version):
    ctx = ssl.create_default_context(cafile=cafile)
    pin_version(ctx, version)
    level = ctx.security_level
    if cipher != "default":
        names = [c["name"] for c in ctx.get_ciphers()]
        if cipher not in names:
            print("error: %s is not among the default context's suites" % cipher)
            return 2
        ctx.set_ciphers(cipher)
        if ctx.security_level != level:  # set_ciphers must only pick the suite
            print("error: security level changed from %d to %d" % (level, ctx.security_level))
            return 2
    print("security level: %d" % ctx.security_level)
    try:
        with socket.create_connection(("127.0.0.1", int(port)), TIMEOUT) as raw:
            with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                print("version: %s" % s.version())
                print("cipher: %s" % s.cipher()[0])
                s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
    except ssl.SSLError as e:
        print("error: %s: %s" % (e.reason, e))
        return 1
    except OSError as e:
        print("error: OSError: %s" % e)
        return 1
    head, _, body = data.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].decode("latin-1")
    m = re.search(rb"\r\ncontent-length: *(\d+)", head, re.I)
    if m and len(body) >= int(m.group(1)):
        body = body[:int(m.group(1))]
    print("status: %s" % status)
    print("body sha256: %s" % hashlib.sha256(body).hexdigest())
    return 0


def server(cert, key, bodyfile, count, version):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    pin_version(ctx, version)
    ctx.load_cert_chain(cert, key)
    body = open(bodyfile, "rb").read()
    reply = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
             b"Connection: close\r\n\r\n" % len(body)) + body
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(1)
    print("listening on 127.0.0.1:%d" % ls.getsockname()[1], flush=True)
    for n in range(1, int(count) + 1):
        raw, _ = ls.accept()
        raw.settimeout(TIMEOUT)
        try:
            with ctx.wrap_socket(raw, server_side=True) as s:
                print("conn %d: ok %s %s" % (n, s.version(), s.cipher()[0]), flush=True)
                req = b""
                while b"\r\n\r\n" not in req:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    req += chunk
                s.sendall(reply)
                s.unwrap()  # close_notify, then the client's
        except ssl.SSLError as e:
            print("conn %d: error: %s: %s" % (n, e.reason, e), flush=True)
        except OSError as e:
            print("conn %d: error: OSError: %s" % (n, e), flush=True)
        finally:
            raw.close()
    return 0


def main(argv):
    if argv[1:2] == ["offered"]:
        offered()
        return 0
    if argv[1:2] == ["client"] and len(argv) == 6:
        return client(*argv[2:])
    if argv[1:2] == ["server"] and len(argv) == 7:
        return server(*argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
