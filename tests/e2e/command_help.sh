# `catchup COMMAND --help` prints that command's usage and options (exit 0),
# not the global help; every command has one.
. tests/lib.sh

# command, then the options its help must name
while read -r cmd opts; do
    run "$cmd" --help
    check_rc "$cmd --help exits 0" 0
    check_eq "$cmd --help starts with its usage line" "Usage: catchup $cmd" \
        "$(head -1 "$OUT_FILE" | cut -d' ' -f1-3)"
    check_eq "$cmd --help is not the global help" 0 "$(grep -c '^Commands:' "$OUT_FILE")"
    for opt in $opts; do
        check_out "$cmd --help names $opt" "$opt"
    done
    check_out "$cmd --help points at the global options" "catchup --help"
    check_eq "$cmd --help: nothing on stderr" "" "$(cat "$ERR_FILE")"
done <<'LIST'
refresh
posts --json
show ID --json
open ID --recording --issue --slack --link
board --all --json
agenda --from --days --json
search QUERY --limit --json
start --json
new --since --json
LIST

run search --help
check_out "search --help needs no QUERY, and explains one" "\"a phrase\""
run -h agenda
check_out "-h before the command works too" "Usage: catchup agenda [--from YYYY-MM-DD] [--days N] [--json]"
run --config "$TMP/none" board --help
check_rc "a command's help needs no config" 0
run agenda --days 3 --help
check_out "--help wins over the other options" "Usage: catchup agenda"
run nosuch --help
check_rc "--help of an unknown command: exit 2" 2
check_err "--help of an unknown command says so" "unknown command 'nosuch'"
run --help
check_out "the global help lists the commands" "Commands:"
check_out "the global help says how to see a command's options" "catchup COMMAND --help"
