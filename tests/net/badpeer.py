#!/usr/bin/env python3
"""A misbehaving TLS peer on 127.0.0.1, for tests/net/badpeer.sh.

  badpeer.py client PORT CASE   connect to PORT (tlsstep serve) and misbehave
  badpeer.py server CASE        listen on a free port, print "listening on
                                127.0.0.1:P" (flushed), accept one connection
                                (tlsstep connect) and misbehave

CASE is one of:
  garbage     bytes that are not TLS (an HTTP request / response)
  truncated   the first 20 bytes of a valid first handshake record, then close
  overlong    a record header whose length is 65535 (above 2^14 + 2048)
  midclose    a valid first flight (ClientHello / ServerHello), then close
  badversion  a ClientHello / ServerHello with the illegal version 3.0
  silent      say nothing, keep the connection open
server only (tlsstep connect offers TLS 1.3 and 1.2, its first key share x25519):
  downgrade   a TLS 1.2 ServerHello whose random ends in the TLS 1.2
              downgrade sentinel "DOWNGRD" 01 (RFC 8446 §4.1.3)
  hrrsame     a HelloRetryRequest asking for x25519, of which the client
              already sent a share (RFC 8446 §4.2.8)

Afterwards it reads what the other side sent, for at most 8 seconds, and
prints one line: "alert N" (the first alert record received, its
description), "closed" (the connection was closed without an alert), or
"timeout" (nothing more within the time; the other side hung).
"""
import hashlib
import os
import socket
import struct
import sys
import time

READ_TIME = 8.0


def record(ctype, payload, version=0x0303):
    return struct.pack(">BHH", ctype, version, len(payload)) + payload


def handshake(htype, body):
    return struct.pack(">B", htype) + len(body).to_bytes(3, "big") + body


def ext(etype, data):
    return struct.pack(">HH", etype, len(data)) + data


def client_hello(version=0x0303):
    suites = [0x009D, 0xCCA8, 0xCCAA, 0x003B, 0x00FF]
    sig_algs = ext(13, struct.pack(">HH", 2, 0x0401))
    groups = ext(10, struct.pack(">HH", 2, 0x001D))
    points = ext(11, b"\x01\x00")
    name = b"localhost"
    sni = ext(0, struct.pack(">HBH", len(name) + 3, 0, len(name)) + name)
    exts = sni + sig_algs + groups + points
    body = (struct.pack(">H", version) + os.urandom(32) + b"\x00"
            + struct.pack(">H", 2 * len(suites)) + b"".join(struct.pack(">H", s) for s in suites)
            + b"\x01\x00" + struct.pack(">H", len(exts)) + exts)
    return record(22, handshake(1, body), 0x0301)


def server_hello(version=0x0303, random=None):
    reneg = ext(0xFF01, b"\x00")
    body = (struct.pack(">H", version) + (random or os.urandom(32)) + b"\x00"
            + struct.pack(">H", 0xCCA8) + b"\x00" + struct.pack(">H", len(reneg)) + reneg)
    return record(22, handshake(2, body))


HRR_RANDOM = hashlib.sha256(b"HelloRetryRequest").digest()  # RFC 8446 §4.1.3


def hello_retry_request(client_hello_record, group):
    """A HelloRetryRequest (RFC 8446 §4.1.4) for a ClientHello record: its
    session id echoed, TLS_AES_256_GCM_SHA384, supported_versions 0x0304,
    key_share naming `group`."""
    sid = client_hello_record[5 + 4 + 2 + 32:]
    sid = sid[1:1 + sid[0]]
    exts = ext(43, struct.pack(">H", 0x0304)) + ext(51, struct.pack(">H", group))
    body = (struct.pack(">H", 0x0303) + HRR_RANDOM + bytes([len(sid)]) + sid
            + struct.pack(">H", 0x1302) + b"\x00" + struct.pack(">H", len(exts)) + exts)
    return record(22, handshake(2, body))


def first_flight(role, version=0x0303):
    return client_hello(version) if role == "client" else server_hello(version)


def misbehave(sock, role, case, hello=b""):
    if case == "downgrade":
        sock.sendall(server_hello(random=os.urandom(24) + b"DOWNGRD\x01"))
    elif case == "hrrsame":
        sock.sendall(hello_retry_request(hello, 0x001D))
    elif case == "garbage":
        sock.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n" if role == "client"
                     else b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    elif case == "truncated":
        sock.sendall(first_flight(role)[:20])
        sock.shutdown(socket.SHUT_WR)
    elif case == "overlong":
        sock.sendall(struct.pack(">BHH", 22, 0x0303, 0xFFFF) + b"\x01" * 64)
    elif case == "midclose":
        sock.sendall(first_flight(role))
        time.sleep(0.2)
        sock.shutdown(socket.SHUT_WR)
    elif case == "badversion":
        sock.sendall(first_flight(role, 0x0300))
    elif case == "silent":
        pass
    else:
        raise SystemExit("unknown case " + case)


def outcome(sock):
    """Reads records until an alert, a close or the time runs out."""
    buf = b""
    end = time.time() + READ_TIME
    while True:
        while len(buf) >= 5:
            ctype, _, length = struct.unpack(">BHH", buf[:5])
            if len(buf) < 5 + length:
                break
            if ctype == 21 and length == 2:
                return "alert %d" % buf[6]
            buf = buf[5 + length:]
        left = end - time.time()
        if left <= 0:
            return "timeout"
        sock.settimeout(left)
        try:
            data = sock.recv(65536)
        except socket.timeout:
            return "timeout"
        except ConnectionResetError:
            return "closed"
        if not data:
            return "closed"
        buf += data


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "client":
        sock = socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=5)
        role, case = "client", sys.argv[3]
    elif len(sys.argv) == 3 and sys.argv[1] == "server":
        lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        lsock.bind(("127.0.0.1", 0))
        lsock.listen(1)
        lsock.settimeout(15)
        print("listening on 127.0.0.1:%d" % lsock.getsockname()[1], flush=True)
        sock, _ = lsock.accept()
        lsock.close()
        role, case = "server", sys.argv[2]
        hello = b""
        if case != "silent":
            sock.settimeout(5)
            hello = sock.recv(65536)  # the ClientHello
    else:
        raise SystemExit(__doc__)
    misbehave(sock, role, case, hello if role == "server" else b"")
    print(outcome(sock), flush=True)
    sock.close()


if __name__ == "__main__":
    main()
