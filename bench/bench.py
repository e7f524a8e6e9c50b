#!/usr/bin/env python3
"""bench.py: catchup's benchmarks, measured against newsboat and the network.

  bench.py --bin BUILD/catchup --work DIR --out bench/results.md [--runs 5]

bench/run.sh calls this with a private HOME, XDG directories, TZ, LANG and
TERM already set; nothing here reads or writes the user's own files.  It
prints one Markdown table and writes it, with the machine, the versions and
a closing note on every missed target, to --out.  How each figure is taken:
README.md, "Benchmarks".  Python 3 standard library only.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import pty_screen  # noqa: E402

SIZES = (100, 1000, 10000)
SMALL, BIG = SIZES[0], SIZES[-1]
LATENCY_MS = 50
PARALLEL = 8           # catchup's default [net] parallel
COLD_POSTS = 200
COLD_RUNS = 3
SERIES_POSTS = 400
SEARCH_TERMS = [("Kepler", "rare: 1 week in 7"), ("cloud", "common: every week"),
                ("sched*", "prefix: every week"), ("9876", "one week: a title's number")]
SEARCH_RUNS = 20
TITLE = "This Week in CN AI (week %d)"
FEED = "CNAI weekly posts"
GRP = "cnai"
MIB20 = 20 * 1024      # KiB
COMMANDS_HEAD = "## Peak memory of every command"
MIB64 = 64 * 1024      # KiB
CAL_BYTES = 16 * 1024 * 1024 - 4096   # just under the 16 MiB cap on a feed


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


class Bench:
    def __init__(self, args):
        self.bin = os.path.abspath(args.bin)
        self.work = os.path.abspath(args.work)
        self.out = args.out
        self.runs = args.runs
        self.env = dict(os.environ)
        self.rows = []   # (number, figure, value, target, verdict)
        self.missed = []  # short names of the missed targets
        self.notes = []  # closing notes, Markdown paragraphs

    # ---- helpers -------------------------------------------------------------

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def catchup_env(self, name):
        """Each cache has its own XDG_CACHE_HOME; HOME is shared."""
        return dict(self.env, XDG_CACHE_HOME=self.path("cache-%s" % name))

    def catchup(self, args, env):
        p = subprocess.run([self.bin] + args, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("catchup %s: exit %d\n%s%s" % (" ".join(args), p.returncode,
                                                              p.stdout, p.stderr))
        return p.stdout

    def write_config(self, name, lines):
        path = self.path("config-%s" % name)
        with open(path, "w") as f:
            f.write("\n".join(["[ui]", "refresh_after = 0"] + lines) + "\n")
        return path

    @staticmethod
    def gen(*args):
        # a child process: this one stays small, and forks stay cheap
        subprocess.run([sys.executable, os.path.join(HERE, "gen_weeks.py")] + list(args),
                       check=True)

    def newsboat_argv(self, n):
        d = self.path("newsboat-%d" % n)
        return ["newsboat", "-C", os.path.join(d, "config"), "-u", os.path.join(d, "urls"),
                "-c", os.path.join(d, "cache.db")]

    def maxrss_of(self, argv, env, pty=None):
        """Peak RSS (KiB) of argv, forked from bench/maxrss.c (a child forked
        from Python would count Python's pages too)."""
        out = self.path("maxrss.out")
        if pty:
            pty_screen.run([self.maxrss, out] + argv, env, **pty)
        else:
            subprocess.run([self.maxrss, out] + argv, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        with open(out) as f:
            return int(f.read())

    # ---- set-up ----------------------------------------------------------------

    def setup_light(self):
        """What --only needs: the work directory and maxrss."""
        os.makedirs(self.work, exist_ok=True)
        self.maxrss = self.path("maxrss")
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-o", self.maxrss,
                        os.path.join(HERE, "maxrss.c")], check=True)

    def merge_rows(self, num, part="calendars", note="**Calendars.**"):
        """Replaces the rows numbered num (and the part's note) in the
        results file, keeping every other figure of the last full run."""
        with open(self.out) as f:
            lines = f.read().split("\n")
        lines = [x for x in lines if not x.startswith("| %s |" % num)
                 and not x.startswith(note)]
        # the main table's last row (the commands' section has a table of its own)
        last = next(i for i, x in enumerate(lines) if x.startswith("| # |"))
        while last + 1 < len(lines) and lines[last + 1].startswith("| "):
            last += 1
        new = ["| %s |" % " | ".join(r) for r in self.rows]
        lines[last + 1:last + 1] = new
        missed = "Missed in part %s (run alone):" % num
        lines = [x for x in lines if not x.startswith(missed)]
        if self.missed:
            i = lines.index("## Closing note") + 2
            lines.insert(i + 1, "")
            lines.insert(i + 2, "%s %s." % (missed, "; ".join(self.missed)))
        while lines and lines[-1] == "":
            lines.pop()
        for note in self.notes:
            lines += ["", note]
        lines.append("")
        head = "- part %s (%s) re-run alone" % (num, part)
        stamp = ("%s on %s; load average %s" % (
            head, datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            " ".join("%.2f" % x for x in os.getloadavg())))
        lines = [x for x in lines if not x.startswith(head)]
        for i, x in enumerate(lines):
            if x.startswith("- terminal:"):
                lines.insert(i + 1, stamp)
                break
        with open(self.out, "w") as f:
            f.write("\n".join(lines))
        print("\n".join(new))
        if self.missed:
            print("missed: " + "; ".join(self.missed))
        print("merged into %s" % self.out)

    def setup(self, sizes=SIZES, newsboat=True):
        os.makedirs(self.work, exist_ok=True)
        self.maxrss = self.path("maxrss")
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-o", self.maxrss,
                        os.path.join(HERE, "maxrss.c")], check=True)
        self.version = self.catchup(["--version"], self.env).strip()
        if newsboat:
            nb = subprocess.run(["newsboat", "--version"], capture_output=True, text=True)
            self.newsboat_version = (nb.stdout.splitlines() or ["newsboat (version unknown)"])[0]
            self.newsboat_version = self.newsboat_version.split(" - ")[0]
        self.cfg = {}
        for n in sizes:
            t = time.perf_counter()
            posts = self.path("posts-%d" % n)
            self.gen("posts", posts, str(n))
            self.cfg[n] = self.write_config(n, [
                "[github]", "api = http://127.0.0.1:9",  # never asked: the posts are a folder
                '[group "%s"]' % GRP, "posts = " + posts, "board =", "calendar =",
                "onboarding ="])
            out = self.catchup(["--config", self.cfg[n], "refresh"], self.catchup_env(n))
            if "posts: %d (%d new" % (n, n) not in out:
                raise RuntimeError("the refresh of %d weeks said: %s" % (n, out))
            if not newsboat:
                log("%s weeks: catchup's cache filled (%.1f s)" % (fmt_n(n), time.perf_counter() - t))
                continue
            # newsboat: the same weeks as one RSS feed, reloaded into its cache
            d = self.path("newsboat-%d" % n)
            os.makedirs(d, exist_ok=True)
            feed = os.path.join(d, "feed.xml")
            self.gen("rss", feed, str(n))
            with open(os.path.join(d, "urls"), "w") as f:
                f.write("file://%s\n" % feed)
            with open(os.path.join(d, "config"), "w") as f:
                f.write("show-read-feeds yes\nconfirm-exit no\nrefresh-on-startup no\n"
                        "auto-reload no\ncleanup-on-quit no\n")
            subprocess.run(self.newsboat_argv(n) + ["-x", "reload"], env=self.env, check=True,
                           capture_output=True)
            db = sqlite3.connect("file:%s?mode=ro" % os.path.join(d, "cache.db"), uri=True)
            got = db.execute("SELECT count(*) FROM rss_item").fetchone()[0]
            db.close()
            if got != n:
                raise RuntimeError("newsboat cached %d items of %d" % (got, n))
            log("%s weeks: both caches filled (%.1f s)" % (fmt_n(n), time.perf_counter() - t))

    # ---- 1. first screen ---------------------------------------------------------

    def first_screen(self):
        floor, cat, hook, feeds, items = [], {}, {}, {}, {}
        for n in SIZES:
            cat[n], hook[n], feeds[n], items[n] = [], [], [], []
        # a warm-up round (page cache, newsboat's first start), then the
        # timed rounds, the programs interleaved so drift hits all alike
        for rnd in range(self.runs + 1):
            keep = rnd > 0
            r = pty_screen.run(["sh", "-c", "echo ready"], self.env, expect=["ready"],
                               quit_keys=None)
            if keep:
                floor.append(r.ms)
            for n in SIZES:
                env = self.catchup_env(n)
                argv = [self.bin, "--config", self.cfg[n], "--offline"]
                want = [TITLE % n, "1/%d" % n, "? help"]
                r = pty_screen.run(argv, env, expect=want, quit_keys=b"q")
                if keep:
                    cat[n].append(r.ms)
                r = pty_screen.run(argv, dict(env, CATCHUP_EXIT_AFTER_FIRST_DRAW="1"),
                                   expect=want, wait_exit=True)
                if keep:
                    hook[n].append(r.ms)
                # newsboat's first screen is its feed list; Enter opens the
                # feed, whose list shows the weeks as catchup's Posts pane does
                r = pty_screen.run(self.newsboat_argv(n), self.env,
                                   expect=["Your feeds", FEED, "q:Quit"], then_keys=b"\r",
                                   expect2=["Articles in feed", TITLE % n], quit_keys=b"Q")
                if keep:
                    feeds[n].append(r.ms)
                    items[n].append(r.ms2)
            log("first screen: round %d of %d" % (rnd, self.runs) if keep
                else "first screen: warm-up round done")

        fl = statistics.median(floor)
        self.row("1", "floor: `sh -c 'echo ready'` in the same pty harness", ms_stats(floor))
        for n in SIZES:
            self.row("1", "catchup, %s weeks: launch → Posts pane drawn (pty) / "
                     "exit after first draw (hook)" % fmt_n(n),
                     ms_stats(cat[n]) + " / " + ms_stats(hook[n], short=True))
        for n in SIZES:
            self.row("1", "newsboat, %s weeks: launch → feed list drawn / feed opened" % fmt_n(n),
                     ms_stats(feeds[n]) + " / " + ms_stats(items[n], short=True))

        # 10,000 against 100: the same work, within the harness's noise
        prof = {n: callgrind_first_screen(self, n) for n in (SMALL, BIG)}
        self.prof = prof
        small, big = statistics.median(cat[SMALL]), statistics.median(cat[BIG])
        tol = max(2.0, 0.10 * small)
        ok_time = big <= small + tol
        value = "%.1f vs %.1f ms (%+.1f ms)" % (big, small, big - small)
        target = "no slower: within max(2 ms, 10 %%) = %.1f ms" % tol
        ok_work = True
        if prof[SMALL] and prof[BIG]:
            ir_s, ir_b = prof[SMALL]["total"], prof[BIG]["total"]
            ok_work = ir_b <= 1.10 * ir_s
            value += "; instructions %s vs %s (%+.0f %%)" % (mega(ir_b), mega(ir_s),
                                                            100.0 * (ir_b - ir_s) / ir_s)
            target += ", and instructions (callgrind) within 10 %"
        self.row("1", "catchup at %s vs %s weeks" % (fmt_n(BIG), fmt_n(SMALL)), value, target,
                 ok_time and ok_work, short="first screen at %s weeks slower than at %s"
                 % (fmt_n(BIG), fmt_n(SMALL)))
        grows = not (ok_time and ok_work)
        if grows:
            self.first_screen_note(prof, small, big)

        for n in SIZES:
            net_c = statistics.median(cat[n]) - fl
            ratio_f = net_c / (statistics.median(feeds[n]) - fl)
            ratio_i = net_c / (statistics.median(items[n]) - fl)
            self.row("1", "(catchup − floor) / (newsboat − floor), %s weeks" % fmt_n(n),
                     "%.3f against its feed list; %.3f against the opened feed"
                     % (ratio_f, ratio_i),
                     "≤ 0.20 against the feed list" if n == BIG else "–",
                     ratio_f <= 0.20 if n == BIG else None,
                     short="first screen against newsboat at %s weeks" % fmt_n(n))
            if n == BIG and ratio_f > 0.20:
                self.notes.append(
                    "**First screen against newsboat.** At %s weeks catchup's net time is "
                    "%.1f ms, %.2f of newsboat's (the target is 0.20). %s"
                    % (fmt_n(n), net_c, ratio_f,
                       "The cause is the one above: work at start that grows with the cache."
                       if grows else "Where the instructions go: %s."
                       % profile_words(prof.get(BIG))))
        if prof[SMALL] and prof[SMALL].get("_dl_start", 0) > 0.4 * prof[SMALL]["total"]:
            self.startup_note(prof[SMALL], statistics.median(cat[SMALL]) - fl,
                              statistics.median(feeds[SMALL]) - fl)
        for n in (SMALL, BIG):
            if prof[n]:
                self.row("1", "where catchup's instructions go before the first screen, %s "
                         "weeks (callgrind, inclusive)" % fmt_n(n), profile_words(prof[n]))

    def startup_note(self, prof, net_c, net_nb):
        """The fixed cost of starting, which every command pays."""
        ld = subprocess.run([self.bin, "--version"], env=dict(self.env, LD_DEBUG="statistics"),
                            capture_output=True, text=True).stderr
        cycles = re.search(r"total startup time in dynamic loader: (\d+) cycles", ld)
        relocs = re.search(r"number of relocations: (\d+)", ld)
        libs = dict(re.findall(r"^\s*(\S+) => (\S+)", subprocess.run(
            ["ldd", self.bin], capture_output=True, text=True).stdout, re.M))
        brought = []
        for lib, what in (("libcurl.so.4", "libcurl"), ("libical.so.3", "libical")):
            if lib in libs:
                deps = re.findall(r"^\s*(\S+) => ", subprocess.run(
                    ["ldd", libs[lib]], capture_output=True, text=True).stdout, re.M)
                brought.append("%s depends on %d libraries, among them %s" % (
                    what, len(deps), ", ".join(
                        d.split(".so")[0] for d in deps
                        if re.match(r"lib(ssl|gnutls|ldap|krb5|ssh2|rtmp|icuuc|icui18n|"
                                    r"stdc\+\+)[.-]", d))))
        self.notes.append(
            "*Not a target, but the next thing to cut: the fixed start-up.* At %s weeks "
            "catchup's net time to the first screen is %.1f ms against newsboat's %.1f ms. Of "
            "its %s instructions, %.0f %% are the dynamic loader binding %d shared libraries "
            "(LD_DEBUG=statistics: %s cycles, %s symbol relocations; libcurl, OpenSSL, GnuTLS "
            "and LDAP are linked BIND_NOW, so their symbols are bound before main): %s. "
            "%.0f %% more is curl_global_init setting up OpenSSL. "
            "A TUI that opens from the cache needs none of the network until it refreshes: "
            "creating the HTTP client on the first refresh instead of in ui_main "
            "(src/ui/ui.c, http_new) saves the OpenSSL part, and loading libcurl and libical "
            "on first use (dlopen) would save most of the rest."
            % (fmt_n(SMALL), net_c, net_nb, mega(prof["total"]),
               100.0 * prof["_dl_start"] / prof["total"], prof["nlibs"],
               "{:,}".format(int(cycles.group(1))) if cycles else "?",
               "{:,}".format(int(relocs.group(1))) if relocs else "?",
               "; ".join(brought) or "see ldd",
               100.0 * prof.get("curl_global_init", 0) / prof["total"]))

    def first_screen_note(self, prof, small, big):
        """Why the first screen grows with the cache: the functions of
        catchup whose instruction counts grow the most from 100 to 10,000
        weeks, and what is known about them."""
        text = ("**The first screen grows with the cache** (median %.1f ms at %s weeks, %.1f ms "
                "at %s). The Posts pane itself reads only the rows on screen "
                "(store_posts_page in src/ui/view_posts.c), so the growth is elsewhere. "
                % (big, fmt_n(BIG), small, fmt_n(SMALL)))
        chain = growth_chain(prof.get(SMALL), prof.get(BIG))
        if chain:
            text += ("Callgrind, from launch to the first draw: %s instructions at %s weeks "
                     "against %s at %s; catchup's functions that grow the most (inclusive, the "
                     "callers first): %s. "
                     % (mega(prof[BIG]["total"]), fmt_n(BIG), mega(prof[SMALL]["total"]),
                        fmt_n(SMALL), " → ".join("`%s` %s" % (f, plus_mega(g))
                                                 for f, g in chain)))
        else:
            text += "(Run with valgrind installed to see which functions grow.) "
        self.notes.append(text)
        names = {f for f, _ in chain}
        cache = os.path.join(self.catchup_env(BIG)["XDG_CACHE_HOME"], "catchup", "cache.db")
        if names & {"store_post_events", "agenda_load", "events_reload"}:
            rows = table_count(cache, "post_events")
            self.notes.append(
                "*The Events pane, built before anything is drawn.* ui_main's reload_all "
                "(src/ui/ui.c) reloads every pane at start, visible or not. The Events pane's "
                "build (src/ui/view_events.c) calls agenda_load (src/agenda.c), which reads "
                "every post's Events entries: store_post_events (src/store_events.c) selects "
                "all the group's post_events rows (%s here), joined to posts and sorted in a "
                "temporary B-tree, copies each into a post_event_row (one xrealloc per row), and "
                "view_events.c lists them all under \"Mentioned in posts\". What it takes: "
                "(1) build a pane the first time it is shown, not at start (reload_all only "
                "the front pane; the others on ui_switch_pane), which makes the first screen "
                "independent of the events; (2) make the Events pane read like the Posts pane: "
                "the mentions a window at a time (LIMIT/OFFSET on an index of post_events in "
                "the posts' order), and the dated entries of the agenda's range chosen in SQL "
                "(`WHERE grp = ? AND date < ?to AND coalesce(end_date, date) >= ?from`, with "
                "an index on post_events (grp, date)) instead of all of them filtered in C."
                % (fmt_n(rows) if rows is not None else "all"))
        if "store_posts_count" in names or (prof.get(BIG) and prof.get(SMALL) and
                                            prof[BIG].get("store_posts_count", 0) >
                                            2 * prof[SMALL].get("store_posts_count", 1)):
            c_big = fresh_query_ms(cache, "SELECT count(*) FROM posts WHERE grp = ?", (GRP,))
            e_big = fresh_query_ms(cache, "SELECT EXISTS (SELECT 1 FROM posts WHERE grp = ?)",
                                   (GRP,))
            self.notes.append(
                "*Counting the posts, twice.* `store_posts_count` (`SELECT count(*) FROM posts "
                "WHERE grp = ?`, src/store.c) walks the whole posts_order index; it runs in "
                "posts_reload (src/ui/view_posts.c) for the \"1/N\" position and again in "
                "ui_main (src/ui/ui.c) only to learn whether the cache is empty: %s "
                "instructions at %s weeks (%s at %s); one count on a fresh connection takes "
                "%.2f ms at %s weeks (EXISTS: %.3f ms). What it takes: ui_main asks EXISTS "
                "(or uses the pane's count), and the count is kept instead of computed: a "
                "`post_counts (grp PRIMARY KEY, n)` table kept by AFTER INSERT and AFTER "
                "DELETE triggers on posts (a new migration), read in O(1)."
                % (mega(prof[BIG].get("store_posts_count", 0)) if prof.get(BIG) else "?",
                   fmt_n(BIG),
                   mega(prof[SMALL].get("store_posts_count", 0)) if prof.get(SMALL) else "?",
                   fmt_n(SMALL), c_big, fmt_n(BIG), e_big))

    # ---- 2, 3. refresh against the fixture server -----------------------------------

    def start_server(self, name, root):
        portf = self.path("ports-" + name)
        logf = self.path("requests-%s.log" % name)
        for f in (portf, logf):
            if os.path.exists(f):
                os.unlink(f)
        script = os.path.join(ROOT, "tests", "server", "fixture_server.py")
        proc = subprocess.Popen([sys.executable, script, "--root", root, "--port-file", portf,
                                 "--latency-ms", str(LATENCY_MS), "--log", logf],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        end = time.time() + 10
        while not os.path.exists(portf):
            if time.time() > end or proc.poll() is not None:
                proc.kill()
                proc.wait()
                raise RuntimeError("the fixture server did not start")
            time.sleep(0.02)
        with open(portf) as f:
            api, raw = (int(x) for x in f.read().split()[:2])
        self.raw_base = "http://127.0.0.1:%d/raw" % raw
        return proc, "http://127.0.0.1:%d" % api, logf

    @staticmethod
    def stop_server(proc):
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    @staticmethod
    def logged(logf):
        if not os.path.exists(logf):
            return []
        with open(logf) as f:
            return [json.loads(line) for line in f if line.strip()]

    def server_root(self, name, posts):
        """A copy of the fixture data; with posts=N its news folder holds N
        generated weeks without dates instead of the real posts."""
        root = self.path("srv-" + name)
        if os.path.exists(root):
            shutil.rmtree(root)
        shutil.copytree(os.path.join(ROOT, "tests", "data", "server"), root)
        if posts:
            news = os.path.join(root, "repos", "cncf", "tag-runtime", "main", "wgs", "cnai",
                                "news")
            for f in os.listdir(news):
                if f != "_index.md":
                    os.unlink(os.path.join(news, f))
            self.gen("posts", news, str(posts), "--no-dates")
        return root

    def timed_refresh(self, cfg, env, logf):
        before = len(self.logged(logf))
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        out = self.catchup(["--config", cfg, "refresh"], env)
        ms = (time.perf_counter() - t) * 1000
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (ru1.ru_utime + ru1.ru_stime - ru0.ru_utime - ru0.ru_stime) * 1000
        entries = self.logged(logf)[before:]
        return dict(ms=ms, cpu=cpu, n=len(entries), entries=entries, said=out.strip())

    def refresh_set(self, name, posts, colds, nochange):
        root = self.server_root(name, posts)
        proc, api, logf = self.start_server(name, root)
        try:
            cfg = self.write_config("srv-" + name, [
                "[github]", "api = " + api, "raw = " + self.raw_base, '[group "%s"]' % GRP,
                "board =", "calendar =", "onboarding ="])
            cold, same = [], []
            for i in range(colds):
                # with a token: every first-commit date in one refresh, as
                # this figure has always measured (without one, 40 a refresh)
                env = dict(self.catchup_env("srv-%s-%d" % (name, i)), GITHUB_TOKEN="bench-token")
                shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
                cold.append(self.timed_refresh(cfg, env, logf))
            for i in range(nochange):
                same.append(self.timed_refresh(cfg, env, logf))
            if nochange:
                # what one more no-change refresh executes, by callgrind
                self.refresh_prof[name] = callgrind(
                    self, [self.bin, "--config", cfg, "refresh"], env, self.path(
                        "callgrind-refresh-%s.out" % name))
        finally:
            self.stop_server(proc)
        log("refresh against the fixture server: %s done" % name)
        return cold, same

    def refresh(self):
        self.refresh_prof = {}
        cold, same200 = self.refresh_set("cold", COLD_POSTS, COLD_RUNS, self.runs)
        _, same7 = self.refresh_set("real", 0, 1, self.runs)

        for name, label, runs in (("real", "the 7 real posts", same7),
                                  ("cold", "%d weeks" % COLD_POSTS, same200)):
            reqs = max(r["n"] for r in runs)
            paths = sorted({e["path"].split("?")[0] for r in runs for e in r["entries"]})
            statuses = sorted({str(e["status"]) for r in runs for e in r["entries"]})
            ok = all(r["n"] == 1 for r in runs)
            prof = self.refresh_prof.get(name)
            self.row("2", "refresh that changes nothing, %s, %d ms latency" % (label, LATENCY_MS),
                     "%d request%s (`%s`, answered %s) in %s, CPU %s%s; catchup says \"%s\"" % (
                         reqs, "" if reqs == 1 else "s", ", ".join(paths) or "none",
                         "/".join(statuses) or "-", ms_stats([r["ms"] for r in runs]),
                         ms_stats([r["cpu"] for r in runs], short=True),
                         ", %s instructions" % mega(prof["total"]) if prof else "",
                         runs[-1]["said"]),
                     "1 request per source (posts)", ok, short="no-change refresh, %s" % label)
            if not ok:
                self.notes.append(
                    "**No-change refresh (%s).** It sent %d requests (%s) where one conditional "
                    "request for the listing should do: the listing's ETag must be stored "
                    "(src/src_posts.c, posts_commit) and sent back as If-None-Match."
                    % (label, reqs, ", ".join(paths)))

        small, big = self.refresh_prof.get("real"), self.refresh_prof.get("cold")
        if small and big and big["total"] > 1.5 * small["total"]:
            chain = growth_chain(small, big)
            text = ("**A refresh that changes nothing still works through every cached post.** "
                    "It sends one request and the listing answers 304, yet it executes %s "
                    "instructions with %d posts cached against %s with 7 (median CPU %s against "
                    "%s). catchup's functions that grow the most (inclusive, callers first): "
                    "%s." % (mega(big["total"]), COLD_POSTS, mega(small["total"]),
                             ms_stats([r["cpu"] for r in same200], short=True),
                             ms_stats([r["cpu"] for r in same7], short=True),
                             " → ".join("`%s` %s" % (f, plus_mega(g)) for f, g in chain)))
            if {f for f, _ in chain} & {"events_commit", "derive_post_events",
                                        "post_events_extract"}:
                text += (" The events source's commit (src/src_events.c, derive_post_events) "
                         "reads every cached post back (store_posts_page with no limit, then "
                         "store_post_get for each body), extracts its Events section again "
                         "(post_events_extract) and rewrites post_events, on every refresh, "
                         "whether or not a post changed; at 10,000 weeks that is seconds of "
                         "CPU for a refresh that fetched nothing. What it takes: extract a "
                         "post's events when that post is stored (the posts source knows which "
                         "ones are new or updated) and delete them with it, so that a 304 on "
                         "the listing leaves post_events untouched; at the least, skip the "
                         "derivation when the posts source stored nothing.")
            self.notes.append(text)

        ms = statistics.median([r["ms"] for r in cold])
        reqs = cold[0]["n"]
        serial = reqs * LATENCY_MS
        limit = max(3 * LATENCY_MS, math.ceil(reqs / PARALLEL) * LATENCY_MS)
        ok = serial / ms >= 5
        self.row("3", "cold refresh of %d weeks without dates, %d ms latency, %d transfers at "
                 "once" % (COLD_POSTS, LATENCY_MS, PARALLEL),
                 "%s; %d requests; serial %d ms → %.1fx faster; parallel limit %d ms → %.2fx "
                 "the limit" % (ms_stats([r["ms"] for r in cold]), reqs, serial, serial / ms,
                                limit, ms / limit),
                 "≥ 5x faster than serial", ok, short="cold refresh")
        expected = 1 + 2 * COLD_POSTS
        if reqs != expected:
            self.notes.append("The cold refresh sent %d requests; the listing plus each week's "
                              "file and first commit would be %d." % (reqs, expected))
        if not ok:
            self.notes.append(
                "**Cold refresh.** %.0f ms for %d requests is %.1fx faster than one at a time; "
                "transfers should overlap up to [net] parallel (src/http.c)."
                % (ms, reqs, serial / ms))

    # ---- 8. a 400-post dated series: API requests -------------------------------------

    def series_root(self):
        """The fixture data plus a generated weekly Jekyll series: names
        _posts/YYYY-MM-DD-slug.md, Jekyll's date form, 1-3 KB bodies."""
        root = self.path("srv-series")
        if os.path.exists(root):
            shutil.rmtree(root)
        shutil.copytree(os.path.join(ROOT, "tests", "data", "server"), root)
        posts = os.path.join(root, "repos", "weekly", "series", "main", "_posts")
        os.makedirs(posts)
        words = ("cluster scheduler inference training accelerator storage network policy "
                 "release review community meeting benchmark operator gateway").split()
        day = datetime.date(2018, 9, 6)
        for i in range(SERIES_POSTS):
            d = day + datetime.timedelta(weeks=i)
            body, k = [], i
            while sum(len(x) + 1 for x in body) < 1024 + (i * 37) % 2048:
                k = (k * 1103515245 + 12345) % 2 ** 31
                body.append(words[k % len(words)])
            with open(os.path.join(posts, "%s-week-%d.md" % (d.isoformat(), i)), "w") as f:
                f.write("---\nlayout: post\ntitle: \"Week %d\"\ndate: %s 22:00:00 -0000\n---\n"
                        "%s\n" % (i, d.isoformat(), " ".join(body)))
        return root, posts

    @staticmethod
    def api_raw(run):
        return (sum(1 for e in run["entries"] if e["port"] == "api"),
                sum(1 for e in run["entries"] if e["port"] == "raw"))

    def series(self):
        root, posts = self.series_root()
        proc, api, logf = self.start_server("series", root)
        try:
            cfg = self.write_config("series", [
                "[github]", "api = " + api, "raw = " + self.raw_base, '[group "weekly"]',
                "posts = github:weekly/series/_posts@main", "board =", "calendar =",
                "onboarding ="])
            cold = []
            for i in range(COLD_RUNS):
                env = self.catchup_env("series-%d" % i)
                shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
                cold.append(self.timed_refresh(cfg, env, logf))
            same = [self.timed_refresh(cfg, env, logf) for _ in range(self.runs)]
            first = sorted(os.listdir(posts))[0]
            with open(os.path.join(posts, first), "a") as f:
                f.write("\nOne more line.\n")
            one = self.timed_refresh(cfg, env, logf)
        finally:
            self.stop_server(proc)
        log("the %d-post series: done" % SERIES_POSTS)
        c_api, c_raw = self.api_raw(cold[0])
        ok = all(self.api_raw(r)[0] <= 3 for r in cold)
        self.row("8", "cold refresh of a %d-post dated series (Jekyll), API requests" % SERIES_POSTS,
                 "%d API request%s and %d raw files; catchup says \"%s\"" % (
                     c_api, "" if c_api == 1 else "s", c_raw, cold[0]["said"]),
                 "≤ 3 API requests", ok, short="series: cold API requests")
        s_api = max(self.api_raw(r)[0] for r in same)
        statuses = sorted({str(e["status"]) for r in same for e in r["entries"]})
        ok2 = all(self.api_raw(r) == (1, 0) for r in same)
        self.row("8", "refresh of that series that changes nothing",
                 "%d API request (answered %s), %d raw; catchup says \"%s\"" % (
                     s_api, "/".join(statuses), max(self.api_raw(r)[1] for r in same),
                     same[-1]["said"]),
                 "1 API request, answered 304", ok2, short="series: no-change requests")
        o_api, o_raw = self.api_raw(one)
        self.row("8", "refresh of that series after one post changed",
                 "%d API request, %d raw fetch; catchup says \"%s\"" % (o_api, o_raw, one["said"]),
                 "1 API request + 1 raw fetch", (o_api, o_raw) == (1, 1),
                 short="series: one change")
        ms = statistics.median([r["ms"] for r in cold])
        reqs = cold[0]["n"]
        limit = LATENCY_MS + math.ceil((reqs - 1) / PARALLEL) * LATENCY_MS
        self.row("8", "cold refresh of that series, %d ms latency, %d transfers at once"
                 % (LATENCY_MS, PARALLEL),
                 "%s, CPU %s; %d requests; serial %d ms; parallel limit (the tree, then the "
                 "files 8 at once) %d ms → %.2fx the limit" % (
                     ms_stats([r["ms"] for r in cold]),
                     ms_stats([r["cpu"] for r in cold], short=True), reqs,
                     reqs * LATENCY_MS, limit, ms / limit),
                 "–")
        if not (ok and ok2):
            self.notes.append(
                "**Series.** The %d-post series cost %d API requests cold and %d on a refresh "
                "that changed nothing; one tree request (git/trees/REF?recursive=1, with its "
                "ETag) should list it (src/sources/posts.c)." % (SERIES_POSTS, c_api, s_api))

    # ---- 9. meetings kept as GitHub issues: API requests ---------------------------------

    def meetings(self):
        """The 16 cncf/toc AI meeting issues of the corpus (among 20 other
        issues) through github-issues: a cold refresh, one that changes
        nothing, one after a new comment on one meeting."""
        root = self.path("srv-meetings")
        if os.path.exists(root):
            shutil.rmtree(root)
        shutil.copytree(os.path.join(ROOT, "tests", "data", "server"), root)
        data = os.path.join(root, "issues", "cncf_toc.json")
        proc, api, logf = self.start_server("meetings", root)
        try:
            cfg = self.write_config("meetings", [
                "[github]", "api = " + api, "raw = " + self.raw_base, '[group "toc-ai"]',
                "posts = github-issues:cncf/toc?title=%5E%5C%5BTOC%20Artificial%20Intelligence"
                "%20Initiatives%20Meeting%5C%5D", "board =", "calendar =", "onboarding ="])
            env = self.catchup_env("meetings")
            shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
            cold = self.timed_refresh(cfg, env, logf)
            same = self.timed_refresh(cfg, env, logf)
            with open(data) as f:
                issues = json.load(f)
            for i in issues:
                if i["number"] == 1899:
                    i["comments_list"].append({
                        "id": 1, "user": {"login": "bench"}, "body": "One more note.",
                        "created_at": "2025-12-06T00:00:00Z", "updated_at": "2025-12-06T00:00:00Z",
                        "html_url": "https://github.com/cncf/toc/issues/1899#issuecomment-1"})
                    i["updated_at"] = "2025-12-20T00:00:00Z"
            with open(data, "w") as f:
                json.dump(issues, f)
            one = self.timed_refresh(cfg, env, logf)
        finally:
            self.stop_server(proc)
        log("the meeting issues: done")
        with_comments = sum(1 for i in issues if "Intelligence Initiatives Meeting" in i["title"]
                            and i["number"] != 1899 and i.get("comments"))
        c_api = self.api_raw(cold)[0]
        ok = c_api <= 1 + with_comments
        self.row("9", "cold refresh of the 16 AI meeting issues (cncf/toc, 36 issues)",
                 "%d API requests (1 search + %d comments); catchup says \"%s\"" % (
                     c_api, c_api - 1, cold["said"]),
                 "≤ 1 + one per meeting with comments (%d)" % (1 + with_comments), ok,
                 short="meetings: cold requests")
        s_api = self.api_raw(same)[0]
        self.row("9", "refresh of those meetings that changes nothing",
                 "%d API request; catchup says \"%s\"" % (s_api, same["said"]),
                 "1 request", s_api == 1, short="meetings: no-change requests")
        o_api = self.api_raw(one)[0]
        self.row("9", "refresh after a new comment on one meeting",
                 "%d API requests; catchup says \"%s\"" % (o_api, one["said"]),
                 "≤ 3 requests", o_api <= 3, short="meetings: one comment")
        if not (ok and s_api == 1 and o_api <= 3):
            self.notes.append(
                "**Meetings.** The meeting issues cost %d, %d and %d API requests (cold, "
                "no change, one comment); the search with updated:>= and comments only for "
                "issues whose updated_at moved should keep them within budget "
                "(src/sources/github_issues.c)." % (c_api, s_api, o_api))

    # ---- 4. search ----------------------------------------------------------------------

    def search(self):
        n = BIG
        env = self.catchup_env(n)
        cache = os.path.join(env["XDG_CACHE_HOME"], "catchup", "cache.db")
        timer = os.path.join(os.path.dirname(self.bin), "search_time")
        if not os.access(timer, os.X_OK):
            raise RuntimeError("no %s: make bench builds it next to the binary" % timer)
        db = sqlite3.connect("file:%s?mode=ro" % cache, uri=True)
        floor, cli, inproc, hits, self.search_rss = [], {}, {}, {}, {}
        for _ in range(SEARCH_RUNS):
            t = time.perf_counter()
            subprocess.run(["true"], env=env)
            floor.append((time.perf_counter() - t) * 1000)
        # the query itself: search_run() in process (bench/search_time.c), all its work
        out = subprocess.run([timer, cache, GRP, str(SEARCH_RUNS)] + [t for t, _ in SEARCH_TERMS],
                             stdout=subprocess.PIPE, check=True).stdout.decode()
        for line in out.splitlines():
            term, med, lo, hi, shown = line.split("\t")
            inproc[term] = (float(med), float(lo), float(hi))
            total = db.execute("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?",
                               (term,)).fetchone()[0]
            hits[term] = (int(shown), total)
        for term, _ in SEARCH_TERMS:
            # the command: start-up, open, query, print
            times = []
            for i in range(SEARCH_RUNS + 1):
                t = time.perf_counter()
                p = subprocess.run([self.bin, "--config", self.cfg[n], "search", term], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                if i:
                    times.append((time.perf_counter() - t) * 1000)
                if p.returncode != 0:
                    raise RuntimeError("catchup search %s: exit %d: %s"
                                       % (term, p.returncode, p.stderr.decode()))
            cli[term] = times
            self.search_rss[term] = self.maxrss_of(
                [self.bin, "--config", self.cfg[n], "search", term], env)
        db.close()
        log("search done")

        missed = []
        for term, what in SEARCH_TERMS:
            med, lo, hi = inproc[term]
            ok = med < 5
            if not ok:
                missed.append("`%s` (%s matches: %.1f ms)" % (term, fmt_n(hits[term][1]), med))
            self.row("4", "search %s weeks for `%s` (%s; %s match%s, %d shown): search_run() "
                     "in process / the whole command" % (
                         fmt_n(n), term, what, fmt_n(hits[term][1]),
                         "" if hits[term][1] == 1 else "es", hits[term][0]),
                     "%.2f ms (%.2f-%.2f) / %s" % (med, lo, hi, ms_stats(cli[term], short=True)),
                     "< 5 ms (the query)", ok, short="search for `%s`" % term)
        self.row("4", "for scale: starting a process (`true`, same spawn)", ms_stats(floor))
        if missed:
            self.notes.append(
                "**Search over 5 ms** for %s. search_run() ranks on the FTS index alone "
                "(bm25, about 2 µs per match) and reads rows and cuts snippets only for the 50 "
                "shown; a query matching more than 1,000 weeks is listed newest first instead "
                "of ranked. What remains is FTS5 walking the matches' doclists (a prefix "
                "expands to every indexed word it starts) and, for frequent words, the "
                "newest-first selection over every match; an FTS5 prefix index "
                "(`prefix=` on posts_fts) and keeping the group in the FTS table would cut it "
                "further." % "; ".join(missed))

    # ---- 5. memory ----------------------------------------------------------------------

    def memory(self):
        first = {}
        for n in (SMALL, BIG):
            env = dict(self.catchup_env(n), CATCHUP_EXIT_AFTER_FIRST_DRAW="1")
            first[n] = max(self.maxrss_of(
                [self.bin, "--config", self.cfg[n], "--offline"], env,
                pty=dict(expect=["1/%d" % n], wait_exit=True)) for _ in range(3))
        rss = self.search_rss
        worst = max(rss, key=rss.get)
        nb = self.maxrss_of(self.newsboat_argv(BIG), self.env,
                            pty=dict(expect=["Your feeds", FEED], then_keys=b"\r",
                                     expect2=[TITLE % BIG], quit_keys=b"Q"))
        self.row("5", "peak memory (max RSS): first screen at %s weeks" % fmt_n(BIG),
                 "%s (%s at %s weeks)" % (mib(first[BIG]), mib(first[SMALL]), fmt_n(SMALL)),
                 "< 20 MiB", first[BIG] < MIB20, short="memory of the first screen")
        self.row("5", "peak memory (max RSS): `catchup search` at %s weeks" % fmt_n(BIG),
                 "%s (the largest, for `%s`)" % (mib(rss[worst]), worst),
                 "< 20 MiB", rss[worst] < MIB20, short="memory of a search")
        self.row("5", "for scale: newsboat with the feed opened, %s weeks" % fmt_n(BIG), mib(nb))
        if first[BIG] >= MIB20:
            peak, by_fn = massif_first_screen(self, BIG)
            text = ("**Memory at the first screen: %s at %s weeks, %s at %s.** "
                    % (mib(first[BIG]), fmt_n(BIG), mib(first[SMALL]), fmt_n(SMALL)))
            if peak:
                text += ("Massif puts the heap's peak at %s; by catchup function (inclusive, "
                         "callers first): %s. " % (
                             mib(peak / 1024.0),
                             " → ".join("`%s` %s" % (f, mib(b / 1024.0)) for f, b in by_fn)))
            text += ("What grows from %s to %s weeks is what the start reads for every "
                     "week (see the first screen above); building a pane when it is first "
                     "shown and reading its list a window at a time would keep the peak at "
                     "its %s-week level." % (fmt_n(SMALL), fmt_n(BIG), fmt_n(SMALL)))
            self.notes.append(text)
        if rss[worst] >= MIB20:
            self.notes.append("**Memory of a search.** `catchup search %s` peaks at %s; "
                              "`valgrind --tool=massif` shows where." % (worst, mib(rss[worst])))
        log("memory done")

    # ---- 6. hostile calendars up to the 16 MiB cap -----------------------------------

    def calendars(self):
        """Refresh from a local calendar file of ~16 MiB of each amplification
        kind (tests/data/ical/gen_amplify.py): wall time and max RSS of the
        whole `catchup refresh` (read, split, parse, expand, store), then the
        agenda of the cache it left, as text and as JSON."""
        gen = os.path.join(HERE, "..", "tests", "data", "ical", "gen_amplify.py")
        now = str(int(datetime.datetime(2027, 3, 10, 12, tzinfo=datetime.timezone.utc)
                      .timestamp()))
        worst_t = worst_m = worst_a = 0
        for kind in ("weekly", "minutely", "secondly", "exdates"):
            cal = self.path("cal-%s.ics" % kind)
            subprocess.run([sys.executable, gen, kind, cal, "--bytes", str(CAL_BYTES)],
                           check=True)
            size = os.path.getsize(cal)
            # a group without the cnai preset's calendar_match: every event is kept
            cfg = self.write_config("cal-" + kind, [
                '[group "calendar-bench"]', "posts =", "board =", "onboarding =",
                "calendar = " + cal])
            times, cpus, rss, said = [], [], 0, ""
            for _ in range(self.runs):
                env = dict(self.catchup_env("cal-" + kind), CATCHUP_NOW=now)
                shutil.rmtree(env["XDG_CACHE_HOME"], ignore_errors=True)
                t, c = time.perf_counter(), cpu_children()
                rss = max(rss, self.maxrss_of([self.bin, "--config", cfg, "refresh"], env))
                times.append((time.perf_counter() - t) * 1000)
                cpus.append((cpu_children() - c) * 1000)
            said = self.catchup(["--config", cfg, "refresh"], env).strip().replace("\n", " / ")
            said = said.replace(cal, "FILE")
            agenda, agenda_cpu = [], []
            for args in (["agenda", "--days", "366"], ["agenda", "--days", "366", "--json"]):
                ts, cs = [], []
                for _ in range(self.runs):
                    t, c = time.perf_counter(), cpu_children()
                    subprocess.run([self.bin, "--config", cfg] + args, env=env, check=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    ts.append((time.perf_counter() - t) * 1000)
                    cs.append((cpu_children() - c) * 1000)
                agenda.append(ts)
                agenda_cpu.append(cs)
            stored = table_count(os.path.join(env["XDG_CACHE_HOME"], "catchup", "cache.db"),
                                 "occurrences")
            # On a machine busier than its cores the wall clock measures the
            # other processes: the verdict is then on CPU time (user + system).
            busy = os.getloadavg()[0] > (os.cpu_count() or 1)
            med = statistics.median(cpus if busy else times)
            amed = max(statistics.median(a) for a in (agenda_cpu if busy else agenda))
            worst_t, worst_m = max(worst_t, med), max(worst_m, rss)
            worst_a = max(worst_a, amed)
            judged = " (judged on CPU: load average %.1f)" % os.getloadavg()[0] if busy else ""
            self.row("6", "`catchup refresh` of a %s MiB calendar file: %s (%s)" % (
                "%.1f" % (size / 1048576.0), kind, CAL_KINDS[kind]),
                "wall %s, CPU %s; max RSS %s; %s occurrences stored; catchup says \"%s\"" % (
                    ms_stats(times), ms_stats(cpus, short=True), mib(rss), fmt_n(stored), said),
                "< 2 s and < 64 MiB" + judged, med < 2000 and rss < MIB64,
                short="16 MiB %s calendar" % kind)
            self.row("6", "`catchup agenda --days 366` of that cache (%s): text / `--json`" % kind,
                     "wall %s / %s, CPU %s / %s" % (
                         ms_stats(agenda[0], short=True), ms_stats(agenda[1], short=True),
                         ms_stats(agenda_cpu[0], short=True), ms_stats(agenda_cpu[1], short=True)),
                     "< 0.2 s" + judged, amed < 200,
                     short="agenda of the %s calendar's cache" % kind)
            log("calendar %s done" % kind)
        if worst_t >= 2000 or worst_m >= MIB64 or worst_a >= 200:
            self.notes.append(
                "**Calendars.** The slowest 16 MiB refresh took %.0f ms (max RSS %s), the "
                "slowest agenda %.0f ms. The refresh splits the feed and parses one UID's "
                "events at a time (src/parse/ical.c); its time is libical's parse (about 55 ns a "
                "byte) and its rule iterator, which sets up ICU calendars (about 3 µs a step; "
                "ICAL_MAX_STEPS bounds the steps)." % (worst_t, mib(worst_m), worst_a))

    # ---- 7. peak memory of every command ---------------------------------------------

    def commands(self):
        """Max RSS of every command at BIG weeks (the largest of 3 runs), as
        the section COMMANDS_HEAD of results.md."""
        n = BIG
        env = self.catchup_env(n)
        # the board command needs a board configured; nothing of it is cached
        # (no network here), so it reads the cache and says so
        with open(self.cfg[n]) as f:
            text = f.read().replace("board =\n", "board = github:cncf/projects/38\n")
        cfg_board = self.path("config-%d-board" % n)
        with open(cfg_board, "w") as f:
            f.write(text)
        newest = "week_%05d" % n
        cmds = [["posts"], ["posts", "--json"], ["show", newest], ["show", newest, "--json"],
                ["search", "cloud"], ["search", "sched*", "--json"], ["board"],
                ["board", "--json"], ["agenda"], ["agenda", "--json"],
                ["agenda", "--from", "2020-01-01", "--days", "366", "--json"],
                ["new", "--since", "2000-01-01"], ["new", "--since", "2000-01-01", "--json"],
                ["start"], ["start", "--json"], ["refresh"]]
        rows = []
        for args in cmds:
            cfg = cfg_board if args[0] == "board" else self.cfg[n]
            peak = max(self.maxrss_of([self.bin, "--config", cfg] + args, env) for _ in range(3))
            rows.append(("`catchup %s`" % " ".join(args), peak))
        tui_env = dict(env, CATCHUP_EXIT_AFTER_FIRST_DRAW="1")
        peak = max(self.maxrss_of([self.bin, "--config", self.cfg[n], "--offline"], tui_env,
                                  pty=dict(expect=["1/%d" % n], wait_exit=True))
                   for _ in range(3))
        rows.append(("`catchup` (the TUI's first screen)", peak))
        out = [COMMANDS_HEAD, "",
               "Max RSS of each command on the cache of %s weeks (the largest of 3 runs; "
               "forked from `bench/maxrss.c`), output to /dev/null; `refresh` reads the "
               "%s files of the posts folder and finds nothing changed." % (fmt_n(n), fmt_n(n)),
               "", "| command | peak memory (max RSS) | target | result |",
               "| --- | --- | --- | --- |"]
        worst = max(rows, key=lambda r: r[1])
        for name, kib in rows:
            ok = kib < MIB20
            out.append("| %s | %s | < 20 MiB | %s |" % (name, mib(kib), "met" if ok else
                                                       "**missed**"))
            if not ok:
                self.missed.append("(7) memory of %s" % name)
        self.row("7", "peak memory (max RSS) of every command at %s weeks (section below)"
                 % fmt_n(n), "%s at most (%s)" % (mib(worst[1]), worst[0]), "< 20 MiB",
                 worst[1] < MIB20, short="memory of every command")
        self.commands_md = "\n".join(out)
        log("commands done")

    # ---- output ---------------------------------------------------------------------

    def row(self, num, figure, value, target="–", verdict=None, short=None):
        v = "–" if verdict is None else ("met" if verdict else "**missed**")
        self.rows.append((num, figure, value, target, v))
        if verdict is False:
            self.missed.append("(%s) %s" % (num, short or figure))

    def table(self):
        out = ["| # | figure | measured: median of %d (min–max) | target | result |" % self.runs,
               "| --- | --- | --- | --- | --- |"]
        out += ["| %s |" % " | ".join(r) for r in self.rows]
        return "\n".join(out)

    def report(self):
        cpu = "unknown CPU"
        try:
            with open("/proc/cpuinfo") as f:
                for line in f:
                    if line.startswith("model name"):
                        cpu = line.split(":", 1)[1].strip()
                        break
        except OSError:
            pass
        head = [
            "# catchup benchmarks",
            "",
            "Written by `make bench` (bench/run.sh): every figure below was measured on this "
            "machine in that run. How each is taken: README.md, \"Benchmarks\".",
            "",
            "- date: %s" % datetime.datetime.now(datetime.timezone.utc).strftime(
                "%Y-%m-%d %H:%M UTC"),
            "- machine: `nproc` = %d, %s, Linux %s; load average at the end %s"
            % (os.cpu_count() or 0, cpu, platform.release(),
               " ".join("%.2f" % x for x in os.getloadavg())),
            "- %s, built with `-O2 -DNDEBUG` (build/bench/catchup)" % self.version,
            "- %s (Debian package)" % self.newsboat_version,
            "- SQLite %s; search timed in process through search_run() (bench/search_time.c)"
            % sqlite3.sqlite_version,
            "- terminal: a pty of %dx%d, TERM=%s; %d timed runs after one warm-up, the "
            "programs interleaved" % (pty_screen.COLS, pty_screen.ROWS, self.env.get("TERM"),
                                      self.runs),
            "",
        ]
        tail = ["", self.commands_md, "", "## Closing note", ""]
        tail.append("Every target is met." if not self.missed else
                    "Missed: %s." % "; ".join(self.missed))
        for note in self.notes:
            tail += ["", note]
        with open(self.out, "w") as f:
            f.write("\n".join(head) + "\n" + self.table() + "\n" + "\n".join(tail) + "\n")
        print(self.table())
        print("\n%s" % ("every target met" if not self.missed else
                        "missed: " + "; ".join(self.missed)))
        print("written to %s" % self.out)


# ---- profiling --------------------------------------------------------------------------

PROFILE_SYMBOLS = {
    "_dl_start": "loading and linking %d shared libraries",
    "curl_global_init": "curl_global_init (OpenSSL set-up)",
    "store_open": "opening the cache",
    "store_posts_count": "store_posts_count",
    "store_posts_page": "store_posts_page",
    "initscr": "initscr",
    "wrefresh": "drawing (wrefresh)",
}


def callgrind_first_screen(b, n):
    """Instructions to the first screen (CATCHUP_EXIT_AFTER_FIRST_DRAW), by
    callgrind: counts that load on the machine cannot change."""
    env = dict(b.catchup_env(n), CATCHUP_EXIT_AFTER_FIRST_DRAW="1")
    return callgrind(b, [b.bin, "--config", b.cfg[n], "--offline"], env,
                     b.path("callgrind-%d.out" % n), pty=dict(expect=["1/%d" % n]))


def callgrind(b, argv, env, out, pty=None):
    """Runs argv under callgrind (on a pty when pty gives what to expect);
    {"total", "funcs": {catchup function: inclusive instructions}, ...}, or
    {} without valgrind."""
    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        return {}
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv
    try:
        if pty:
            pty_screen.run(cmd, env, wait_exit=True, timeout=300, **pty)
        else:
            subprocess.run(cmd, env=env, capture_output=True, check=True, timeout=300)
        text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                              capture_output=True, text=True, check=True).stdout
    except (RuntimeError, subprocess.SubprocessError, OSError) as e:
        log("callgrind skipped: %s" % e)
        return {}
    prof, funcs = {}, {}
    mine = "[%s]" % b.bin
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+(.*)$", line)
        if not m:
            continue
        count, what = int(m.group(1).replace(",", "")), m.group(2)
        if what.startswith("PROGRAM TOTALS"):
            prof["total"] = count
            continue
        fn = re.search(r":([A-Za-z_][\w@.]*)(?: \[|$)", what)
        if not fn:
            continue
        if fn.group(1) in PROFILE_SYMBOLS and fn.group(1) not in prof:
            prof[fn.group(1)] = count
        if what.endswith(mine):
            funcs[fn.group(1)] = max(count, funcs.get(fn.group(1), 0))
    ldd = subprocess.run(["ldd", b.bin], capture_output=True, text=True).stdout
    prof["nlibs"] = sum(1 for line in ldd.splitlines() if "=>" in line)
    prof["funcs"] = funcs
    return prof if "total" in prof else {}


def growth_chain(small, big, limit=8):
    """catchup's functions whose inclusive instructions grow the most from
    small to big, largest first (so callers come before callees)."""
    if not small or not big:
        return []
    skip = {"main", "(below main)"}
    grown = [(f, c - small["funcs"].get(f, 0)) for f, c in big["funcs"].items() if f not in skip]
    grown = [g for g in grown if g[1] > 0.02 * big["total"]]
    grown.sort(key=lambda g: -g[1])
    return grown[:limit]


def massif_first_screen(b, n, limit=8):
    """(peak heap bytes, [(catchup function, bytes under it at the peak)])
    of the first screen, by massif; (0, []) without valgrind."""
    if not shutil.which("valgrind"):
        return 0, []
    out = b.path("massif-%d.out" % n)
    wrappers = ["xstrdup", "xstrndup", "xmalloc", "xcalloc", "xrealloc", "xasprintf",
                "buf_take", "strdup", "sqlite3Malloc", "sqlite3Realloc"]
    env = dict(b.catchup_env(n), CATCHUP_EXIT_AFTER_FIRST_DRAW="1")
    try:
        pty_screen.run(["valgrind", "--tool=massif", "--massif-out-file=" + out] +
                       ["--alloc-fn=" + w for w in wrappers] +
                       [b.bin, "--config", b.cfg[n], "--offline"], env, expect=["1/%d" % n],
                       wait_exit=True, timeout=300)
        with open(out) as f:
            text = f.read()
    except (RuntimeError, OSError) as e:
        log("massif skipped: %s" % e)
        return 0, []
    peak = None
    for snap in text.split("snapshot=")[1:]:
        if "heap_tree=peak" in snap:
            peak = snap
    if not peak:
        return 0, []
    heap = int(re.search(r"mem_heap_B=(\d+)", peak).group(1))
    per_fn = {}
    mine = "(in %s)" % b.bin
    for line in peak.splitlines():
        m = re.match(r"\s*n\d+: (\d+) 0x[0-9A-Fa-f]+: (\S+) (.*)$", line)
        if m and m.group(3).strip() == mine and m.group(2) != "main":
            per_fn[m.group(2)] = per_fn.get(m.group(2), 0) + int(m.group(1))
    ranked = sorted(per_fn.items(), key=lambda kv: -kv[1])
    return heap, [kv for kv in ranked if kv[1] > 0.02 * heap][:limit]


def table_count(path, table):
    try:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        n = db.execute("SELECT count(*) FROM %s" % table).fetchone()[0]
        db.close()
        return n
    except sqlite3.Error:
        return None


def plus_mega(n):
    return "+%.1fM" % (n / 1e6)


def profile_words(prof):
    if not prof:
        return "(valgrind not available)"
    parts = ["%s instructions in all" % mega(prof["total"])]
    for sym, words in PROFILE_SYMBOLS.items():
        if sym in prof:
            label = words % prof["nlibs"] if "%d" in words else words
            parts.append("%s %s (%.0f %%)" % (label, mega(prof[sym]),
                                              100.0 * prof[sym] / prof["total"]))
    return "; ".join(parts)


def fresh_query_ms(path, sql, args, runs=SEARCH_RUNS):
    """Median ms of a query on a new connection each time, as at start-up."""
    times = []
    for _ in range(runs):
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # the schema
        t = time.perf_counter()
        db.execute(sql, args).fetchall()
        times.append((time.perf_counter() - t) * 1000)
        db.close()
    return statistics.median(times)


# ---- formatting -------------------------------------------------------------------------

def fmt_n(n):
    return "{:,}".format(n)


def cpu_children():
    """CPU seconds (user + system) of the children waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def ms_stats(v, short=False):
    med = statistics.median(v)
    f = "%%.%df" % (2 if med < 10 else 1 if med < 1000 else 0)
    if short:
        return (f + " ms") % med
    return (f + " ms (" + f + "–" + f + ")") % (med, min(v), max(v))


def mib(kib):
    return "%.1f MiB" % (kib / 1024.0)


def mega(n):
    return "%.1fM" % (n / 1e6)


CAL_KINDS = {
    "weekly": "weekly meetings, each its own series",
    "minutely": "RRULE:FREQ=MINUTELY series",
    "secondly": "RRULE:FREQ=SECONDLY;COUNT=10000000 series from before the window",
    "exdates": "one MINUTELY series whose first minutes are EXDATEs",
}


def update_commands(b):
    """--only commands: the section COMMANDS_HEAD of --out replaced (or put
    before the closing note), the rest of the file as it was."""
    try:
        with open(b.out) as f:
            text = f.read()
    except FileNotFoundError:
        text = "# catchup benchmarks\n\n## Closing note\n"
    head, rest = b.commands_md.split("\n", 1)
    stamp = ("Measured on its own (`BENCH_ONLY=commands`) on %s, `nproc` = %d, "
             "load average at the end %s, with %s built with `-O2 -DNDEBUG`." % (
                 datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                 os.cpu_count() or 0, " ".join("%.2f" % x for x in os.getloadavg()), b.version))
    section = head + "\n\n" + stamp + "\n\n" + rest.lstrip("\n")
    m = re.search(r"^%s\n.*?(?=^## |\Z)" % re.escape(COMMANDS_HEAD), text, re.S | re.M)
    if m:
        text = text[:m.start()] + section + "\n\n" + text[m.end():]
    else:
        i = text.find("## Closing note")
        i = len(text) if i < 0 else i
        text = text[:i] + section + "\n\n" + text[i:]
    with open(b.out, "w") as f:
        f.write(text.rstrip("\n") + "\n")
    print(b.commands_md)
    print("\n%s" % ("every target met" if not b.missed else "missed: " + "; ".join(b.missed)))
    print("written to %s (that section only)" % b.out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", choices=["calendars", "commands", "series", "meetings"],
                    help="run one part and replace its rows (calendars) or its section "
                    "(commands) in --out, keeping the others")
    args = ap.parse_args()
    b = Bench(args)
    t = time.perf_counter()
    if args.only == "calendars":
        b.setup_light()
        b.calendars()
        b.merge_rows("6")
        log("finished in %.0f s" % (time.perf_counter() - t))
        return
    if args.only == "series":
        b.setup_light()
        b.series()
        b.merge_rows("8", "series", "**Series.**")
        log("finished in %.0f s" % (time.perf_counter() - t))
        return
    if args.only == "meetings":
        b.setup_light()
        b.meetings()
        b.merge_rows("9", "meetings", "**Meetings.**")
        log("finished in %.0f s" % (time.perf_counter() - t))
        return
    if args.only == "commands":
        b.setup(sizes=(BIG,), newsboat=False)
        b.commands()
        update_commands(b)
        log("finished in %.0f s" % (time.perf_counter() - t))
        return
    b.setup()
    b.first_screen()
    b.refresh()
    b.search()
    b.memory()
    b.calendars()
    b.series()
    b.meetings()
    b.commands()
    b.report()
    log("finished in %.0f s" % (time.perf_counter() - t))


if __name__ == "__main__":
    main()
