#!/usr/bin/env python3
"""Hostile clients for bench/fault/matrix.sh. Loopback only.

  matrix_tools.py slowloris HOST PORT CONNECTIONS SECONDS   headers one byte at a time, never finished;
                                                             prints how many the server closed
  matrix_tools.py idle HOST PORT CONNECTIONS SECONDS        TCP connections that send nothing; prints opened/closed
  matrix_tools.py header HOST PORT METHOD PATH BYTES         one request with a header of BYTES; prints the
                                                             status code, or 000 if the server closed first
  matrix_tools.py srtflood HOST PORT SECONDS                 SRT induction and bogus conclusion handshakes
                                                             from fresh source ports; prints packets sent
"""
import os
import random
import select
import socket
import struct
import sys
import time


def slowloris(host, port, n, seconds):
    socks = []
    for _ in range(n):
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(b"GET /streamer/api/v3/streams HTTP/1.1\r\nHost: x\r\n")
        s.setblocking(False)
        socks.append(s)
    end = time.time() + seconds
    closed = set()
    while time.time() < end and len(closed) < n:
        for i, s in enumerate(socks):
            if i in closed:
                continue
            try:
                s.send(b"X-a: b\r\n"[random.randrange(8):][:1])
                p = select.poll()
                p.register(s, select.POLLIN)
                if p.poll(0) and not s.recv(4096):
                    closed.add(i)
            except OSError:
                closed.add(i)
        time.sleep(1)
    print(f"slowloris connections={n} closed_by_server={len(closed)} seconds={seconds}")


def idle(host, port, n, seconds):
    socks, failed = [], 0
    for _ in range(n):
        try:
            s = socket.create_connection((host, port), timeout=5)
            s.setblocking(False)
            socks.append(s)
        except OSError:
            failed += 1
    print(f"idle opened={len(socks)} failed={failed}", flush=True)
    time.sleep(seconds)
    closed = 0
    for s in socks:
        try:
            p = select.poll()  # select() cannot take descriptors past 1024
            p.register(s, select.POLLIN)
            if p.poll(0) and not s.recv(1):
                closed += 1
        except OSError:
            closed += 1
        s.close()
    print(f"idle opened={len(socks)} failed={failed} closed_by_server={closed}")


def handshake(kind, socket_id, cookie):
    # control packet, type 0 (handshake); then the HSv5-style body: version, enc/ext, isn, mss,
    # flow window, handshake type, socket id, cookie, peer address
    header = struct.pack("!IIII", 0x80000000, 0, int(time.time() * 1e6) & 0xFFFFFFFF, 0)
    body = struct.pack("!IHHIIIiII", 4 if kind == 1 else 5, 0, 2 if kind == 1 else 0x4A17,
                       random.getrandbits(31), 1500, 8192, kind, socket_id, cookie)
    return header + body + socket.inet_aton("127.0.0.1") + bytes(12)


def srtflood(host, port, seconds):
    end = time.time() + seconds
    sent = 0
    while time.time() < end:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        for _ in range(50):  # a fresh source port every 50 packets, like many callers
            kind = 1 if random.random() < 0.5 else -1  # induction, or a conclusion with a made-up cookie
            s.sendto(handshake(kind, random.getrandbits(31), random.getrandbits(32)), (host, port))
            sent += 1
        s.close()
        time.sleep(0.001)
    print(f"srtflood packets={sent} seconds={seconds} rate={sent // max(1, seconds)}/s")


def header(host, port, method, path, size):
    s = socket.create_connection((host, port), timeout=30)
    status = "000"
    try:
        s.sendall(f"{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nX-Big: ".encode())
        chunk = b"a" * 65536
        for _ in range(size // len(chunk)):
            s.sendall(chunk)
        s.sendall(b"\r\n\r\n")
    except OSError:
        pass  # the server stopped reading: its answer (if any) is below
    try:
        line = s.makefile("rb").readline().split()
        status = line[1].decode() if len(line) > 1 else "000"
    except OSError:
        pass
    s.close()
    print(status)


if __name__ == "__main__":
    cmd, a = sys.argv[1], sys.argv[2:]
    if cmd == "slowloris":
        slowloris(a[0], int(a[1]), int(a[2]), int(a[3]))
    elif cmd == "idle":
        idle(a[0], int(a[1]), int(a[2]), int(a[3]))
    elif cmd == "header":
        header(a[0], int(a[1]), a[2], a[3], int(a[4]))
    elif cmd == "srtflood":
        srtflood(a[0], int(a[1]), int(a[2]))
    else:
        sys.exit(__doc__)
