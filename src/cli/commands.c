/* commands.c: the command table, from which parsing (args.c), the global
 * help, each command's own help and the man page's command list
 * (--list-commands=roff) come. */
#include <stdio.h>
#include <string.h>

#include "cli_int.h"

static const struct command commands[] = {
    {"refresh", cli_refresh, 0, 0, 0, true, "", "", "fetch every source and store what arrived",
     "Fetch every source of the group (posts, board, events, onboarding page) and\n"
     "store what arrived, one line per source.  A source that fails says 'failed'\n"
     "on its line (and what the cache keeps), why on standard error; what was\n"
     "stored before stays (exit status 1).\n",
     "",
     "Fetch every source of the group and store what arrived, in one transaction.\n"
     "Prints one line per source, e.g.\n"
     ".B \"posts: 7 (2 new, 5 unchanged) in 3 requests\".\n"
     "A source that fails leaves its cached data as it was; its line says so,\n"
     "e.g. \\fBposts: failed (7 kept from before) in 1 request\\fR (one that partly\n"
     "worked counts what did: \\fB1 failed\\fR, \\fB1 of 2 sources failed\\fR), and\n"
     "standard error says why; the others are still stored; the exit status is 1.\n"
     "An onboarding page that does not exist (404, or no such file) is a warning,\n"
     "not a failure: \\fBonboarding: not found\\fR, and on standard error\n"
     "\\fBcatchup: warning: onboarding:\\fR where it was looked for and how to stop\n"
     "looking; the exit status stays 0.\n"},
    {"posts", cli_posts, 0, 0, OPT_JSON, false, "", "[--json]", "list cached posts, newest first",
     "List the cached posts, newest first: id, date, title.\n",
     "  --json               a JSON array (fields: see catchup(1))\n",
     "List the cached posts, newest first: id, date (or \\-), title.\n"
     "A post whose front matter cannot be read is listed too, titled by its first\n"
     "heading (else its file name) and dated by its first commit; \\fBshow\\fR and\n"
     "the reader start with the error, then its body.\n"
     "A post whose front matter has no title (or that has no front matter) is\n"
     "titled the same way.\n"},
    {"show", cli_show, 1, 1, OPT_JSON, false, "ID", "ID [--json]",
     "render one post with its numbered links",
     "Render one post as the reader does, with its numbered links; marks it read.\n"
     "ID is a post's file name without .md; a unique prefix is enough.\n",
     "  --json               the post as JSON, with its Markdown body and links\n",
     "Render one post as the reader does, at \\fB$COLUMNS\\fR (or the terminal's width,\n"
     "or 80) columns, followed by its numbered links.\n"
     "An empty post reads \\fB(this post is empty)\\fR.\n"
     "Japanese text is broken by the basic kinsoku rules: no line starts with a\n"
     "small kana, a prolonged sound mark, a closing bracket or \\fB、。\\fR, and none\n"
     "ends with an opening bracket.\n"
     "Marks the post read.\n"},
    {"open", cli_open, 1, 1, OPT_OPENKIND, false, "ID", "ID [--recording|--issue|--slack|--link N]",
     "open the post (or one of its links) in the browser",
     "Open the post's web page, or one of its links, in the browser.\n"
     "ID is a post's file name without .md; a unique prefix is enough.\n",
     "  --recording          its first recording\n"
     "  --issue              its first issue (or pull request)\n"
     "  --slack              its Slack channel, else the group's\n"
     "  --link N             its link N, as 'catchup show ID' numbers them\n",
     "Open the post's web page, or its first recording, issue (or pull request),\n"
     "Slack channel (else the group's), or link number \\fIN\\fR as numbered by\n"
     "\\fBshow\\fR, in the browser.\n"},
    {"board", cli_board, 0, 0, OPT_JSON | OPT_ALL, false, "", "[--all] [--json]",
     "open initiatives on the group's project board",
     "The open initiatives on the group's project board, by Status.\n",
     "  --all                also the closed and Done ones\n"
     "  --json               a JSON array (fields: see catchup(1))\n",
     "The open initiatives from the cache: items of the group's project board\n"
     "whose issue or pull request is open, or drafts, and whose Status is not Done;\n"
     "with \\fB\\-\\-all\\fR also the closed and Done ones.\n"
     "One per line: the Status (or, without one, the state: \\fBopen\\fR,\n"
     "\\fBclosed\\fR, \\fBmerged\\fR), \\fIowner\\fB/\\fIrepo\\fB#\\fIN\\fR (or \\fBdraft\\fR), "
     "the\n"
     "title (with \\fB(closed)\\fR when its Status does not say so), ordered by\n"
     "Status: in progress, to do, other, none, Done; newest update first inside one.\n"
     "Until a token has read the board, the list is the issues and pull requests\n"
     "the posts link to, and standard error says so; it also counts what is hidden\n"
     "and repeats why the last board refresh failed, if it did.\n"
     "A group without a board is an error (exit 1).\n"},
    {"agenda", cli_agenda, 0, 0, OPT_JSON | OPT_FROM | OPT_DAYS, false, "",
     "[--from YYYY-MM-DD] [--days N] [--json]", "upcoming meetings and events, in local time",
     "Upcoming meetings and events from the cache, in local time.\n",
     "  --from YYYY-MM-DD    from that day's midnight instead of now\n"
     "  --days N             that many days, 1 to 366 (default: [ui] days, 14)\n"
     "  --json               a JSON array (fields: see catchup(1))\n",
     "Upcoming meetings and events from the cache, in local time (\\fBTZ\\fR): those\n"
     "of the next \\fIN\\fR days (default \\fB[ui] days\\fR, 14) from now, or from\n"
     "local midnight of \\fB\\-\\-from\\fR.\n"
     "One per line: day and date, start\\(enend time (or \\fBall day\\fR), title, the\n"
     "place in parentheses: the location's text before its first URL, else the\n"
     "video-call service (\\fB(Zoom)\\fR, LFX's Zoom included, \\fB(Google Meet)\\fR,\n"
     "\\fB(Teams)\\fR, \\fB(Jitsi)\\fR, \\fB(Webex)\\fR), else the URL's host; events\n"
     "named in the posts say \\fB(mentioned in\\fR \\fIweek\\fB)\\fR.\n"
     "An empty agenda says why on standard error (no \\fBcalendar\\fR configured, no\n"
     "refresh yet, nothing in the window); so does a failed last refresh of the\n"
     "events, whose previously stored events are still listed.\n"
     "Calendars are expanded at refresh from a day before to 400 days after it; a\n"
     "window beyond that says how far the cache holds events (\"the cache holds\n"
     "events up to Thu 2028\\-04\\-13\") and whether a refresh now would look further\n"
     "(\\fBrun 'catchup refresh' to look up to\\fR \\fIdate\\fR) or not yet.\n"},
    {"new", cli_new, 0, 0, OPT_JSON | OPT_SINCE | OPT_ALL, false, "",
     "[--since YYYY-MM-DD] [--all] [--json]",
     "what changed since your last visit (new and updated\n"
     "weeks, board changes, events added or moved)",
     "What changed since your last visit (the last time the TUI opened): weeks new\n"
     "or updated, board changes, events added or moved.\n",
     "  --since YYYY-MM-DD   since that day instead\n"
     "  --all                every group you have opened, each since your last visit\n"
     "  --json               JSON (fields: see catchup(1))\n",
     "What changed since your last visit (the last time the TUI opened), or since\n"
     "the date: weeks new or updated, board items new or whose Status or state\n"
     "changed (\\fBIn Progress \\-> Done\\fR), event series added and occurrences\n"
     "moved.\n"
     "The first line says since when: \\fBSince your last visit (3 d ago):\\fR (the\n"
     "age left out under a minute), \\fBSince 2024\\-05\\-01:\\fR, or \\fBNothing new\n"
     "since ...\\fR.\n"
     "Since the last visit, a group's first refresh is its baseline (see above);\n"
     "since a date, everything first stored after it counts.\n"
     "A date in the future is a usage error (exit status 2).\n"
     "Computed from what refreshes stored; nothing is downloaded.\n"
     "With \\fB\\-\\-all\\fR, every group you have opened in the TUI, each since\n"
     "its own last visit (or all since \\fB\\-\\-since\\fR), under a line\n"
     "\\fB== \\fIname\\fB (\\fIkey\\fB)\\fR; groups never opened are left out.\n"},
    {"start", cli_start, 0, 0, OPT_JSON, false, "", "[--json]",
     "how to get involved: Slack, the next meeting, issues that\n"
     "want help, the latest posts' advice, the onboarding page",
     "How to get involved: Slack, the next meeting, issues that want help, the\n"
     "latest posts' advice, the onboarding page.\n",
     "  --json               JSON (fields: see catchup(1))\n",
     "The Start here page: the group's Slack channels and mailing list, the next\n"
     "meeting (local time, countdown, join link; when the calendar has none, the\n"
     "soonest upcoming meeting issue with its agenda and the series' video-call\n"
     "link), open board items (and issues the posts link to) labelled\n"
     "\\fBhelp wanted\\fR, \\fBgood first issue\\fR or \\fBneeds\\-group\\fR, and drafts\n"
     "saying \"Volunteers needed\", the \"How to Get Involved\"\n"
     "bullets of the latest posts (each once), and the onboarding page.\n"
     "A part not fetched yet says so and how to fetch it, rather than that\n"
     "there is nothing; one the last refresh could not fetch says why (the\n"
     "network was unreachable, the error), and an onboarding page that does not\n"
     "exist says where it was looked for, not to refresh again.\n"},
    {"groups", cli_groups, 0, 0, OPT_JSON, false, "", "[--json]",
     "the groups you can follow, where each comes from\n"
     "and what its cache holds",
     "Every group catchup knows: built in, shipped (groups/NAME.group), your own\n"
     "files in $XDG_CONFIG_HOME/catchup/groups/ and the config's [group] sections\n"
     "(a section wins over a file of the same name).  '*' marks the group in use;\n"
     "--group NAME (or w in the terminal UI) switches to any of them.\n",
     "  --json               a JSON array (fields: see catchup(1))\n",
     "Every group catchup knows, one a line: \\fB*\\fR for the group in use, its\n"
     "key, its name, where it comes from (\\fBbuilt in\\fR, \\fBshipped\\fR,\n"
     "\\fByour file\\fR, \\fBconfig\\fR, or \\fBconfig (over shipped)\\fR for a\n"
     "section that overrides a file), and what the cache holds\n"
     "(\\fB7 posts, refreshed 3 d ago\\fR, or \\fBnot fetched yet\\fR) and how its\n"
     "last refresh went: \\fBrefreshed\\fR only when the posts were fetched;\n"
     "otherwise \\fBnever refreshed\\fR or the last success, then\n"
     "\\fBlast refresh failed 2 min ago:\\fR the source and why.\n"
     "\\fB\\-\\-group\\fR \\fINAME\\fR (or \\fBw\\fR in the TUI) switches to any of them.\n"},
    {"search", cli_search, 1, 1, OPT_JSON | OPT_LIMIT, false, "QUERY", "QUERY [--limit N] [--json]",
     "full-text search over every cached week\n"
     "(words, \"a phrase\", prefix*, AND, OR, NOT)",
     "Full-text search over every cached week and board item, best match first; the\n"
     "number of matches is said on standard error.\n"
     "QUERY: words (all must occur), \"a phrase\", prefix*, AND, OR, NOT, (...),\n"
     "title:word.\n",
     "  --limit N            list N hits (default 50); 0 lists them all\n"
     "  --json               a JSON array (fields: see catchup(1))\n",
     "Full-text search (SQLite FTS5) over every cached week (title, description,\n"
     "text) and board item (title, labels, body), ranked by bm25 with titles\n"
     "weighing most; one hit a line: the post's id (\\fBboard\\fR for a board item, whose title "
     "names it), date, title and\n"
     "a snippet around the match (bold on a terminal).\n"
     "\\fIQUERY\\fR: words (all must occur), \\fB\"a phrase\"\\fR, \\fBprefix*\\fR,\n"
     "\\fBAND\\fR, \\fBOR\\fR, \\fBNOT\\fR, parentheses, \\fBtitle:\\fIword\\fR.\n"
     "Plain words the syntax cannot read (\\fB20\\-25\\fR) are searched literally;\n"
     "a malformed query is a message and exit status 2.\n"
     "A query matching more than 1,000 weeks lists them newest first instead of\n"
     "ranking them.\n"
     "Lists the first 50 hits, or \\fIN\\fR with \\fB\\-\\-limit \\fIN\\fR\n"
     "(\\fB\\-\\-limit 0\\fR: all); standard error says how many match in all\n"
     "(\\fB50 of 1,429 matches; \\-\\-limit N, or \\-\\-limit 0 for all\\fR, or\n"
     "\\fB3 matches\\fR when all are listed; with \\fB\\-\\-json\\fR only when some are\n"
     "left out).\n"
     "Works offline.\n"},
};

const struct command *cli_command(const char *name)
{
    for (size_t i = 0; i < CU_ARRAY_LEN(commands); i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

bool cli_uses_network(const struct cli_opts *o)
{
    const struct command *c = o->cmd ? cli_command(o->cmd) : NULL;
    return c && c->network;
}

int cli_run(struct app *a)
{
    const struct command *c = cli_command(a->opts->cmd);
    return c ? c->run(a) : CU_EXIT_USAGE;
}

/* Prints text, its lines after the first indented by indent columns. */
static void put_indented(FILE *fp, const char *text, int indent)
{
    for (const char *p = text; *p; p++) {
        fputc(*p, fp);
        if (*p == '\n')
            fprintf(fp, "%*s", indent, "");
    }
}

void cli_usage(FILE *fp)
{
    fputs("Usage: catchup [OPTIONS] [COMMAND [ARGS]]\n"
          "Keep up with a working group: its weekly posts, open initiatives and events.\n"
          "Without a command, opens the terminal UI from the cache.\n"
          "\n"
          "Commands:\n",
          fp);
    for (size_t i = 0; i < CU_ARRAY_LEN(commands); i++) {
        const struct command *c = &commands[i];
        char head[128];
        snprintf(head, sizeof(head), "%s%s%s", c->name, *c->synopsis ? " " : "", c->synopsis);
        if (strlen(head) > 20)
            fprintf(fp, "  %s\n%23s", head, "");
        else
            fprintf(fp, "  %-20s ", head);
        put_indented(fp, c->summary, 23);
        fputc('\n', fp);
    }
    fputs("'catchup COMMAND --help' shows a command's usage and options.\n"
          "\n"
          "Options:\n"
          "  --config FILE        read this config instead of ~/.config/catchup/config\n"
          "  --group NAME         use this [group \"NAME\"] of the config\n"
          "  --offline            never touch the network (the TUI does not refresh)\n"
          "  --reset-cache        move a damaged cache aside and start a fresh one\n"
          "  --list-keys          list the TUI's keys in effect and exit\n"
          "  --list-commands      list the commands and exit\n"
          "  --list-config        list the config keys with their defaults and exit\n"
          "  -h, --help           show this help\n"
          "  -V, --version        show the version\n"
          "\n"
          "ID is a post's file name without .md; a unique prefix is enough.\n"
          "Exit status: 0 success, 1 a source, lookup or write failed, 2 bad usage or\n"
          "config; a reader that goes away (| head) ends it by SIGPIPE, as with git.\n"
          "See catchup(1) for the config, keys and JSON fields.\n",
          fp);
}

void cli_command_usage(FILE *fp, const char *name)
{
    const struct command *c = cli_command(name);
    if (!c) {
        cli_usage(fp);
        return;
    }
    fprintf(fp, "Usage: catchup %s%s%s\n", c->name, *c->synopsis ? " " : "", c->synopsis);
    fputs(c->about, fp);
    if (*c->options)
        fprintf(fp, "\nOptions:\n%s", c->options);
    fputs("\nThe global options (--config, --group, --offline): see 'catchup --help'.\n", fp);
}

/* The usage line in roff: options bold, their arguments italic, brackets
 * and bars roman ("[--link N]" is [\fB\-\-link \fIN\fR]). */
static void put_roff_synopsis(FILE *fp, const struct command *c)
{
    fprintf(fp, ".B %s%s", c->name, *c->synopsis ? " " : "");
    char font = 'B';
    for (const char *p = c->synopsis; *p;) {
        size_t word = strcspn(p, " []|");
        /* a space after an option stays bold, before its argument */
        char want = !word ? (*p == ' ' && font == 'B' ? 'B' : 'R') : p[0] == '-' ? 'B' : 'I';
        if (font != want)
            fprintf(fp, "\\f%c", want);
        font = want;
        if (!word)
            word = 1;
        for (size_t i = 0; i < word; i++) {
            if (p[i] == '-')
                fputc('\\', fp);
            fputc(p[i], fp);
        }
        p += word;
    }
    if (font == 'I')
        fputs("\\fR", fp);
    fputc('\n', fp);
}

void cli_list_commands(FILE *fp, const char *format)
{
    bool roff = format && !strcmp(format, "roff");
    for (size_t i = 0; i < CU_ARRAY_LEN(commands); i++) {
        const struct command *c = &commands[i];
        if (!roff) {
            fprintf(fp, "%-8s %s\n", c->name, c->synopsis);
            continue;
        }
        fputs(".TP\n", fp);
        put_roff_synopsis(fp, c);
        fputs(c->man, fp);
    }
}
