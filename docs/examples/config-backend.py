#!/usr/bin/env python3
"""A configuration backend for OpenStreamer's SRT port ranges (see docs/srt-config-backend.md).

Each author gets a stream named author-N, its own SRT port (FIRST_PORT + N) and its own
passphrase. OpenStreamer polls GET <base>streams and asks GET <base>srt_port_resolve/PORT when
a caller shows up on a port it has not resolved yet.

    python3 config-backend.py --listen 12345 --authors 100 --first-port 2345

then point the server at it:

    curl -u admin:PASSWORD -X PUT http://localhost:8080/streamer/api/v3/config \
      -H 'Content-Type: application/json' \
      --data '{"listeners": {"srt": [{"mode": "publish", "ports": {"first": 2345, "last": 2444}}]},
               "config_external": "http://127.0.0.1:12345/config_backend/"}'
"""
import argparse
import hashlib
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PREFIX = "/config_backend/"


def passphrase(author):
    """A per-author secret; a real backend stores one per author instead of deriving it."""
    return hashlib.sha256(f"demo-secret-{author}".encode()).hexdigest()[:24]


class Backend(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep connections open: the server sends lookups back to back
    authors = 0
    first_port = 2345
    delay = 0.0
    removed = set()

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == PREFIX + "streams":
            streams = [{"name": f"author-{n}",
                        "inputs": [{"url": "publish://"}],
                        "srt_publish": {"passphrase": passphrase(n)}}
                       for n in range(self.authors) if n not in self.removed]
            self.reply(200, "application/json", json.dumps({"streams": streams}))
        elif url.path.startswith(PREFIX + "srt_port_resolve/"):
            time.sleep(self.delay)  # to measure how a slow backend affects admission
            mode = parse_qs(url.query).get("mode", [""])[0]
            try:
                n = int(url.path.rsplit("/", 1)[1]) - self.first_port
            except ValueError:
                n = -1
            if mode == "publish" and 0 <= n < self.authors and n not in self.removed:
                self.reply(200, "text/plain", f"author-{n}")
            else:
                self.reply(404, "text/plain", "no stream for this port")
        else:
            self.reply(404, "text/plain", "not found")

    def reply(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass  # one line per request would drown the console


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--listen", type=int, default=12345, help="TCP port of this backend (default 12345)")
    p.add_argument("--authors", type=int, default=100, help="number of authors (default 100)")
    p.add_argument("--first-port", type=int, default=2345, help="SRT port of author-0 (default 2345)")
    p.add_argument("--delay-ms", type=float, default=0, help="answer srt_port_resolve after this delay")
    p.add_argument("--print-passphrase", type=int, metavar="N", help="print author N's passphrase and exit")
    a = p.parse_args()
    if a.print_passphrase is not None:
        print(passphrase(a.print_passphrase))
        return
    Backend.authors, Backend.first_port, Backend.delay = a.authors, a.first_port, a.delay_ms / 1000
    # A burst of callers means a burst of lookups: Python's default accept queue of 5 would drop
    # connections and make each wait for a TCP retransmission (a second or more).
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", a.listen), Backend)
    print(f"configuration backend on http://127.0.0.1:{a.listen}{PREFIX} "
          f"({a.authors} authors, ports {a.first_port}-{a.first_port + a.authors - 1})", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
