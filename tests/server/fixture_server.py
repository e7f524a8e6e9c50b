#!/usr/bin/env python3
"""Fixture HTTP server for catchup's tests: a local stand-in for api.github.com
(REST + GraphQL), raw.githubusercontent.com and an iCalendar host, that can
also misbehave on purpose (errors, slowness, stalls, truncation, resets).

Python 3 standard library only. See tests/server/README.md for the data
layout and the control API.

    python3 tests/server/fixture_server.py --root tests/data/server \
        --port-file /tmp/ports [--latency-ms N] [--token TOKEN] [--log FILE]

Two sockets on 127.0.0.1 (free ports): API and RAW. When both listen,
"API_PORT RAW_PORT\n" is written to --port-file (temp file + rename).
Data files are read from --root on every request, so tests may change them
between requests.
"""

import argparse
import base64
import hashlib
import email.utils
import http.server
import json
import os
import re
import select
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
import traceback
from datetime import datetime, timezone
from urllib.parse import quote, unquote, urlsplit, parse_qsl

NOT_FOUND_BODY = {
    "message": "Not Found",
    "documentation_url": "https://docs.github.com/rest",
    "status": "404",
}
# Used only when graphql-errors.json has no 401 entry.
GRAPHQL_401_DEFAULT = {
    "message": "Requires authentication",
    "documentation_url": "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql",
    "status": "401",
}
JSON_TYPE = "application/json; charset=utf-8"
MAX_REQUEST_BODY = 16 * 1024 * 1024
STALL_BYTES = 10
CHUNK = 64 * 1024
DEFAULT_BOARD = ("cncf", 38)


def git_blob_sha(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def git_tree_sha(path):
    """The git tree SHA-1 of a directory (regular files as 100644)."""
    entries = []
    for name in os.listdir(path):
        full = os.path.join(path, name)
        if os.path.isdir(full):
            entries.append((name + "/", b"40000 ", name, git_tree_sha(full)))
        elif os.path.isfile(full):
            with open(full, "rb") as f:
                entries.append((name, b"100644 ", name, git_blob_sha(f.read())))
    entries.sort(key=lambda e: e[0].encode("utf-8", "surrogateescape"))
    body = b"".join(mode + name.encode("utf-8", "surrogateescape") + b"\0" + bytes.fromhex(sha)
                    for _, mode, name, sha in entries)
    return hashlib.sha1(b"tree %d\0" % len(body) + body).hexdigest()


def json_bytes(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def etag_of(body):
    return 'W/"%s"' % hashlib.sha1(body).hexdigest()


def etag_matches(header, etag):
    if not header:
        return False
    want = etag[2:] if etag.startswith("W/") else etag
    for tag in header.split(","):
        tag = tag.strip()
        if tag == "*":
            return True
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag == want:
            return True
    return False


def iso_z(ts):
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Response:
    """A whole response before it is sent: status, ordered headers, body."""

    def __init__(self, status, body=b"", headers=None, content_type=None):
        self.status = status
        self.body = body
        self.headers = list(headers or [])
        if content_type is not None:
            self.headers.insert(0, ("Content-Type", content_type))

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def set_header(self, name, value):
        self.headers = [(k, v) for k, v in self.headers if k.lower() != name.lower()]
        self.headers.append((name, value))


class Fault:
    BEHAVIOURS = ("status", "delay_ms", "stall", "truncate", "oversize", "reset", "redirect", "body",
                  "trickle_ms", "endless_pages")

    def __init__(self, fid, spec):
        if not isinstance(spec, dict):
            raise ValueError("fault must be a JSON object")
        self.id = fid
        self.spec = spec
        self.match = re.compile(spec.get("match", ""))
        self.port = spec.get("port", "any")
        if self.port not in ("api", "raw", "any"):
            raise ValueError('"port" must be "api", "raw" or "any"')
        self.method = spec.get("method")
        if self.method is not None:
            self.method = str(self.method).upper()
        times = spec.get("times")
        if times is not None and (not isinstance(times, int) or times < 1):
            raise ValueError('"times" must be a positive integer')
        self.remaining = times
        kinds = []
        if "status" in spec:
            kinds.append("status")
        elif "body" in spec or "body_b64" in spec:
            kinds.append("body")
        for k in ("delay_ms", "truncate", "oversize", "redirect", "trickle_ms"):
            if k in spec:
                kinds.append(k)
        for k in ("stall", "reset", "endless_pages"):
            if spec.get(k):
                kinds.append(k)
        if len(kinds) != 1:
            raise ValueError("exactly one behaviour is needed (status, delay_ms, stall, truncate, "
                             "oversize, reset, redirect, trickle_ms, endless_pages or body/body_b64), "
                             "got %s" % (kinds or "none"))
        self.kind = kinds[0]
        for k in ("status", "delay_ms", "truncate", "oversize", "code", "trickle_ms"):
            if k in spec and not isinstance(spec[k], int):
                raise ValueError('"%s" must be an integer' % k)
        if "headers" in spec and not isinstance(spec["headers"], dict):
            raise ValueError('"headers" must be an object')
        if "body_b64" in spec:
            self.body = base64.b64decode(spec["body_b64"], validate=True)
        elif "body" in spec:
            if not isinstance(spec["body"], str):
                raise ValueError('"body" must be a string')
            self.body = spec["body"].encode("utf-8")
        else:
            self.body = None

    def applies(self, port, method, target):
        if self.remaining is not None and self.remaining <= 0:
            return False
        if self.port != "any" and self.port != port:
            return False
        if self.method is not None and self.method != method:
            return False
        return self.match.search(target) is not None

    def describe(self):
        d = dict(self.spec)
        d["id"] = self.id
        d["remaining"] = self.remaining
        return d


class State:
    def __init__(self, root, token, latency_ms, log_path):
        self.root = os.path.realpath(root)
        self.token = token
        self.latency_ms = latency_ms
        self.tree_limit = 100000  # GitHub's: a bigger tree comes back truncated
        self.lock = threading.Lock()
        self.faults = []
        self.next_fault_id = 1
        self.log = []
        self.log_file = open(log_path, "a", encoding="utf-8") if log_path else None
        self.api_port = 0
        self.raw_port = 0
        self.stopping = threading.Event()

    def add_fault(self, spec):
        with self.lock:
            fault = Fault(self.next_fault_id, spec)
            self.next_fault_id += 1
            self.faults.append(fault)
            return fault.id

    def take_fault(self, port, method, target):
        with self.lock:
            for fault in self.faults:
                if fault.applies(port, method, target):
                    if fault.remaining is not None:
                        fault.remaining -= 1
                    return fault
        return None

    def record(self, entry):
        with self.lock:
            self.log.append(entry)
            if self.log_file:
                self.log_file.write(json.dumps(entry, ensure_ascii=False) + "\n")
                self.log_file.flush()

    def path_in_root(self, *parts):
        """DIR joined with the parts, or None if it would leave DIR."""
        segs = []
        for part in parts:
            for seg in part.split("/"):
                if seg in ("", "."):
                    continue
                if seg == ".." or "\0" in seg or "\\" in seg:
                    return None
                segs.append(seg)
        full = os.path.realpath(os.path.join(self.root, *segs))
        if full != self.root and not full.startswith(self.root + os.sep):
            return None
        return full

    def load_json(self, name, default=None):
        path = os.path.join(self.root, name)
        if not os.path.exists(path):
            return default
        with open(path, "rb") as f:
            return json.loads(f.read().decode("utf-8"))


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle on, the body
    # would wait for the client's delayed ACK (~40 ms on a reused connection).
    disable_nagle_algorithm = True
    server_version = "catchup-fixture/1"

    def version_string(self):
        return self.server_version

    # The server object carries .state and .kind ("api" or "raw").
    @property
    def state(self):
        return self.server.state

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("fixture-server %s: %s\n" % (self.server.kind, fmt % args))

    def do_GET(self):
        self.dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    # ---- request plumbing -------------------------------------------------

    def read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            chunks = []
            total = 0
            while True:
                line = self.rfile.readline(1024)
                if not line:
                    raise ConnectionError("eof in chunked body")
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                total += size
                if total > MAX_REQUEST_BODY:
                    raise ValueError("request body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline(1024)
            return b"".join(chunks)
        length = self.headers.get("Content-Length")
        if not length:
            return None
        n = int(length)
        if n < 0 or n > MAX_REQUEST_BODY:
            raise ValueError("bad Content-Length")
        return self.rfile.read(n) if n else b""

    def dispatch(self):
        try:
            self.req_body = self.read_body()
        except (ValueError, ConnectionError):
            self.close_connection = True
            self.send_plain(400, b"bad request body\n")
            return
        split = urlsplit(self.path)
        self.req_path = split.path or "/"
        self.req_query = split.query
        target = self.req_path + ("?" + split.query if split.query else "")
        kind = self.server.kind
        try:
            if kind == "api" and self.req_path.startswith("/_ctl/"):
                self.send_whole(self.control())
                return
            fault = self.state.take_fault(kind, self.command, target)
            latency = self.state.latency_ms
            if latency > 0:
                time.sleep(latency / 1000.0)
            self.serve(kind, target, fault)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout):
            self.close_connection = True
        except Exception:
            traceback.print_exc()
            self.close_connection = True
            try:
                self.send_plain(500, b"fixture server error\n")
            except OSError:
                pass

    def entry(self, target, status, fault):
        return {
            "port": self.server.kind,
            "method": self.command,
            "path": target,
            "headers": self.header_dict(),
            "body": None if self.req_body is None else self.req_body.decode("utf-8", "replace"),
            "status": status,
            "fault": fault.id if fault else None,
        }

    def header_dict(self):
        out = {}
        for name, value in self.headers.items():
            name = name.lower()
            out[name] = out[name] + ", " + value if name in out else value
        return out

    def send_plain(self, status, body):
        self.send_whole(Response(status, body, content_type="text/plain; charset=utf-8"))

    def write_head(self, resp, content_length):
        self.send_response(resp.status)
        for k, v in resp.headers:
            if k.lower() != "content-length":
                self.send_header(k, v)
        if content_length is not None:
            self.send_header("Content-Length", str(content_length))
        self.end_headers()

    def send_whole(self, resp):
        no_body = resp.status == 304 or 100 <= resp.status < 200 or resp.status == 204
        self.write_head(resp, None if no_body else len(resp.body))
        if self.command != "HEAD" and not no_body and resp.body:
            self.wfile.write(resp.body)

    # ---- serving with faults ---------------------------------------------

    def serve(self, kind, target, fault):
        real = self.route_api() if kind == "api" else self.route_raw()
        st = self.state
        if fault is None:
            st.record(self.entry(target, real.status, None))
            self.send_whole(real)
            return
        spec = fault.spec
        k = fault.kind
        if k == "delay_ms":
            time.sleep(max(0, spec["delay_ms"]) / 1000.0)
            st.record(self.entry(target, real.status, fault))
            self.send_whole(real)
        elif k == "reset":
            st.record(self.entry(target, 0, fault))
            self.reset_connection()
        elif k == "stall":
            st.record(self.entry(target, real.status, fault))
            self.stall(real)
        elif k == "trickle_ms":
            st.record(self.entry(target, real.status, fault))
            self.trickle(real, max(1, spec["trickle_ms"]))
        elif k == "endless_pages":
            page = int_param(self.query().get("page"), 1, 1, 10 ** 9)
            real.set_header("Link", self.link_header(page, page + 1, None, None))
            st.record(self.entry(target, real.status, fault))
            self.send_whole(real)
        elif k == "truncate":
            st.record(self.entry(target, real.status, fault))
            n = max(0, min(spec["truncate"], len(real.body) - 1))
            self.write_head(real, len(real.body))
            if n:
                self.wfile.write(real.body[:n])
            self.close_connection = True
        elif k == "oversize":
            size = max(0, spec["oversize"])
            resp = Response(200, b"", self.base_headers(kind),
                            spec.get("content_type") or real.header("Content-Type") or "application/octet-stream")
            st.record(self.entry(target, 200, fault))
            self.write_head(resp, size)
            if self.command != "HEAD":
                block = b"x" * CHUNK
                left = size
                while left > 0:
                    self.wfile.write(block[:min(left, CHUNK)])
                    left -= CHUNK
        elif k == "redirect":
            code = spec.get("code", 302)
            resp = Response(code, b"", self.base_headers(kind))
            resp.set_header("Location", str(spec["redirect"]))
            self.add_custom_headers(resp, spec)
            st.record(self.entry(target, code, fault))
            self.send_whole(resp)
        elif k == "status":
            body = fault.body or b""
            resp = Response(spec["status"], body, self.base_headers(kind))
            if body:
                resp.set_header("Content-Type", spec.get("content_type") or guess_type(body))
            self.add_custom_headers(resp, spec)
            st.record(self.entry(target, resp.status, fault))
            self.send_whole(resp)
        elif k == "body":
            resp = Response(200, fault.body, self.base_headers(kind),
                            spec.get("content_type") or real.header("Content-Type") or JSON_TYPE)
            self.add_custom_headers(resp, spec)
            st.record(self.entry(target, 200, fault))
            self.send_whole(resp)

    @staticmethod
    def add_custom_headers(resp, spec):
        for name, value in (spec.get("headers") or {}).items():
            resp.set_header(str(name), str(value))

    def reset_connection(self):
        """Close with RST (SO_LINGER 0), answering nothing."""
        self.close_connection = True
        sock = self.connection
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        # rfile holds a reference that would keep the descriptor open.
        try:
            self.rfile.close()
        except OSError:
            pass
        sock.close()

    def stall(self, real):
        """Headers with the real Content-Length, a few bytes, then silence."""
        self.close_connection = True
        body = real.body
        n = min(STALL_BYTES, max(0, len(body) - 1))
        resp = real
        if len(body) == 0:  # nothing to hold back: promise one byte that never comes
            resp = Response(real.status, b"", real.headers)
            self.write_head(resp, 1)
        else:
            self.write_head(resp, len(body))
        if n:
            self.wfile.write(body[:n])
        sock = self.connection
        sock.settimeout(None)
        while not self.state.stopping.is_set():
            r, _, _ = select.select([sock], [], [], 0.2)
            if r:
                try:
                    if not sock.recv(65536):
                        return  # client hung up
                except OSError:
                    return

    def trickle(self, real, every_ms):
        """The real headers, then the body one byte every every_ms ms."""
        self.close_connection = True
        self.write_head(real, len(real.body))
        for i in range(len(real.body)):
            if self.state.stopping.wait(every_ms / 1000.0):
                return
            self.wfile.write(real.body[i:i + 1])
            self.wfile.flush()

    # ---- API routes ---------------------------------------------------------

    def base_headers(self, kind, resource="core"):
        if kind != "api":
            return []
        return [
            ("X-RateLimit-Limit", "60"),
            ("X-RateLimit-Remaining", "59"),
            ("X-RateLimit-Reset", str(int(time.time()) + 3600)),
            ("X-RateLimit-Resource", resource),
        ]

    def json_response(self, status, obj, resource="core", extra=None):
        body = json_bytes(obj)
        etag = etag_of(body)
        headers = self.base_headers("api", resource)
        headers.append(("ETag", etag))
        headers.extend(extra or [])
        return self.conditional(Response(status, body, headers, JSON_TYPE), etag)

    def conditional(self, resp, etag):
        if (resp.status == 200 and self.command in ("GET", "HEAD")
                and etag_matches(self.headers.get("If-None-Match"), etag)):
            return Response(304, b"", [(k, v) for k, v in resp.headers if k.lower() != "content-type"])
        return resp

    def not_found(self):
        return self.json_response(404, NOT_FOUND_BODY)

    def segments(self):
        return [unquote(s) for s in self.req_path.split("/")[1:]]

    def query(self):
        return dict(parse_qsl(self.req_query, keep_blank_values=True))

    def route_api(self):
        seg = self.segments()
        m = self.command
        if m in ("GET", "HEAD") and len(seg) >= 4 and seg[0] == "repos":
            o, r, what = seg[1], seg[2], seg[3]
            if what == "contents":
                return self.contents(o, r, "/".join(seg[4:]))
            if what == "commits" and len(seg) == 4:
                return self.commits(o, r)
            if what == "git" and len(seg) >= 6 and seg[4] == "trees":
                return self.tree(o, r, "/".join(seg[5:]))
            if what == "issues" and len(seg) == 5 and seg[4].isdigit():
                return self.issue(o, r, int(seg[4]))
            if what == "issues" and len(seg) == 4:
                return self.issue_list(o, r)
            if what == "issues" and len(seg) == 6 and seg[4].isdigit() and seg[5] == "comments":
                return self.issue_comments(o, r, int(seg[4]))
        if m in ("GET", "HEAD") and seg == ["search", "issues"]:
            return self.search_issues()
        if m == "POST" and seg == ["graphql"]:
            return self.graphql()
        if m in ("GET", "HEAD") and len(seg) >= 2 and seg[0] == "cal":
            return self.calendar("/".join(seg[1:]))
        if m in ("GET", "HEAD") and len(seg) >= 2 and seg[0] == "feed":
            return self.feed("/".join(seg[1:]))
        return self.not_found()

    def api_base(self):
        return "http://127.0.0.1:%d" % self.state.api_port

    def content_entry(self, o, r, ref, path, full, with_content=False):
        is_dir = os.path.isdir(full)
        name = path.rsplit("/", 1)[-1] if path else ""
        qpath = quote(path)
        api = "%s/repos/%s/%s" % (self.api_base(), quote(o), quote(r))
        qref = quote(ref, safe="")
        if is_dir:
            sha = git_tree_sha(full)
            size = 0
            git_url = "%s/git/trees/%s" % (api, sha)
            html_url = "https://github.com/%s/%s/tree/%s/%s" % (o, r, ref, qpath)
            download_url = None
            data = None
        else:
            with open(full, "rb") as f:
                data = f.read()
            sha = git_blob_sha(data)
            size = len(data)
            git_url = "%s/git/blobs/%s" % (api, sha)
            html_url = "https://github.com/%s/%s/blob/%s/%s" % (o, r, ref, qpath)
            download_url = "http://127.0.0.1:%d/%s/%s/%s/%s" % (
                self.state.raw_port, quote(o), quote(r), quote(ref), qpath)
        url = "%s/contents/%s?ref=%s" % (api, qpath, qref)
        e = {
            "name": name,
            "path": path,
            "sha": sha,
            "size": size,
            "url": url,
            "html_url": html_url,
            "git_url": git_url,
            "download_url": download_url,
            "type": "dir" if is_dir else "file",
        }
        if with_content:
            b64 = base64.b64encode(data).decode("ascii")
            e["content"] = "".join(b64[i:i + 60] + "\n" for i in range(0, len(b64), 60))
            e["encoding"] = "base64"
        e["_links"] = {"self": url, "git": git_url, "html": html_url}
        return e

    def contents(self, o, r, path):
        ref = self.query().get("ref") or "main"
        path = "/".join(s for s in path.split("/") if s)
        full = self.state.path_in_root("repos", o, r, ref, path)
        if full is None or not os.path.exists(full):
            return self.not_found()
        if os.path.isdir(full):
            listing = []
            for name in sorted(os.listdir(full)):
                child = os.path.join(full, name)
                if os.path.isdir(child) or os.path.isfile(child):
                    listing.append(self.content_entry(o, r, ref, (path + "/" + name) if path else name, child))
            return self.json_response(200, listing)
        if not os.path.isfile(full):
            return self.not_found()
        return self.json_response(200, self.content_entry(o, r, ref, path, full, with_content=True))

    @staticmethod
    def walk_tree(full, prefix, out, recursive=True, depth=0):
        """The git tree SHA-1 of full; its entries (paths below prefix) go
        to out, folders before what is in them, as GitHub lists them."""
        entries = []
        for name in sorted(os.listdir(full)):
            child = os.path.join(full, name)
            path = prefix + name
            if os.path.isdir(child):
                mark = len(out)
                out.append(None)
                sub = []
                sha = Handler.walk_tree(child, path + "/", sub, recursive, depth + 1)
                out[mark] = {"path": path, "mode": "040000", "type": "tree", "sha": sha}
                if recursive:
                    out.extend(sub)
                entries.append((name + "/", b"40000 ", name, sha))
            elif os.path.isfile(child):
                with open(child, "rb") as f:
                    data = f.read()
                sha = git_blob_sha(data)
                out.append({"path": path, "mode": "100644", "type": "blob", "sha": sha, "size": len(data)})
                entries.append((name, b"100644 ", name, sha))
        entries.sort(key=lambda e: e[0].encode("utf-8", "surrogateescape"))
        body = b"".join(mode + name.encode("utf-8", "surrogateescape") + b"\0" + bytes.fromhex(sha)
                        for _, mode, name, sha in entries)
        return hashlib.sha1(b"tree %d\0" % len(body) + body).hexdigest()

    def find_tree(self, o, r, sha):
        """The folder of repos/{o}/{r}/* whose tree SHA-1 is sha, or None."""
        base = self.state.path_in_root("repos", o, r)
        if base is None or not os.path.isdir(base):
            return None
        for dirpath, dirnames, _ in os.walk(base):
            if os.path.relpath(dirpath, base) == ".":
                continue
            if git_tree_sha(dirpath) == sha:
                return dirpath
        return None

    def tree(self, o, r, what):
        """GET /repos/{o}/{r}/git/trees/{ref or tree sha}[?recursive=1]: cut
        to the server's tree limit ("truncated": true) as GitHub cuts big trees."""
        full = self.state.path_in_root("repos", o, r, what)
        if full is None or not os.path.isdir(full):
            full = self.find_tree(o, r, what) if re.fullmatch(r"[0-9a-f]{40}", what) else None
        if full is None:
            return self.not_found()
        recursive = self.query().get("recursive") not in (None, "", "0", "false")
        out = []
        sha = self.walk_tree(full, "", out, recursive)
        limit = self.state.tree_limit
        truncated = len(out) > limit
        api = "%s/repos/%s/%s" % (self.api_base(), quote(o), quote(r))
        for e in out:
            e["url"] = "%s/git/%s/%s" % (api, "trees" if e["type"] == "tree" else "blobs", e["sha"])
        return self.json_response(200, {"sha": sha, "url": "%s/git/trees/%s" % (api, sha),
                                        "tree": out[:limit], "truncated": truncated})

    def commits(self, o, r):
        q = self.query()
        path = "/".join(s for s in (q.get("path") or "").split("/") if s)
        ref = q.get("sha") or "main"
        table = self.state.load_json("commits.json", {}) or {}
        if path:
            key = "%s/%s:%s" % (o, r, path)
            if key in table:
                commits = table[key]
            elif path in table:
                commits = table[path]
            else:
                full = self.state.path_in_root("repos", o, r, ref, path)
                if full is not None and os.path.isfile(full):
                    commits = [self.synth_commit(o, r, path, os.stat(full).st_mtime)]
                else:
                    commits = []
        else:
            # Every commit known for the repository, newest first.
            seen = {}
            prefix = "%s/%s:" % (o, r)
            for key, value in table.items():
                if ":" in key and not key.startswith(prefix):
                    continue
                for c in value:
                    seen.setdefault(c.get("sha"), c)
            commits = sorted(seen.values(),
                             key=lambda c: c.get("commit", {}).get("committer", {}).get("date", ""),
                             reverse=True)
        per_page = int_param(q.get("per_page"), 30, 1, 100)
        page = int_param(q.get("page"), 1, 1, 10 ** 9)
        last = max(1, (len(commits) + per_page - 1) // per_page)
        chunk = commits[(page - 1) * per_page: page * per_page]
        extra = []
        if last > 1:
            extra.append(("Link", self.link_header(page, last, o, r)))
        return self.json_response(200, chunk, extra=extra)

    def link_header(self, page, last, o, r):
        base = "%s%s" % (self.api_base(), self.req_path)

        def url(p):
            parts = [kv for kv in self.req_query.split("&") if kv]
            out, done = [], False
            for kv in parts:
                if kv.split("=", 1)[0] == "page":
                    if not done:
                        out.append("page=%d" % p)
                        done = True
                else:
                    out.append(kv)
            if not done:
                out.append("page=%d" % p)
            return "<%s?%s>" % (base, "&".join(out))

        links = []
        if page > 1:
            links.append('%s; rel="prev"' % url(min(page - 1, last)))
        if page < last:
            links.append('%s; rel="next"' % url(page + 1))
            links.append('%s; rel="last"' % url(last))
        if page > 1:
            links.append('%s; rel="first"' % url(1))
        return ", ".join(links)

    def synth_commit(self, o, r, path, mtime):
        sha = hashlib.sha1(path.encode("utf-8")).hexdigest()
        tree = hashlib.sha1(("tree:" + path).encode("utf-8")).hexdigest()
        date = iso_z(mtime)
        api = "%s/repos/%s/%s" % (self.api_base(), o, r)
        person = {"name": "Fixture Server", "email": "fixture@example.invalid", "date": date}
        return {
            "sha": sha,
            "node_id": "C_" + sha[:20],
            "commit": {
                "author": dict(person),
                "committer": dict(person),
                "message": "Update %s" % path,
                "tree": {"sha": tree, "url": "%s/git/trees/%s" % (api, tree)},
                "url": "%s/git/commits/%s" % (api, sha),
                "comment_count": 0,
                "verification": {"verified": False, "reason": "unsigned", "signature": None, "payload": None},
            },
            "url": "%s/commits/%s" % (api, sha),
            "html_url": "https://github.com/%s/%s/commit/%s" % (o, r, sha),
            "comments_url": "%s/commits/%s/comments" % (api, sha),
            "author": None,
            "committer": None,
            "parents": [],
        }

    def issue(self, o, r, n):
        issues = self.state.load_json("issues.json", {}) or {}
        obj = issues.get("%s/%s#%d" % (o, r, n))
        if obj is None:
            return self.not_found()
        return self.json_response(200, obj)

    # ---- issue threads (issues/*.json: lists of issues with comments_list) ----

    def thread_issues(self, o=None, r=None):
        """Every issue of issues/*.json (of o/r when given), comments_list kept."""
        out = []
        full = self.state.path_in_root("issues")
        for name in sorted(os.listdir(full)) if full and os.path.isdir(full) else []:
            if name.endswith(".json"):
                for obj in self.state.load_json("issues/" + name, []) or []:
                    if o is None or obj.get("repo", "").lower() == ("%s/%s" % (o, r)).lower():
                        out.append(obj)
        return out

    @staticmethod
    def issue_rest(obj):
        d = {k: v for k, v in obj.items() if k not in ("comments_list", "repo", "excerpted")}
        d["comments"] = len(obj.get("comments_list", []))
        return d

    def paged(self, items, extra_headers=None, resource="core", wrap=None):
        q = self.query()
        per_page = int_param(q.get("per_page"), 30, 1, 100)
        page = int_param(q.get("page"), 1, 1, 10 ** 9)
        last = max(1, (len(items) + per_page - 1) // per_page)
        chunk = items[(page - 1) * per_page: page * per_page]
        extra = list(extra_headers or [])
        if last > 1:
            extra.append(("Link", self.link_header(page, last, None, None)))
        return self.json_response(200, wrap(chunk) if wrap else chunk, resource=resource, extra=extra)

    def issue_list(self, o, r):
        q = self.query()
        state = q.get("state") or "open"
        labels = [unquote(x).lower() for x in (q.get("labels") or "").split(",") if x]
        since = q.get("since") or ""
        items = []
        for obj in self.thread_issues(o, r):
            names = [l.get("name", "").lower() for l in obj.get("labels", [])]
            if state != "all" and obj.get("state") != state:
                continue
            if any(l not in names for l in labels) or obj.get("updated_at", "") < since:
                continue
            items.append(obj)
        items.sort(key=lambda x: x.get("updated_at", ""), reverse=q.get("direction") != "asc")
        return self.paged([self.issue_rest(x) for x in items])

    def issue_comments(self, o, r, n):
        for obj in self.thread_issues(o, r):
            if obj.get("number") == n:
                since = self.query().get("since") or ""
                return self.paged([c for c in obj.get("comments_list", [])
                                   if c.get("updated_at", "") >= since])
        return self.not_found()

    def search_issues(self):
        """q: repo:O/R is:issue in:title "words" label:"L" state:S updated:>=T."""
        terms = re.findall(r'(\w+:)?(?:"([^"]*)"|(\S+))', self.query().get("q", ""))
        repo, words, labels, state, since = None, [], [], None, ""
        for key, quoted, bare in terms:
            val = quoted if quoted or not bare else bare
            if key == "repo:":
                repo = val.lower()
            elif key == "label:":
                labels.append(val.lower())
            elif key == "state:":
                state = val
            elif key == "updated:":
                since = val[2:] if val.startswith(">=") else val
            elif not key:
                words.extend(re.findall(r"\w+", val.lower()))
        items = []
        for obj in self.thread_issues():
            title = re.findall(r"\w+", obj.get("title", "").lower())
            names = [l.get("name", "").lower() for l in obj.get("labels", [])]
            if repo and obj.get("repo", "").lower() != repo:
                continue
            if any(w not in title for w in words) or any(l not in names for l in labels):
                continue
            if (state and obj.get("state") != state) or obj.get("updated_at", "") < since:
                continue
            items.append(self.issue_rest(obj))
        items.sort(key=lambda x: x.get("updated_at", ""), reverse=True)
        return self.paged(items, resource="search", wrap=lambda chunk: {
            "total_count": len(items), "incomplete_results": False, "items": chunk})

    def calendar(self, name):
        full = self.state.path_in_root("calendars", name)
        if full is None or not os.path.isfile(full):
            return self.not_found()
        with open(full, "rb") as f:
            body = f.read()
        etag = etag_of(body)
        return self.conditional(Response(200, body, [("ETag", etag)], "text/calendar; charset=utf-8"), etag)

    def feed(self, name):
        """feeds/NAME with an ETag and a Last-Modified (the file's mtime);
        ?validators=etag|lm|none sends only those."""
        full = self.state.path_in_root("feeds", name)
        if full is None or not os.path.isfile(full):
            return self.not_found()
        with open(full, "rb") as f:
            body = f.read()
        which = self.query().get("validators", "both")
        etag = etag_of(body)
        mtime = int(os.path.getmtime(full))
        lm = email.utils.formatdate(mtime, usegmt=True)
        head = body.lstrip()[:200]
        ctype = ("application/feed+json" if head.startswith(b"{") else
                 "application/atom+xml" if b"<feed" in head else "application/rss+xml")
        headers = []
        if which in ("both", "etag"):
            headers.append(("ETag", etag))
        if which in ("both", "lm"):
            headers.append(("Last-Modified", lm))
        resp = Response(200, body, headers, ctype + "; charset=utf-8")
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = which in ("both", "etag") and etag_matches(inm, etag)
        elif ims is not None and which in ("both", "lm"):
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            return Response(304, b"", headers)
        return resp

    # ---- GraphQL ------------------------------------------------------------

    def graphql_errors(self):
        doc = self.state.load_json("graphql-errors.json", {}) or {}
        return doc.get("entries", []) if isinstance(doc, dict) else []

    def graphql_401(self):
        entries = [e for e in self.graphql_errors() if e.get("status") == 401 and isinstance(e.get("body"), dict)]
        # Prefer the newest recorded shape (the one with a string "status").
        for e in entries:
            if "status" in e["body"]:
                return e["body"]
        return entries[0]["body"] if entries else GRAPHQL_401_DEFAULT

    def graphql(self):
        auth = self.headers.get("Authorization") or ""
        m = re.match(r"(?i)bearer\s+(\S+)\s*$", auth)
        if not m or m.group(1) != self.state.token:
            return self.json_response(401, self.graphql_401(), resource="graphql")
        try:
            req = json.loads((self.req_body or b"").decode("utf-8"))
            if not isinstance(req, dict):
                raise ValueError
        except ValueError:
            return self.json_response(400, {"message": "Problems parsing JSON",
                                            "documentation_url": "https://docs.github.com/graphql"},
                                      resource="graphql")
        query = req.get("query")
        if not isinstance(query, str):
            return self.json_response(200, {"errors": [
                {"message": "A query attribute must be specified and must be a string."}]}, resource="graphql")
        var = req.get("variables") or {}
        if not isinstance(var, dict):
            var = {}

        def pick(names, pattern):
            for n in names:
                if var.get(n) is not None:
                    return var[n]
            lit = re.search(pattern, query)
            return lit.group(1) if lit else None

        org = pick(("org", "owner", "login"), r'(?:organization|repositoryOwner)\s*\(\s*login\s*:\s*"([^"]*)"')
        number = pick(("number",), r"projectV2\s*\(\s*number\s*:\s*(\d+)")
        first = pick(("first", "firstItems"), r"items\s*\(\s*first\s*:\s*(\d+)")
        after = pick(("after", "afterItems"), r'items\s*\([^)]*after\s*:\s*"([^"]*)"')

        meta = self.state.load_json("board_meta.json", {}) or {}
        want_org = str(meta.get("org", DEFAULT_BOARD[0]))
        want_num = int(meta.get("number", DEFAULT_BOARD[1]))
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = None
        if org is None or str(org).lower() != want_org.lower():
            return self.json_response(200, {
                "data": {"organization": None},
                "errors": [{"type": "NOT_FOUND", "path": ["organization"],
                            "locations": [{"line": 2, "column": 3}],
                            "message": "Could not resolve to an Organization with the login of '%s'." % org}],
            }, resource="graphql")
        if number != want_num:
            return self.json_response(200, self.project_not_found(number), resource="graphql")

        board = self.state.load_json("board.json")
        project = board["data"]["organization"]["projectV2"]
        nodes = project["items"]["nodes"]
        size = int_param(first, 100, 0, 100)
        start = 0
        if after:
            index = decode_cursor(after)
            if index is None:
                return self.json_response(200, {
                    "data": {"organization": {"projectV2": None}},
                    "errors": [{"type": "INVALID_CURSOR_ARGUMENTS", "path": ["organization", "projectV2", "items"],
                                "locations": [{"line": 4, "column": 7}],
                                "message": "`%s` does not appear to be a valid cursor." % after}],
                }, resource="graphql")
            start = index + 1
        page = nodes[start:start + size]
        end = start + len(page)
        items = dict(project["items"])
        items["totalCount"] = len(nodes)
        items["pageInfo"] = {"hasNextPage": end < len(nodes),
                             "endCursor": encode_cursor(end - 1) if page else None}
        items["nodes"] = page
        out_project = dict(project)
        out_project["items"] = items
        return self.json_response(200, {"data": {"organization": {"projectV2": out_project}}}, resource="graphql")

    def project_not_found(self, number):
        body = None
        for e in self.graphql_errors():
            b = e.get("body")
            if isinstance(b, dict) and any(x.get("type") == "NOT_FOUND" for x in b.get("errors") or []):
                body = json.loads(json.dumps(b))
                break
        if body is None:
            body = {"data": {}, "errors": [{"type": "NOT_FOUND", "locations": [{"line": 3, "column": 5}]}]}
        body["data"] = {"organization": {"projectV2": None}}
        err = body["errors"][0]
        err["type"] = "NOT_FOUND"
        err["path"] = ["organization", "projectV2"]
        err["message"] = "Could not resolve to a ProjectV2 with the number %s." % number
        body["errors"] = [err]
        return body

    # ---- RAW ----------------------------------------------------------------

    def route_raw(self):
        seg = self.segments()
        if seg and seg[0] == "raw" and len(seg) >= 5:
            seg = seg[1:]  # raw files under /raw too, as [github] raw may name them
        if self.command in ("GET", "HEAD") and len(seg) >= 4:
            full = self.state.path_in_root("repos", *seg)
            if full is not None and os.path.isfile(full):
                with open(full, "rb") as f:
                    return Response(200, f.read(), [], "text/plain; charset=utf-8")
        return Response(404, b"404: Not Found", [], "text/plain; charset=utf-8")

    # ---- control API --------------------------------------------------------

    def control(self):
        st = self.state
        path = self.req_path.rstrip("/")
        m = self.command

        def ok(obj, status=200):
            return Response(status, json_bytes(obj), [], JSON_TYPE)

        try:
            body = json.loads(self.req_body.decode("utf-8")) if self.req_body else {}
        except ValueError:
            return ok({"error": "request body is not JSON"}, 400)
        if path == "/_ctl/ping" and m == "GET":
            return ok({"ok": True})
        if path == "/_ctl/fault" and m == "POST":
            try:
                return ok({"id": st.add_fault(body)})
            except (ValueError, re.error, TypeError) as e:
                return ok({"error": str(e)}, 400)
        if path == "/_ctl/faults" and m == "GET":
            with st.lock:
                return ok([f.describe() for f in st.faults])
        if path == "/_ctl/clear" and m == "POST":
            with st.lock:
                st.faults = []
            return ok({"ok": True})
        if path == "/_ctl/latency" and m == "POST":
            ms = body.get("ms") if isinstance(body, dict) else None
            if not isinstance(ms, int) or ms < 0:
                return ok({"error": '"ms" must be a non-negative integer'}, 400)
            st.latency_ms = ms
            return ok({"ok": True, "ms": ms})
        if path == "/_ctl/log" and m == "GET":
            with st.lock:
                return ok(list(st.log))
        if path == "/_ctl/log/count" and m == "GET":
            with st.lock:
                return ok({"api": sum(1 for e in st.log if e["port"] == "api"),
                           "raw": sum(1 for e in st.log if e["port"] == "raw")})
        if path == "/_ctl/tree_limit" and m == "POST":
            n = body.get("entries") if isinstance(body, dict) else None
            if not isinstance(n, int) or n < 0:
                return ok({"error": '"entries" must be a non-negative integer'}, 400)
            st.tree_limit = n
            return ok({"ok": True, "entries": n})
        if path == "/_ctl/log/clear" and m == "POST":
            with st.lock:
                st.log = []
            return ok({"ok": True})
        return ok({"error": "unknown control request %s %s" % (m, path)}, 404)


def guess_type(body):
    try:
        json.loads(body.decode("utf-8"))
        return JSON_TYPE
    except ValueError:
        pass
    if body.lstrip()[:1] == b"<":
        return "text/html; charset=utf-8"
    return "text/plain; charset=utf-8"


def int_param(value, default, lo, hi):
    try:
        n = int(value)
    except (TypeError, ValueError):
        return default
    return max(lo, min(hi, n))


def encode_cursor(index):
    return base64.b64encode(b"cursor:v2:%d" % index).decode("ascii")


def decode_cursor(cursor):
    try:
        raw = base64.b64decode(cursor, validate=True).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    m = re.fullmatch(r"cursor:v2:(\d+)", raw)
    return int(m.group(1)) if m else None


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, kind, state, verbose):
        self.kind = kind
        self.state = state
        self.verbose = verbose
        super().__init__(("127.0.0.1", 0), Handler)

    def handle_error(self, request, client_address):
        # A client that goes away mid-response is normal here.
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, socket.timeout)):
            return
        if self.verbose:
            super().handle_error(request, client_address)


def write_port_file(path, api_port, raw_port):
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".ports-", dir=d)
    with os.fdopen(fd, "w") as f:
        f.write("%d %d\n" % (api_port, raw_port))
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description="catchup's fixture HTTP server (GitHub REST/GraphQL, raw, iCalendar)")
    ap.add_argument("--root", required=True, help="data directory (see tests/server/README.md)")
    ap.add_argument("--port-file", required=True, help='receives "API_PORT RAW_PORT\\n" once both listen')
    ap.add_argument("--latency-ms", type=int, default=0, help="sleep before every response")
    ap.add_argument("--token", default="test-token", help="token /graphql requires")
    ap.add_argument("--log", help="append one JSON object per request to this file")
    ap.add_argument("--verbose", action="store_true", help="print each request to stderr")
    args = ap.parse_args(argv)
    if not os.path.isdir(args.root):
        ap.error("--root %s is not a directory" % args.root)

    state = State(args.root, args.token, max(0, args.latency_ms), args.log)
    api = Server("api", state, args.verbose)
    raw = Server("raw", state, args.verbose)
    state.api_port = api.server_address[1]
    state.raw_port = raw.server_address[1]

    def stop(signum, frame):
        state.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    threads = [threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
               for s in (api, raw)]
    for t in threads:
        t.start()
    write_port_file(args.port_file, state.api_port, state.raw_port)
    while not state.stopping.wait(0.05):
        pass
    for s in (api, raw):
        s.shutdown()
        s.server_close()
    with state.lock:
        if state.log_file:
            state.log_file.close()
            state.log_file = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
