#!/usr/bin/env python3
"""Self-test of tests/server/fixture_server.py.

Starts the server as a subprocess on a temporary copy of tests/data/server,
exercises every endpoint and fault over 127.0.0.1 only, prints
"ok - NAME" / "not ok - NAME" per check and exits 1 if any check failed.
Standard library only (http.client, socket, urllib).
"""

import base64
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "fixture_server.py")
DATA = os.path.normpath(os.path.join(HERE, "..", "data", "server"))
NEWS = "wgs/cnai/news"
REPO = "/repos/cncf/tag-runtime"
TOKEN = "test-token"

failures = 0
count = 0


def check(name, cond, detail=""):
    global failures, count
    count += 1
    if cond:
        print("ok - %s" % name)
    else:
        failures += 1
        print("not ok - %s%s" % (name, (" # " + str(detail)[:600]) if detail else ""))
    sys.stdout.flush()
    return cond


def run(name, fn):
    """Run a group of checks; an exception is one failed check."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - report and go on
        check(name + " (raised)", False, "%s: %s\n%s" % (type(e).__name__, e, traceback.format_exc()))


def git_blob_sha(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Client:
    def __init__(self, api, raw):
        self.api, self.raw = api, raw

    def req(self, method, path, body=None, headers=None, port="api", timeout=5):
        conn = http.client.HTTPConnection("127.0.0.1", self.api if port == "api" else self.raw, timeout=timeout)
        try:
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.headers, data
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def ctl(self, path, obj=None):
        status, _, data = self.req("POST" if obj is not None else "GET", "/_ctl/" + path, body=obj)
        return status, json.loads(data)

    def fault(self, **spec):
        status, out = self.ctl("fault", spec)
        if status != 200:
            raise RuntimeError("fault rejected: %s" % out)
        return out["id"]

    def gql(self, variables, auth="bearer " + TOKEN, query="query { organization { projectV2 { title } } }"):
        headers = {"Content-Type": "application/json"}
        if auth:
            headers["Authorization"] = auth
        status, h, data = self.req("POST", "/graphql", body={"query": query, "variables": variables}, headers=headers)
        return status, h, json.loads(data)

    def raw_exchange(self, request, timeout=3, port=None):
        """Send bytes, read until EOF/timeout. Returns (bytes, how) how in eof/timeout/reset."""
        s = socket.create_connection(("127.0.0.1", port or self.api), timeout=timeout)
        buf = b""
        how = "eof"
        try:
            s.sendall(request)
            while True:
                try:
                    chunk = s.recv(65536)
                except socket.timeout:
                    how = "timeout"
                    break
                except ConnectionResetError:
                    how = "reset"
                    break
                if not chunk:
                    break
                buf += chunk
        finally:
            s.close()
        return buf, how


def split_response(buf):
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().lower()] = v.strip()
    return lines[0], headers, body


def main():
    tmp = tempfile.mkdtemp(prefix="fixture-server-test-")
    root = os.path.join(tmp, "root")
    shutil.copytree(DATA, root)
    port_file = os.path.join(tmp, "ports")
    log_file = os.path.join(tmp, "requests.jsonl")
    err_path = os.path.join(tmp, "stderr")
    t0 = time.monotonic()
    with open(err_path, "wb") as err:
        proc = subprocess.Popen([sys.executable, SERVER, "--root", root, "--port-file", port_file,
                                 "--log", log_file], stdout=subprocess.DEVNULL, stderr=err)
    try:
        while not os.path.exists(port_file) and time.monotonic() - t0 < 30 and proc.poll() is None:
            time.sleep(0.01)
        started = time.monotonic() - t0
        if not check("server starts and writes the port file (%.2f s)" % started, os.path.exists(port_file),
                     open(err_path).read()):
            return
        api, rawp = map(int, open(port_file).read().split())
        check("port file holds two different ports", api != rawp and api > 0 and rawp > 0)
        c = Client(api, rawp)
        check("ping", c.ctl("ping") == (200, {"ok": True}))
        for fn in (contents_tests, tree_tests, raw_tests, commits_tests, issues_tests, graphql_tests, calendar_tests,
                   misc_tests, fault_tests, robustness_tests, log_tests):
            run(fn.__name__, lambda fn=fn: fn(c, root, tmp, log_file))
        t = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(5)
        except subprocess.TimeoutExpired:
            rc = None
        check("SIGTERM stops the server cleanly (rc %s, %.2f s)" % (rc, time.monotonic() - t), rc == 0)
        stderr = open(err_path).read()
        check("server wrote nothing to stderr", stderr == "", stderr)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------

def contents_tests(c, root, tmp, log_file):
    real = json.load(open(os.path.join(DATA, "expected", "contents_wgs_cnai_news.json")))
    status, h, body = c.get("%s/contents/%s?ref=main" % (REPO, NEWS))
    listing = json.loads(body)
    check("contents listing: 200", status == 200, status)
    check("contents listing: name/sha/size/order equal the real listing (%d files)" % len(real),
          [(e["name"], e["sha"], e["size"]) for e in listing] == [(e["name"], e["sha"], e["size"]) for e in real],
          [(e["name"], e["sha"], e["size"]) for e in listing])
    check("contents listing: keys in GitHub's order",
          all(list(a.keys()) == list(b.keys()) for a, b in zip(listing, real)), list(listing[0].keys()))
    check("contents listing: html_url and path as on GitHub",
          all(a["html_url"] == b["html_url"] and a["path"] == b["path"] and a["type"] == b["type"] == "file"
              for a, b in zip(listing, real)))
    e = listing[1]
    api = "http://127.0.0.1:%d" % c.api
    check("contents listing: url/git_url/_links on the local API port",
          e["url"] == "%s%s/contents/%s/12_19_April_2024.md?ref=main" % (api, REPO, NEWS)
          and e["git_url"] == "%s%s/git/blobs/%s" % (api, REPO, e["sha"])
          and e["_links"] == {"self": e["url"], "git": e["git_url"], "html": e["html_url"]}, e)
    check("contents listing: download_url on the RAW port",
          e["download_url"] == "http://127.0.0.1:%d/cncf/tag-runtime/main/%s/12_19_April_2024.md" % (c.raw, NEWS),
          e["download_url"])
    etag = h.get("ETag")
    check("json headers: Content-Type, ETag W/\"sha1(body)\", rate limit",
          h.get("Content-Type") == "application/json; charset=utf-8"
          and etag == 'W/"%s"' % hashlib.sha1(body).hexdigest()
          and h.get("X-RateLimit-Limit") == "60" and h.get("X-RateLimit-Remaining") == "59"
          and h.get("X-RateLimit-Resource") == "core"
          and abs(int(h.get("X-RateLimit-Reset", "0")) - (time.time() + 3600)) < 30
          and h.get("Content-Length") == str(len(body)), dict(h))
    status, h2, body2 = c.get("%s/contents/%s?ref=main" % (REPO, NEWS), headers={"If-None-Match": etag})
    check("contents: If-None-Match with the current ETag -> 304, no body, same ETag",
          status == 304 and body2 == b"" and h2.get("ETag") == etag, (status, body2[:80]))
    status, _, _ = c.get("%s/contents/%s?ref=main" % (REPO, NEWS), headers={"If-None-Match": 'W/"0000"'})
    check("contents: stale If-None-Match -> 200", status == 200, status)

    path = os.path.join(root, "repos/cncf/tag-runtime/main", NEWS, "12_19_April_2024.md")
    raw = open(path, "rb").read()
    status, _, body = c.get("%s/contents/%s/12_19_April_2024.md" % (REPO, NEWS))
    obj = json.loads(body)
    lines = obj.get("content", "").split("\n")
    check("contents file (default ref main): base64 wrapped at 60, decodes to the file, real blob sha",
          status == 200 and obj["encoding"] == "base64" and obj["type"] == "file"
          and all(len(x) == 60 for x in lines[:-2]) and lines[-1] == ""
          and base64.b64decode(obj["content"]) == raw and obj["sha"] == git_blob_sha(raw) == listing[1]["sha"]
          and list(obj.keys()) == ["name", "path", "sha", "size", "url", "html_url", "git_url", "download_url",
                                   "type", "content", "encoding", "_links"], obj.keys())
    status, _, body = c.get("%s/contents/wgs/cnai/onboarding/index.md?ref=main" % REPO)
    check("contents: onboarding/index.md served", status == 200 and json.loads(body)["name"] == "index.md")
    status, _, body = c.get("%s/contents/wgs/cnai?ref=main" % REPO)
    dirs = json.loads(body)
    check("contents: a directory of directories lists type dir, size 0, download_url null, stable sha",
          [(d["name"], d["type"], d["size"], d["download_url"]) for d in dirs]
          == [("news", "dir", 0, None), ("onboarding", "dir", 0, None)]
          and len(dirs[0]["sha"]) == 40 and dirs[0]["sha"] == json.loads(c.get("%s/contents/wgs/cnai" % REPO)[2])[0]["sha"],
          dirs)
    status, _, body = c.get("%s/contents/%s/nope.md?ref=main" % (REPO, NEWS))
    check("contents: missing file -> 404 with GitHub's body",
          status == 404 and json.loads(body) == {"message": "Not Found",
                                                 "documentation_url": "https://docs.github.com/rest", "status": "404"},
          body)
    status, _, _ = c.get("%s/contents/%s?ref=other" % (REPO, NEWS))
    check("contents: unknown ref -> 404", status == 404, status)
    status, _, _ = c.get("%s/contents/../../../etc/passwd" % REPO)
    check("contents: .. cannot leave the data directory", status == 404, status)

    # The data directory is read on every request.
    with open(path, "ab") as f:
        f.write(b"\nchanged by the self-test\n")
    _, _, body = c.get("%s/contents/%s?ref=main" % (REPO, NEWS))
    check("contents: a file changed between requests is seen at once",
          json.loads(body)[1]["sha"] == git_blob_sha(open(path, "rb").read()))
    with open(path, "wb") as f:
        f.write(raw)


def tree_tests(c, root, tmp, log_file):
    real = json.load(open(os.path.join(DATA, "expected", "contents_wgs_cnai_news.json")))
    status, h, body = c.get("%s/git/trees/main?recursive=1" % REPO)
    tree = json.loads(body)
    blobs = {e["path"]: e["sha"] for e in tree["tree"] if e["type"] == "blob"}
    check("trees: the ref's whole tree, blob shas as the contents listing's",
          status == 200 and not tree["truncated"]
          and all(blobs.get(e["path"]) == e["sha"] for e in real), status)
    _, _, lbody = c.get("%s/contents/wgs/cnai?ref=main" % REPO)
    news = [e for e in json.loads(lbody) if e["name"] == "news"][0]
    status, _, body = c.get("%s/git/trees/%s?recursive=1" % (REPO, news["sha"]))
    sub = json.loads(body)
    check("trees: a folder's tree by its sha, paths below it",
          status == 200 and sub["sha"] == news["sha"]
          and {e["path"] for e in sub["tree"]} == {e["name"] for e in real}, status)
    status, _, _ = c.get("%s/git/trees/main?recursive=1" % REPO, headers={"If-None-Match": h.get("ETag")})
    check("trees: 304 on its ETag", status == 304, status)
    c.ctl("tree_limit", {"entries": 3})
    _, _, body = c.get("%s/git/trees/main?recursive=1" % REPO)
    cut = json.loads(body)
    c.ctl("tree_limit", {"entries": 100000})
    check("trees: cut to the tree limit, truncated", len(cut["tree"]) == 3 and cut["truncated"], len(cut["tree"]))
    status, _, _ = c.get("%s/git/trees/%s" % (REPO, "0" * 40))
    check("trees: an unknown sha -> 404", status == 404, status)
    status, _, data = c.get("/raw/cncf/tag-runtime/main/%s/July_latest_in_CNAI.md" % NEWS, port="raw")
    check("raw: files under /raw too", status == 200 and data.startswith(b"---"), status)
    status, obj = c.ctl("log/count")
    check("log/count: API and raw requests", status == 200 and obj["api"] >= 5 and obj["raw"] >= 1, obj)


def raw_tests(c, root, tmp, log_file):
    _, _, body = c.get("%s/contents/%s" % (REPO, NEWS))
    entry = [e for e in json.loads(body) if e["name"] == "July_latest_in_CNAI.md"][0]
    url = entry["download_url"]
    path = url.split(":%d" % c.raw, 1)[1]
    status, h, data = c.get(path, port="raw")
    check("raw: download_url serves the file's exact bytes as text/plain",
          status == 200 and data == open(os.path.join(root, "repos/cncf/tag-runtime/main", NEWS,
                                                       "July_latest_in_CNAI.md"), "rb").read()
          and h.get("Content-Type") == "text/plain; charset=utf-8" and git_blob_sha(data) == entry["sha"],
          (status, dict(h)))
    status, h, data = c.get("/cncf/tag-runtime/main/%s/missing.md" % NEWS, port="raw")
    check("raw: missing file -> 404 '404: Not Found'", status == 404 and data == b"404: Not Found", (status, data))
    status, _, _ = c.get("/cncf/tag-runtime/main/%s" % NEWS, port="raw")
    check("raw: a directory -> 404", status == 404, status)


def commits_tests(c, root, tmp, log_file):
    base = "%s/commits?path=%s/12_19_April_2024.md&per_page=1" % (REPO, NEWS)
    link = "http://127.0.0.1:%d%s" % (c.api, base)
    status, h, body = c.get(base)
    check("commits page 1 (per_page=1): Link next page=2, last page=3",
          status == 200 and len(json.loads(body)) == 1
          and h.get("Link") == '<%s&page=2>; rel="next", <%s&page=3>; rel="last"' % (link, link), h.get("Link"))
    status, h, body = c.get(base + "&page=2")
    check("commits page 2: Link prev, next, last, first",
          h.get("Link") == ('<%s&page=1>; rel="prev", <%s&page=3>; rel="next", <%s&page=3>; rel="last", '
                            '<%s&page=1>; rel="first"' % (link, link, link, link)), h.get("Link"))
    status, h, body = c.get(base + "&page=3")
    page3 = json.loads(body)
    check("commits page 3: one commit dated 2024-04-30T23:58:14Z, Link prev and first",
          len(page3) == 1 and page3[0]["commit"]["committer"]["date"] == "2024-04-30T23:58:14Z"
          and h.get("Link") == '<%s&page=2>; rel="prev", <%s&page=1>; rel="first"' % (link, link),
          (page3[:1], h.get("Link")))
    status, h, body = c.get("%s/commits?page=1&per_page=2&sha=main&path=%s/12_19_April_2024.md" % (REPO, NEWS))
    q = "http://127.0.0.1:%d%s/commits?page=2&per_page=2&sha=main&path=%s/12_19_April_2024.md" % (c.api, REPO, NEWS)
    check("commits: Link keeps the client's parameters and order, replacing page",
          h.get("Link") == '<%s>; rel="next", <%s>; rel="last"' % (q, q), h.get("Link"))
    status, h, body = c.get("%s/commits?path=%s/12_19_April_2024.md" % (REPO, NEWS))
    allc = json.loads(body)
    expected = json.load(open(os.path.join(DATA, "commits.json")))["%s/12_19_April_2024.md" % NEWS]
    check("commits: default per_page gives all 3, newest first, no Link",
          allc == expected and "Link" not in h, (len(allc), h.get("Link")))
    status, h, body = c.get("%s/commits?path=%s/July_latest_in_CNAI.md" % (REPO, NEWS))
    check("commits: July_latest_in_CNAI.md has 1 commit and no Link header",
          status == 200 and len(json.loads(body)) == 1 and h.get("Link") is None, h.get("Link"))
    _, h, _ = c.get("%s/commits?path=%s/July_latest_in_CNAI.md" % (REPO, NEWS))
    status, _, body = c.get("%s/commits?path=%s/July_latest_in_CNAI.md" % (REPO, NEWS),
                            headers={"If-None-Match": h["ETag"]})
    check("commits: 304 on If-None-Match", status == 304 and body == b"", status)

    new = os.path.join(root, "repos/cncf/tag-runtime/main", NEWS, "01_05_Dec_2025.md")
    with open(new, "wb") as f:
        f.write(b"---\ntitle: new\n---\nhello\n")
    when = datetime(2025, 12, 6, 7, 8, 9, tzinfo=timezone.utc).timestamp()
    os.utime(new, (when, when))
    status, _, body = c.get("%s/commits?path=%s/01_05_Dec_2025.md" % (REPO, NEWS))
    got = json.loads(body)
    check("commits: a file missing from commits.json gets one commit dated from its mtime",
          status == 200 and len(got) == 1 and got[0]["commit"]["committer"]["date"] == "2025-12-06T07:08:09Z"
          and got[0]["sha"] == hashlib.sha1(("%s/01_05_Dec_2025.md" % NEWS).encode()).hexdigest(), got)
    _, _, body = c.get("%s/contents/%s" % (REPO, NEWS))
    check("contents: the added file is listed at once", "01_05_Dec_2025.md" in [e["name"] for e in json.loads(body)])
    os.unlink(new)
    status, h, body = c.get("%s/commits?path=%s/nothing-here.md" % (REPO, NEWS))
    check("commits: unknown path -> 200 []", status == 200 and json.loads(body) == [] and "Link" not in h)


def issues_tests(c, root, tmp, log_file):
    issues = json.load(open(os.path.join(DATA, "issues.json")))
    status, h, body = c.get("/repos/cncf/tag-runtime/issues/126")
    check("issues: cncf/tag-runtime#126 equals issues.json",
          status == 200 and json.loads(body) == issues["cncf/tag-runtime#126"], status)
    status, _, body = c.get("/repos/cncf/tag-runtime/issues/126", headers={"If-None-Match": h["ETag"]})
    check("issues: 304 on If-None-Match", status == 304 and body == b"", status)
    status, _, body = c.get("/repos/cncf/toc/issues/1641")
    check("issues: cncf/toc#1641", status == 200 and json.loads(body) == issues["cncf/toc#1641"], status)
    status, _, body = c.get("/repos/cncf/tag-runtime/issues/99999")
    check("issues: unknown issue -> 404 GitHub body", status == 404 and json.loads(body)["message"] == "Not Found")


def graphql_tests(c, root, tmp, log_file):
    board = json.load(open(os.path.join(DATA, "board.json")))
    nodes = board["data"]["organization"]["projectV2"]["items"]["nodes"]
    errors = json.load(open(os.path.join(DATA, "graphql-errors.json")))["entries"]
    want401 = [e["body"] for e in errors if e.get("status") == 401 and "status" in e["body"]][0]
    v = {"login": "cncf", "number": 38, "first": 5}
    status, h, body = c.gql(v, auth=None)
    check("graphql: no Authorization -> 401 with the body from graphql-errors.json",
          status == 401 and body == want401 and body["message"] == "Requires authentication", (status, body))
    status, _, body = c.gql(v, auth="bearer wrong")
    check("graphql: wrong token -> 401", status == 401, status)
    pages, after = [], None
    for _ in range(4):
        vv = dict(v, after=after)
        status, h, body = c.gql(vv)
        items = body["data"]["organization"]["projectV2"]["items"]
        pages.append(items)
        if not items["pageInfo"]["hasNextPage"]:
            break
        after = items["pageInfo"]["endCursor"]
    check("graphql: first=5 gives pages of 5, 5, 2",
          [len(p["nodes"]) for p in pages] == [5, 5, 2]
          and [p["pageInfo"]["hasNextPage"] for p in pages] == [True, True, False], [len(p["nodes"]) for p in pages])
    check("graphql: the pages together are board.json's 12 items in order, totalCount 12",
          sum((p["nodes"] for p in pages), []) == nodes and all(p["totalCount"] == 12 for p in pages))
    check("graphql: endCursor is base64 of cursor:v2:<index>",
          base64.b64decode(pages[0]["pageInfo"]["endCursor"]) == b"cursor:v2:4")
    proj = body["data"]["organization"]["projectV2"]
    check("graphql: same document shape (title, url, items)",
          proj["title"] == "Cloud Native AI" and proj["url"] == "https://github.com/orgs/cncf/projects/38"
          and list(proj.keys()) == list(board["data"]["organization"]["projectV2"].keys()))
    status, h, body = c.gql({"owner": "cncf", "number": 38}, auth="Bearer " + TOKEN)
    check("graphql: 'Bearer', variables.owner, default first=100 -> all 12",
          status == 200 and len(body["data"]["organization"]["projectV2"]["items"]["nodes"]) == 12, status)
    status, h, body = c.gql({"org": "cncf", "number": 37})
    check("graphql: wrong number -> 200 NOT_FOUND body",
          status == 200 and body["data"] == {"organization": {"projectV2": None}}
          and body["errors"][0]["type"] == "NOT_FOUND"
          and body["errors"][0]["message"] == "Could not resolve to a ProjectV2 with the number 37.", body)
    status, h, body = c.gql({"login": "kubernetes", "number": 38})
    check("graphql: wrong org -> 200 NOT_FOUND", status == 200 and body["errors"][0]["type"] == "NOT_FOUND", body)
    status, h, body = c.gql({}, query='query { organization(login: "cncf") { projectV2(number: 38) '
                                      '{ items(first: 3) { nodes { id } } } } }')
    check("graphql: literal login/number/first in the query are understood",
          status == 200 and len(body["data"]["organization"]["projectV2"]["items"]["nodes"]) == 3, body)
    with open(os.path.join(root, "board_meta.json"), "w") as f:
        json.dump({"org": "example", "number": 7}, f)
    s1, _, b1 = c.gql({"login": "example", "number": 7})
    s2, _, b2 = c.gql({"login": "cncf", "number": 38})
    check("graphql: board_meta.json sets the org and number",
          "errors" not in b1 and b2["errors"][0]["type"] == "NOT_FOUND", (b1.get("errors"), b2))
    os.unlink(os.path.join(root, "board_meta.json"))
    _, _, b3 = c.gql({"login": "cncf", "number": 38})
    check("graphql: without board_meta.json the board is cncf/38", "errors" not in b3)


def calendar_tests(c, root, tmp, log_file):
    names = sorted(os.listdir(os.path.join(DATA, "calendars")))
    good = True
    for name in names:
        status, h, body = c.get("/cal/" + name)
        good &= (status == 200 and body == open(os.path.join(DATA, "calendars", name), "rb").read()
                 and h.get("Content-Type") == "text/calendar; charset=utf-8")
    check("calendars: all %d files served byte for byte as text/calendar" % len(names), good)
    status, h, body = c.get("/cal/" + names[0])
    check("calendars: CRLF line ends kept", b"\r\n" in body)
    status, _, body = c.get("/cal/" + names[0], headers={"If-None-Match": h["ETag"]})
    check("calendars: 304 on If-None-Match", status == 304 and body == b"", status)
    status, _, _ = c.get("/cal/missing.ics")
    check("calendars: missing -> 404", status == 404)


def misc_tests(c, root, tmp, log_file):
    status, h, body = c.get("/nope/nothing")
    check("unknown path -> 404 with GitHub's body",
          status == 404 and json.loads(body) == {"message": "Not Found",
                                                 "documentation_url": "https://docs.github.com/rest",
                                                 "status": "404"} and h.get("ETag"), body)
    conn = http.client.HTTPConnection("127.0.0.1", c.api, timeout=5)
    conn.request("GET", "/repos/cncf/tag-runtime/issues/126")
    r1 = conn.getresponse()
    r1.read()
    sock = conn.sock
    conn.request("GET", "/repos/cncf/tag-runtime/issues/127")
    r2 = conn.getresponse()
    r2.read()
    check("keep-alive: two requests on one connection", r1.status == r2.status == 200 and conn.sock is sock
          and sock is not None)
    conn.close()


def fault_tests(c, root, tmp, log_file):
    issue = "/repos/cncf/tag-runtime/issues/126"
    reset_at = str(int(time.time()) + 1234)
    c.fault(match=r"/issues/126$", status=403,
            body='{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}',
            headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset_at})
    status, h, body = c.get(issue)
    check("fault status: 403 primary rate limit with X-RateLimit-Remaining 0 and Reset",
          status == 403 and h.get("X-RateLimit-Remaining") == "0" and h.get("X-RateLimit-Reset") == reset_at
          and json.loads(body)["message"].startswith("API rate limit")
          and h.get("Content-Type") == "application/json; charset=utf-8", (status, dict(h)))
    status, h, body = c.get(issue)
    check("fault status: unlimited times applies again", status == 403)
    c.ctl("clear", {})
    status, _, _ = c.get(issue)
    check("fault clear: normal answer again", status == 200, status)

    c.fault(match="issues/127", status=403, times=1, headers={"Retry-After": "60"},
            body='{"message":"You have exceeded a secondary rate limit."}')
    c.fault(match="issues/127", status=502, body="<html><body><h1>502 Bad Gateway</h1></body></html>")
    s1, h1, _ = c.get("/repos/cncf/tag-runtime/issues/127")
    s2, h2, b2 = c.get("/repos/cncf/tag-runtime/issues/127")
    check("fault times=1: applies once; faults are tried in order (403 Retry-After, then 502)",
          s1 == 403 and h1.get("Retry-After") == "60" and s2 == 502, (s1, s2))
    check("fault status: 502 with an HTML body as text/html",
          b2.startswith(b"<html>") and h2.get("Content-Type", "").startswith("text/html"), dict(h2))
    c.ctl("clear", {})

    c.fault(match="issues/126", status=500, method="POST")
    status, _, _ = c.get(issue)
    check("fault method: a POST-only fault leaves GET alone", status == 200, status)
    c.ctl("clear", {})
    c.fault(match="July", status=404, body="404: Not Found", port="raw")
    s_raw, _, _ = c.get("/cncf/tag-runtime/main/%s/July_latest_in_CNAI.md" % NEWS, port="raw")
    s_api, _, _ = c.get("%s/contents/%s/July_latest_in_CNAI.md" % (REPO, NEWS))
    check("fault port=raw: only the RAW port fails", s_raw == 404 and s_api == 200, (s_raw, s_api))
    c.ctl("clear", {})

    c.fault(match="issues/126", delay_ms=300, times=1)
    t = time.monotonic()
    status, _, body = c.get(issue)
    dt = time.monotonic() - t
    check("fault delay_ms=300: answered normally after >= 0.3 s (%.2f s)" % dt,
          status == 200 and 0.3 <= dt < 2 and json.loads(body)["number"] == 126)

    c.fault(match="issues/126", stall=True, times=1)
    t = time.monotonic()
    buf, how = c.raw_exchange(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % issue.encode(), timeout=1)
    dt = time.monotonic() - t
    line, hdrs, body = split_response(buf)
    check("fault stall: status and Content-Length arrive, 10 bytes, then nothing; the client times out after 1 s",
          how == "timeout" and line.startswith("HTTP/1.1 200") and len(body) == 10
          and int(hdrs.get("content-length", 0)) > 10 and 0.9 < dt < 3, (how, line, len(body), dt))

    c.fault(match="issues/126", truncate=25, times=1)
    buf, how = c.raw_exchange(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % issue.encode())
    line, hdrs, body = split_response(buf)
    check("fault truncate=25: full Content-Length, 25 body bytes, then the connection closes",
          how == "eof" and line.startswith("HTTP/1.1 200") and len(body) == 25
          and int(hdrs["content-length"]) > 25, (how, line, len(body), hdrs.get("content-length")))
    c.fault(match="issues/126", truncate=25, times=1)
    try:
        c.get(issue)
        truncated = False
    except http.client.IncompleteRead:
        truncated = True
    check("fault truncate: http.client reports IncompleteRead", truncated)

    size = 5 * 1024 * 1024 + 3
    c.fault(match="issues/126", oversize=size, times=1)
    status, h, body = c.get(issue, timeout=10)
    check("fault oversize: 200 with Content-Length %d and that many 'x'" % size,
          status == 200 and int(h["Content-Length"]) == size and len(body) == size and body.count(b"x") == size)

    c.fault(match="issues/126", reset=True, times=1)
    buf, how = c.raw_exchange(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % issue.encode())
    check("fault reset: the client gets a connection reset and no bytes", how == "reset" and buf == b"", (how, buf))
    c.fault(match="issues/126", reset=True, times=1)
    try:
        c.get(issue)
        err = None
    except (ConnectionError, http.client.HTTPException) as e:
        err = e
    check("fault reset: http.client raises a connection error", err is not None, repr(err))

    c.fault(match="issues/126", redirect="http://127.0.0.1:%d/repos/cncf/tag-runtime/issues/127" % c.api, times=1)
    status, h, _ = c.get(issue)
    check("fault redirect: 302 with Location", status == 302 and h.get("Location", "").endswith("/issues/127"),
          (status, h.get("Location")))
    c.fault(match="issues/126", redirect="https://example.invalid/x", code=301, times=1)
    status, h, _ = c.get(issue)
    check("fault redirect code=301", status == 301 and h.get("Location") == "https://example.invalid/x", status)

    c.fault(match="issues/126", trickle_ms=50, times=1)
    t = time.monotonic()
    s = socket.create_connection(("127.0.0.1", c.api), timeout=1)
    s.sendall(b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % issue.encode())
    buf, how = b"", "timeout"
    while time.monotonic() - t < 1:
        chunk = s.recv(65536)
        if not chunk:
            how = "eof"
            break
        buf += chunk
    s.close()
    dt = time.monotonic() - t
    line, hdrs, body = split_response(buf)
    check("fault trickle_ms=50: the real headers, then one body byte every 50 ms (%d bytes in %.1f s)"
          % (len(body), dt), how == "timeout" and line.startswith("HTTP/1.1 200")
          and int(hdrs.get("content-length", 0)) > 40 and 8 <= len(body) <= 22, (how, line, len(body)))

    commits = "%s/commits?path=%s/12_19_April_2024.md&per_page=1" % (REPO, NEWS)
    c.fault(match="/commits", endless_pages=True, times=2)
    _, h1, b1 = c.get(commits)
    _, h2, _ = c.get(commits + "&page=7")
    check("fault endless_pages: the real page, its Link's rel=\"last\" is always the next page",
          json.loads(b1) and 'page=2>; rel="last"' in h1.get("Link", "")
          and 'page=8>; rel="last"' in h2.get("Link", ""), (h1.get("Link"), h2.get("Link")))

    raw = b"{\"title\":\"\xff\xfe bad \x00 nul\x1b[31m\"}"
    c.fault(match="issues/126", body_b64=base64.b64encode(raw).decode(), times=1)
    status, h, body = c.get(issue)
    check("fault body_b64: 200 with exactly those bytes (invalid UTF-8, NUL, ESC)",
          status == 200 and body == raw and h.get("Content-Type") == "application/json; charset=utf-8", body)
    c.fault(match="^/cal/", body="BEGIN:VCALENDAR\r\nEND:VCAL", times=1)
    name = sorted(os.listdir(os.path.join(DATA, "calendars")))[0]
    status, h, body = c.get("/cal/" + name)
    check("fault body: string body, content type of the real response (text/calendar)",
          status == 200 and body == b"BEGIN:VCALENDAR\r\nEND:VCAL"
          and h.get("Content-Type") == "text/calendar; charset=utf-8", (status, dict(h)))
    c.fault(match="issues/126", body="{", content_type="text/plain", times=1)
    status, h, body = c.get(issue)
    check("fault body: content_type option", body == b"{" and h.get("Content-Type") == "text/plain", dict(h))
    c.fault(match="/graphql", status=200, times=1,
            body=json.dumps({"errors": [{"type": "INSUFFICIENT_SCOPES", "message": "Your token has not been granted the required scopes"}]}))
    status, _, body = c.gql({"login": "cncf", "number": 38})
    check("fault on POST /graphql: status 200 with a canned error body",
          status == 200 and body["errors"][0]["type"] == "INSUFFICIENT_SCOPES", body)

    status, out = c.ctl("faults")
    check("faults: GET /_ctl/faults lists them, used-up faults have remaining 0",
          status == 200 and all(f["remaining"] == 0 for f in out), out)
    status, out = c.ctl("fault", {"match": "x", "status": 500, "reset": True})
    check("fault: two behaviours -> 400", status == 400 and "error" in out, out)
    status, out = c.ctl("fault", {"match": "(", "status": 500})
    check("fault: a bad regex -> 400", status == 400, out)
    status, out = c.ctl("fault", {"match": "x"})
    check("fault: no behaviour -> 400", status == 400, out)
    c.ctl("clear", {})


def robustness_tests(c, root, tmp, log_file):
    # Clients that hang up in the middle of a response.
    c.fault(match="issues/126", oversize=50 * 1024 * 1024, times=3)
    for _ in range(3):
        s = socket.create_connection(("127.0.0.1", c.api), timeout=3)
        s.sendall(b"GET /repos/cncf/tag-runtime/issues/126 HTTP/1.1\r\nHost: x\r\n\r\n")
        s.recv(1000)
        s.close()
    c.fault(match="issues/126", stall=True, times=2)
    socks = []
    for _ in range(2):
        s = socket.create_connection(("127.0.0.1", c.api), timeout=3)
        s.sendall(b"GET /repos/cncf/tag-runtime/issues/126 HTTP/1.1\r\nHost: x\r\n\r\n")
        s.recv(1000)
        socks.append(s)
    s = socket.create_connection(("127.0.0.1", c.api), timeout=3)
    s.sendall(b"GET /repos/cncf/tag-runtime/issu")  # half a request, then gone
    s.close()
    status, _ = c.ctl("ping")
    status2, _, _ = c.get("/repos/cncf/tag-runtime/issues/126")
    check("robustness: clients hanging up mid-response do not wedge the server", status == 200 and status2 == 200)
    for s in socks:
        s.close()
    c.ctl("clear", {})

    status, out = c.ctl("latency", {"ms": 200})
    results = []
    lock = threading.Lock()

    def worker(i):
        try:
            st, _, b = c.get("/repos/cncf/tag-runtime/issues/126" if i % 2 else "%s/contents/%s" % (REPO, NEWS))
        except Exception as e:  # noqa: BLE001
            st = repr(e)
        with lock:
            results.append(st)

    t = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(48)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    dt = time.monotonic() - t
    check("latency 200 ms + 48 parallel connections: all 200, served in parallel (%.2f s)" % dt,
          status == 200 and results == [200] * 48 and 0.2 <= dt < 2.5, (results, dt))
    c.ctl("latency", {"ms": 0})
    t = time.monotonic()
    c.get("/repos/cncf/tag-runtime/issues/126")
    check("latency 0 again", time.monotonic() - t < 0.2)
    status, out = c.ctl("latency", {"ms": "x"})
    check("latency: bad value -> 400", status == 400)


def log_tests(c, root, tmp, log_file):
    status, _ = c.ctl("log/clear", {})
    c.ctl("ping")
    c.get("/repos/cncf/tag-runtime/issues/126?x=1", headers={"User-Agent": "catchup-test", "X-Custom": "yes"})
    c.gql({"login": "cncf", "number": 38, "first": 1})
    c.get("/cncf/tag-runtime/main/%s/_index.md" % NEWS, port="raw")
    c.fault(match="issues/154", status=500, times=1)
    c.get("/repos/cncf/tag-runtime/issues/154")
    c.ctl("clear", {})
    status, log = c.ctl("log")
    check("log: GET /_ctl/log holds exactly the 4 requests since log/clear (no /_ctl)",
          status == 200 and [(e["port"], e["method"], e["path"], e["status"]) for e in log] == [
              ("api", "GET", "/repos/cncf/tag-runtime/issues/126?x=1", 200),
              ("api", "POST", "/graphql", 200),
              ("raw", "GET", "/cncf/tag-runtime/main/%s/_index.md" % NEWS, 200),
              ("api", "GET", "/repos/cncf/tag-runtime/issues/154", 500)],
          [(e["port"], e["method"], e["path"], e["status"]) for e in log])
    e0, e1 = log[0], log[1]
    check("log: headers with lower-case names, body null for GET",
          e0["headers"].get("user-agent") == "catchup-test" and e0["headers"].get("x-custom") == "yes"
          and e0["body"] is None and all(k == k.lower() for k in e0["headers"]), e0)
    check("log: the GraphQL request body and Authorization are recorded",
          json.loads(e1["body"])["variables"]["first"] == 1
          and e1["headers"].get("authorization") == "bearer " + TOKEN, e1)
    check("log: every entry has port, method, path, headers, body, status",
          all({"port", "method", "path", "headers", "body", "status"} <= set(e) for e in log))
    with open(log_file, encoding="utf-8") as f:
        lines = [json.loads(x) for x in f if x.strip()]
    check("log file: one JSON object per request, never /_ctl (%d lines)" % len(lines),
          len(lines) > 50 and not any(x["path"].startswith("/_ctl") for x in lines)
          and lines[-4:] == log, len(lines))


if __name__ == "__main__":
    start = time.monotonic()
    main()
    print("# %d checks, %d failed, %.1f s" % (count, failures, time.monotonic() - start))
    sys.exit(1 if failures or count == 0 else 0)
