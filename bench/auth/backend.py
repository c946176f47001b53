"""The on_play backend of bench/auth/run.sh: answers every GET /auth with 200 after DELAY_MS, with
X-AuthDuration, and counts the calls per token and request_type. GET /stats gives the counts as
JSON, GET /reset clears them.

    python3 backend.py PORT DELAY_MS AUTH_DURATION
"""
import json
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORT, DELAY_MS, AUTH_DURATION = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
lock = threading.Lock()
per_token = Counter()
per_type = Counter()


class Backend(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/auth":
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            time.sleep(DELAY_MS / 1000)
            with lock:
                per_token[q.get("token", "")] += 1
                per_type[q.get("request_type", "")] += 1
            self.answer(200, b"", {"X-AuthDuration": AUTH_DURATION})
        elif url.path == "/stats":
            with lock:
                body = json.dumps({"tokens": len(per_token), "new_session": per_type["new_session"],
                                   "update_session": per_type["update_session"],
                                   "max_per_token": max(per_token.values(), default=0)}).encode()
            self.answer(200, body, {"Content-Type": "application/json"})
        elif url.path == "/reset":
            with lock:
                per_token.clear()
                per_type.clear()
            self.answer(200, b"", {})
        else:
            self.answer(404, b"", {})

    def answer(self, status, body, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(ThreadingHTTPServer):
    # The server asks up to 256 questions at once, each on a new connection: the default listen
    # backlog (5) dropped most of a burst's SYNs, whose retries came after the server's 3 s deadline.
    request_queue_size = 1024
    daemon_threads = True


Server(("127.0.0.1", PORT), Backend).serve_forever()
