#!/usr/bin/env python3
"""Peers that a class of students might be, against `tlsstep serve` on
127.0.0.1 (tests/class/class.sh). Each prints one result line.

  idle PORT N SECONDS      open N sockets, send nothing, print "ready", hold
                           them SECONDS (or until killed); then print how
                           many the server had closed ("closed K")
  refused PORT             connect, read until the server closes: "bytes HEX
                           seconds S" (what arrived, and when it closed)
  half PORT                a real ClientHello (Python's ssl), read the
                           server's first bytes, then close mid-handshake:
                           "half-closed after N bytes"
  slow PORT DELAY          a real ClientHello sent one byte every DELAY
                           seconds: "closed after S seconds, sent N of M"
  bigreq PORT CA SIZE      a verified TLS connection, then a GET whose head
                           is SIZE bytes: "status 200" or "error: ..."
  trickle PORT CA DELAY    a verified TLS connection, then a GET sent one
                           byte every DELAY seconds: "closed after S seconds,
                           sent N of M"
"""
import socket
import ssl
import sys
import time


def connect(port):
    return socket.create_connection(("127.0.0.1", int(port)), 5)


def idle(port, n, seconds):
    socks = [connect(port) for _ in range(int(n))]
    print("ready", flush=True)
    end = time.time() + float(seconds)
    while time.time() < end:
        time.sleep(0.1)
    closed = 0
    for s in socks:
        s.setblocking(False)
        try:
            closed += s.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    print("closed %d" % closed, flush=True)


def refused(port):
    s = connect(port)
    t0 = time.time()
    got = b""
    try:
        while True:
            b = s.recv(4096)
            if not b:
                break
            got += b
    except OSError:
        pass
    print("bytes %s seconds %.2f" % (got.hex(), time.time() - t0))


def client_hello():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    inb, outb = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inb, outb, server_hostname="localhost")
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return outb.read()


def half(port):
    s = connect(port)
    s.sendall(client_hello())
    got = s.recv(4096)
    s.close()
    print("half-closed after %d bytes" % len(got))


def slow(port, delay):
    hello = client_hello()
    s = connect(port)
    t0 = time.time()
    sent = 0
    try:
        for b in hello:
            s.sendall(bytes([b]))
            sent += 1
            s.settimeout(float(delay))
            try:
                if s.recv(4096) == b"":
                    break
            except socket.timeout:
                pass
    except OSError:
        pass
    print("closed after %.1f seconds, sent %d of %d" % (time.time() - t0, sent, len(hello)))


def bigreq(port, ca, size):
    ctx = ssl.create_default_context(cafile=ca)
    try:
        with ctx.wrap_socket(connect(port), server_hostname="localhost") as t:
            head = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: "
            pad = int(size) - len(head) - 4
            t.sendall((head + "a" * max(pad, 0) + "\r\n\r\n").encode())
            data = b""
            while True:
                b = t.recv(65536)
                if not b:
                    break
                data += b
        print("status %s" % data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else "no response")
    except (ssl.SSLError, OSError) as e:
        print("error: %s" % e)


def trickle(port, ca, delay):
    ctx = ssl.create_default_context(cafile=ca)
    req = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + b"a" * 200 + b"\r\n\r\n"
    sent = 0
    with ctx.wrap_socket(connect(port), server_hostname="localhost") as t:
        t0 = time.time()
        try:
            for b in req:
                t.sendall(bytes([b]))
                sent += 1
                t.settimeout(float(delay))
                try:
                    if t.recv(4096) == b"":
                        break
                except socket.timeout:
                    pass
        except (ssl.SSLError, OSError):
            pass
    print("closed after %.1f seconds, sent %d of %d" % (time.time() - t0, sent, len(req)))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"idle": idle, "refused": refused, "half": half, "slow": slow, "bigreq": bigreq,
     "trickle": trickle}[cmd](*args)


if __name__ == "__main__":
    main()
