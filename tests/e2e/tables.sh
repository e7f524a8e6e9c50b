# One table per kind of thing (issue 14): the commands, the config keys, the
# panes and the sources each come from one table, from which the help, the
# man page and the README's lists are made; the app context is its own
# module, so the command line and the TUI never include each other.
. tests/lib.sh

MAN="$ROOT/catchup.1"

# ---- commands: parsing, --help, each command's --help, the man page -------
run --list-commands
check_rc "--list-commands exits 0" 0
cp "$OUT_FILE" "$TMP/commands"
check_eq "--list-commands lists the ten commands" 10 "$(grep -c . "$TMP/commands")"
run --help
cp "$OUT_FILE" "$TMP/help"
while read -r cmd _; do
    check_file_has "the global help lists $cmd" "$TMP/help" "  $cmd"
    run "$cmd" --help
    check_out "$cmd --help comes from the table" "Usage: catchup $cmd"
    check_file_has "the man page lists $cmd" "$MAN" ".B $cmd"
done <"$TMP/commands"
run --list-commands=roff
check_rc "--list-commands=roff exits 0" 0
cp "$OUT_FILE" "$TMP/commands.roff"
sed -n '/^\.SH COMMANDS/,/^\.SH OPTIONS/p' "$MAN" >"$TMP/man_commands"
check_eq "--list-commands=roff has an entry per command" 10 "$(grep -c '^\.TP' "$TMP/commands.roff")"
check_eq "the man page's command list is --list-commands=roff" "0 10" \
    "$(grep -Fxvf "$TMP/man_commands" "$TMP/commands.roff" | grep -c .) $(grep -c '^\.TP' "$TMP/man_commands")"
check_file_has "the man page keeps the commands' details" "$MAN" "kinsoku"
run --list-commands=html
check_rc "--list-commands takes text or roff only" 2
check_err "--list-commands names its formats" "--list-commands takes text or roff"

# ---- config keys: the parser, the defaults, the README and man page --------
run --list-config
check_rc "--list-config exits 0" 0
grep -v '^\[\|^$' "$OUT_FILE" | sed 's/ .*//' | uniq >"$TMP/keys"
check_eq "--list-config lists every key" 20 "$(grep -c . "$TMP/keys")"
check_out "--list-config is a config file: sections" '[group "cnai"]'
check_out "--list-config gives the default and help" "parallel = 8             ; transfers at once"
# the README's config section (from its heading to the next one)
sed -n '/^## Configure/,/^## Files/p' "$ROOT/README.md" >"$TMP/readme_config"
while read -r key; do
    check_file_has "the README's config section names $key" "$TMP/readme_config" "$key ="
    check_file_has "the man page names $key" "$MAN" "$key ="
done <"$TMP/keys"
run --list-config=roff
check_rc "--list-config=roff exits 0" 0
check_file_has "the man page's config list is --list-config=roff" "$MAN" "$(sed -n 2p "$OUT_FILE")"
printf '[net]\nparallel = 100\n' >"$TMP/range.conf"
run --config "$TMP/range.conf" posts
check_rc "a value out of the table's range: exit 2" 2
check_err "the range comes from the table" "parallel must be 1 to 64, not '100'"

# ---- the layout rules on the files this refactor owns ----------------------
if command -v clang-format >/dev/null 2>&1; then
    python3 "$ROOT/scripts/lint.py" "$ROOT" >"$TMP/lint" 2>&1
    grep -E '^(include/catchup/(app|cli|ui|config|paths|theme)\.h|src/(app|cli)/|src/ui/|src/main\.c|src/base/(config|paths|theme)|src/sources/refresh\.c)' \
        "$TMP/lint" >"$TMP/lint_mine"
    check_eq "lint: no problem in the app, cli, ui, config and theme files" "" "$(cat "$TMP/lint_mine")"
else
    ok "lint: skipped (no clang-format) # SKIP"
fi
check_eq "the TUI reaches no pane by position" "" \
    "$(grep -n 'panes\[[0-9]\]\|NPANES - \|pane = [0-9]' "$ROOT"/src/ui/*.c)"
check_eq "theme files are parsed without curses (no Makefile special case)" "" \
    "$(grep -n 'src/ui/theme.o' "$ROOT/Makefile")"
check_eq "one place knows the XDG and HOME directories" "src/base/paths.c" \
    "$(grep -l '"XDG_CONFIG_HOME"\|"XDG_CACHE_HOME"\|getenv("HOME")' "$ROOT"/src/*/*.c | sed "s|$ROOT/||" | sort -u | tr '\n' ' ' | sed 's/ $//')"
check_eq "one INI loader" "1" "$(grep -l 'ini_parse' "$ROOT"/src/*/*.c | grep -c .)"
