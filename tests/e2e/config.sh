# Config and command-line errors: exit 2 with the file and line; the
# lookup order; groups.
. tests/lib.sh

# config_error NAME CONTENT EXPECTED_MESSAGE
config_error() {
    printf '%s\n' "$2" >"$CONFIG"
    run posts
    check_rc "$1: exit 2" 2
    check_err "$1: message with file and line" "$3"
}

config_error "unknown key" '[ui]
theme = default
colour = red' "catchup: $CONFIG:3: unknown key 'colour' in [ui] (known: theme, refresh_after, browser, days)"
config_error "bad number" '; comment

[ui]
refresh_after = soon' "catchup: $CONFIG:4: refresh_after must be seconds (0 = never), not 'soon'"
config_error "unknown section" '[colours]
x = 1' "catchup: $CONFIG:1: unknown section [colours]"
config_error "key outside a section" 'theme = x' "catchup: $CONFIG:1: 'theme' must be inside a section such as [ui]"
config_error "bad group key" '[group "k8s"]
posts = github:kubernetes/community/x@main
boards = 1' "catchup: $CONFIG:3: unknown key 'boards' in [group \"k8s\"]"
config_error "bad board" '[group "k8s"]
board = projects/9' "catchup: $CONFIG:2: board must be github:ORG/projects/N, not 'projects/9'"
config_error "bad regex" '[group "cnai"]
calendar_match = (AI' "catchup: $CONFIG:2: calendar_match '(AI' is not a regular expression"
config_error "bad posts" '[group "cnai"]
posts = github:only-owner' "catchup: $CONFIG:2: posts: 'github:only-owner' is not github:OWNER/REPO/PATH@REF"
config_error "slack must be http(s)" '[group "cnai"]
slack = javascript:alert(1)' "catchup: $CONFIG:2: slack must be an http(s) URL"
config_error "bad api" '[github]
api = ftp://example.com' "catchup: $CONFIG:2: api must be an http(s) URL"
config_error "days out of range" '[ui]
days = 0' "catchup: $CONFIG:2: days must be 1 to 366"
config_error "unknown action in [keys]" '[keys]
refreshh = R' "catchup: $CONFIG:2: unknown action 'refreshh' in [keys]"
config_error "unknown key name in [keys]" '[keys]
refresh = Ctrl+R' "catchup: $CONFIG:2: unknown key 'Ctrl+R' for refresh"
config_error "a line that is not INI" '[ui]
this is not ini' "catchup: $CONFIG:2: cannot parse this line"
LONG=$(python3 -c "print('x' * 9000)")
config_error "an over-long line" "[ui]
browser = $LONG" "catchup: $CONFIG:2: line is longer than"

# lookup: --config, then $CATCHUP_CONFIG, then XDG
rm -f "$CONFIG"
run --config "$TMP/nope" posts
check_rc "a missing --config file: exit 2" 2
check_err "a missing --config file is named" "catchup: $TMP/nope: cannot read the config: No such file or directory"
printf '[ui]\ndays = x\n' >"$TMP/env.cfg"
CATCHUP_CONFIG="$TMP/env.cfg" run posts
check_err "CATCHUP_CONFIG is read" "$TMP/env.cfg:2: days must be 1 to 366"
printf '[ui]\ndays = y\n' >"$TMP/opt.cfg"
CATCHUP_CONFIG="$TMP/env.cfg" run --config "$TMP/opt.cfg" posts
check_err "--config wins over CATCHUP_CONFIG" "$TMP/opt.cfg:2:"
run posts
check_rc "no config file at all is fine" 0
check_err "an empty cache says what to do" "no posts cached for Cloud Native AI Working Group yet: run 'catchup refresh'"

# groups
cat >"$CONFIG" <<'CFG'
[group "cnai"]
name = CNAI (renamed)
[group "k8s"]
name = Kubernetes WG
posts = github:kubernetes/community/wg/news@master
CFG
run --group nope posts
check_rc "an unknown group: exit 2" 2
check_err "an unknown group lists the groups" "no group 'nope' in $CONFIG (groups: cnai, k8s)"
run --group k8s posts
check_rc "a configured group works" 0

# usage errors
for args in "frobnicate" "show" "show a b" "posts extra" "posts --recording" "open x --link abc" \
        "open x --recording --issue" "--days 3 posts" "--nope" "posts --json=1" "--config"; do
    # shellcheck disable=SC2086
    run $args
    check_rc "usage error: catchup $args" 2
done
run posts --recording
check_err "an option a command does not take is named" \
    "catchup: --recording, --issue, --slack or --link does not apply to 'posts'"
run board --since 2024-01-01
check_err "... --since on board" "catchup: --since does not apply to 'board'"
run new --since 2024-02-30
check_rc "a day the month does not have is usage (2)" 2
check_err "... and says so" "catchup: --since needs a date as YYYY-MM-DD, not '2024-02-30'"
run new --since 2023-02-29
check_rc "29 February of a common year is usage (2)" 2
run new --since 2024-02-29
check_rc "29 February of a leap year is a date" 0
run frobnicate
check_err "an unknown command is named" "catchup: unknown command 'frobnicate'"
check_err "usage errors point at --help" "Try 'catchup --help' for more information."
run --help
check_rc "--help exits 0" 0
check_out "--help lists the commands" "show ID [--json]"
run --version
check_eq "--version" "catchup 0.1.0" "$(cat "$OUT_FILE")"
run --list-keys
check_out "--list-keys lists actions with keys" "r                  refresh"
printf '[keys]\nrefresh = R, F5\n' >"$CONFIG"
run --list-keys
check_out "--list-keys shows rebound keys" "R, F5              refresh"
run
check_rc "the TUI without a terminal: exit 2" 2
check_err "the TUI without a terminal says what to use" "the TUI needs a terminal"

# a section with no keys is still checked, at its own line
printf '[ui]\ndays = 3\n\n[colours]\n; nothing here\n' >"$CONFIG"
run posts
check_rc "an empty unknown section: exit 2" 2
check_err "an empty unknown section names its line" "catchup: $CONFIG:4: unknown section [colours]"
# quotes keep a ';' that would otherwise start a comment
printf '[group "cnai"]\nname = "AI ; ML" ; the name\n' >"$CONFIG"
run --group cnai posts
check_err "a quoted value keeps its ';'" "no posts cached for AI ; ML yet"
