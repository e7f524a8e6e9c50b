#!/usr/bin/env python3
"""make lint: the layering and size rules of catchup's tree (README, "How it
is built"), then clang-format in check mode.  Prints FILE:LINE: what is wrong
for every break and exits 1 when there is one.

Usage: scripts/lint.py [--no-format] [ROOT]   (ROOT defaults to the tree this
script is in; --no-format skips clang-format)
"""
import os
import re
import shutil
import subprocess
import sys

# Which layers each layer may include (its own always).  A public header
# belongs to the layer of the .c file of the same name; the three that have
# none are named here.
LAYERS = {
    "base": [],
    "net": ["base"],
    "parse": ["base"],
    "store": ["base", "parse"],
    "sources": ["base", "net", "parse", "store"],
    "domain": ["base", "parse", "store"],
    "app": ["base", "net", "parse", "store", "sources"],
    "cli": ["base", "net", "parse", "store", "sources", "domain", "app"],
    "ui": ["base", "net", "parse", "store", "sources", "domain", "app"],
    "main": ["base", "net", "parse", "store", "sources", "domain", "app", "cli", "ui"],
}
HEADER_LAYER = {"source": "sources", "ui": "ui", "cli": "cli", "app": "app"}

# Third-party headers: which folder may include each.
LIBRARY_HOME = [
    (re.compile(r"<(n?curses(w)?/)?n?curses\.h>|<ncursesw/|<term\.h>|<panel\.h>"), "src/ui/",
     "curses is included only in src/ui/"),
    (re.compile(r"<sqlite3\.h>"), "src/store/", "SQLite is included only in src/store/"),
]
# A public header names only the C library and other catchup headers: a
# third-party type that must cross it is listed here with the reason.
PUBLIC_SYSTEM_OK = re.compile(
    r"<(std[a-z]*|time|limits|regex|sys/types|pthread|signal|stdio|inttypes)\.h>")

MAX_FILE_LINES = 1200
MAX_FUNCTION_LINES = 100

problems = []


def problem(path, line, msg):
    problems.append("%s:%d: %s" % (path, line, msg))


def layer_of_source(rel):
    parts = rel.split("/")
    if rel == "src/main.c":
        return "main"
    if parts[0] == "src" and len(parts) >= 3:
        return parts[1]
    return None


def header_layers(root):
    owner = {}
    for dirpath, _, files in os.walk(os.path.join(root, "src")):
        for f in files:
            if f.endswith(".c"):
                layer = os.path.relpath(dirpath, os.path.join(root, "src")).split("/")[0]
                owner[f[:-2]] = layer
    owner.update(HEADER_LAYER)
    return owner


def check_includes(root, rel, layer, owner):
    allowed = set(LAYERS.get(layer, [])) | {layer}
    public = rel.startswith("include/")
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            m = re.match(r'\s*#\s*include\s+(["<][^">]+[">])', line)
            if not m:
                continue
            inc = m.group(1)
            for pat, home, why in LIBRARY_HOME:
                if pat.search(inc) and not rel.startswith(home):
                    problem(rel, n, "%s: %s" % (inc, why))
            if public and inc.startswith("<") and not PUBLIC_SYSTEM_OK.match(inc):
                problem(rel, n, "%s: a public header names no third-party library "
                        "(keep it in the .c file)" % inc)
            cm = re.match(r'"catchup/([a-z_0-9]+)\.h"', inc)
            if cm and layer:
                target = owner.get(cm.group(1))
                if target is None:
                    problem(rel, n, "%s: no module under src/ owns this header" % inc)
                elif target not in allowed:
                    problem(rel, n, "%s: the %s layer may not include the %s layer"
                            % (inc, layer, target))
            elif inc.startswith('"') and "/" in inc and not inc.startswith('"catchup/'):
                problem(rel, n, "%s: include public headers as \"catchup/NAME.h\", "
                        "private ones by their bare name" % inc)


def check_sizes(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) > MAX_FILE_LINES:
        problem(rel, len(lines), "%d lines; a file holds at most %d (split it by job)"
                % (len(lines), MAX_FILE_LINES))
    if not rel.endswith(".c"):
        return
    # clang-format puts a function's braces alone in column 0.
    start = None
    for n, line in enumerate(lines, 1):
        if line == "{":
            start = n
        elif line == "}" and start is not None:
            length = n - start - 1
            if length > MAX_FUNCTION_LINES:
                name = None
                for k in range(start - 2, max(start - 8, -1), -1):
                    name = re.match(r"[A-Za-z].*?\b([A-Za-z_][A-Za-z_0-9]*)\(", lines[k])
                    if name:
                        break
                problem(rel, start - 1, "function %s is %d lines; at most %d"
                        % (name.group(1) if name else "?", length, MAX_FUNCTION_LINES))
            start = None


def check_unique_names(root, sources):
    seen = {}
    for rel in sources:
        base = os.path.basename(rel)
        if base in seen:
            problem(rel, 1, "same file name as %s (objects share one archive)" % seen[base])
        seen[base] = rel


def clang_format(root, files):
    exe = shutil.which("clang-format")
    if not exe:
        problem("scripts/lint.py", 1, "clang-format is not installed (scripts/deps.sh lint)")
        return
    for rel in files:
        r = subprocess.run([exe, "--dry-run", "--Werror", rel], cwd=root,
                           capture_output=True, text=True)
        if r.returncode != 0:
            m = re.search(r":(\d+):\d+: (?:error|warning)", r.stderr)
            problem(rel, int(m.group(1)) if m else 1,
                    "not in clang-format's style (clang-format -i %s)" % rel)


def main():
    args = sys.argv[1:]
    fmt = "--no-format" not in args
    args = [a for a in args if a != "--no-format"]
    root = os.path.abspath(args[0] if args else os.path.join(os.path.dirname(__file__), ".."))
    owner = header_layers(root)
    code, sources = [], []
    for top in ("src", "include"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for f in sorted(files):
                if f.endswith((".c", ".h")):
                    rel = os.path.relpath(os.path.join(dirpath, f), root)
                    code.append(rel)
                    if f.endswith(".c"):
                        sources.append(rel)
    for rel in sorted(code):
        if rel.startswith("include/catchup/"):
            layer = owner.get(os.path.basename(rel)[:-2])
        else:
            layer = layer_of_source(rel)
            if rel.startswith("src/") and layer is None:
                problem(rel, 1, "every file under src/ lives in its layer's folder")
            elif layer is not None and layer not in LAYERS:
                problem(rel, 1, "src/%s/ is not a layer (%s)" % (layer, ", ".join(LAYERS)))
                layer = None
        check_includes(root, rel, layer, owner)
        check_sizes(root, rel)
    check_unique_names(root, sources)
    extra = []
    for top in ("tests/unit", "fuzz", "bench"):
        d = os.path.join(root, top)
        if os.path.isdir(d):
            extra += [os.path.join(top, f) for f in sorted(os.listdir(d))
                      if f.endswith((".c", ".h"))]
    if fmt:
        clang_format(root, sorted(code) + extra)
    for p in problems:
        print(p)
    if problems:
        print("lint: %d problem%s" % (len(problems), "" if len(problems) == 1 else "s"),
              file=sys.stderr)
        return 1
    print("lint: clean (%d files)" % (len(code) + len(extra)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
