/* config.h: the configuration (INI, read with inih).
 *
 * Lookup: --config FILE, else $CATCHUP_CONFIG, else
 * $XDG_CONFIG_HOME/catchup/config (~/.config/catchup/config).  No file is
 * needed: the built-in default is the CNCF Cloud Native AI Working Group.
 * When the file defines any [group "..."] section, only its groups exist; a
 * section named like a built-in group ("cnai") starts from that group's
 * values, so one key is enough to override one value. */
#ifndef CATCHUP_CONFIG_H
#define CATCHUP_CONFIG_H

#include <regex.h>
#include <stdio.h>

#include "catchup/paths.h"
#include "catchup/util.h"

/* The longest config line read, in bytes without its newline: a calendar
 * URL with a token runs to hundreds (Outlook, LFX). */
#define CONFIG_MAX_LINE 8192

/* Where a group's posts come from.  A group may name several; they feed
 * one timeline. */
struct posts_src {
    enum { SRC_NONE, SRC_GITHUB, SRC_DIR, SRC_FEED, SRC_GITHUB_ISSUES } kind;
    char *owner, *repo, *path, *ref; /* SRC_GITHUB; path may be "" */
    char *dir;                       /* SRC_DIR, tilde-expanded */
    char *url;                       /* SRC_FEED: feed:URL, an http(s) URL */
    /* SRC_GITHUB_ISSUES (owner, repo): github-issues:O/R?title=ERE&labels=A,B
     * &state=all&search=WORDS; what is not given is NULL (labels empty) */
    char *title; /* POSIX ERE on the title, as written */
    regex_t title_re;
    bool has_title_re;
    struct strv labels; /* every one of them */
    char *state;        /* "open", "closed" or "all" */
    char *search;       /* the words the search API looks for, or NULL */
    char *spec;         /* the value as written: names the source in the cache */
    char *badge;        /* a short name shown beside its posts */
};

/* Where a group's definition comes from (catchup groups shows it). */
enum group_origin {
    GROUP_BUILTIN, /* compiled in: cnai */
    GROUP_SHIPPED, /* groups/NAME.group shipped with catchup */
    GROUP_USER,    /* $XDG_CONFIG_HOME/catchup/groups/NAME.group */
    GROUP_CONFIG   /* a [group "NAME"] section of the config */
};

struct group {
    char *key;               /* the section's name: [group "cnai"] */
    char *name;              /* display name */
    struct posts_src *posts; /* posts = ..., repeatable, in file order */
    size_t nposts;
    struct posts_src onboarding; /* a single file (github) or a file path */
    char *board_org;             /* board = github:ORG/projects/N */
    int board_number;            /* 0 = no board */
    struct strv board_labels;    /* ?label=NAME (repeatable): items with any of them */
    struct strv calendars;       /* http(s) URLs or file paths */
    char *calendar_match;        /* ERE on SUMMARY, or NULL */
    regex_t match_re;
    bool has_match_re;
    struct strv slack;
    char *mailing_list, *meeting;
    enum group_origin origin;
    enum group_origin base; /* a config section: what it starts from (itself if new) */
    char *where;            /* the file (and line of a section), or NULL when built in */
    int config_order;       /* its place among the config's sections, or -1 */
};

struct keybind {
    char *action; /* action name, checked by the UI */
    char *keys;   /* the value as written: "R" or "R, C-r" */
    char *file;
    int line;
};

struct config {
    char *file; /* the file read, or NULL for built-in defaults */
    /* [ui] */
    char *theme;
    long refresh_after;
    char *browser;
    int days;
    /* [github] */
    char *api;           /* without trailing slash */
    char *api_where;     /* "FILE:LINE" of the api key, or NULL (built in) */
    char *raw;           /* the raw file host, without trailing slash */
    bool allow_insecure; /* the token may go to a plain http api */
    /* [net] */
    int parallel;
    long connect_timeout, stall_timeout, transfer_timeout;
    /* [group "..."] in file order */
    struct group *groups;
    size_t ngroups;
    /* [keys] */
    struct keybind *keys;
    size_t nkeys;
};

/* Loads the config.  path is --config (may be NULL).  On failure e holds
 * "FILE:LINE: what is wrong" and c is left empty (config_free is safe).
 * A missing file is an error only when it was named explicitly.
 *
 * The groups: the built-in cnai, then the catalog's files (the shipped
 * folder, config_groups_dir(), then the user's $XDG_CONFIG_HOME/catchup/
 * groups/), each NAME.group holding the keys of a [group "NAME"] section
 * and replacing a group of the same name; then the config's sections, each
 * starting from the group of its name when there is one.  The config's
 * first section is the default group (else cnai); the list is in that
 * order: the config's sections, then the rest by name. */
int config_load(struct config *c, const char *path, struct cu_err *e);
void config_free(struct config *c);

/* Prints every config key with its default and help, as a config file
 * ("text") or for the man page ("roff"). */
void config_list_keys(FILE *fp, const char *format);

/* The group called key, or the first group when key is NULL; NULL if none. */
const struct group *config_group(const struct config *c, const char *key);

/* Parses "github:OWNER/REPO/PATH@REF", "github-issues:OWNER/REPO?...",
 * "feed:URL" or a directory path into src.  For file sources (onboarding)
 * the same syntax names one file (github-issues and feed are then refused). */
int posts_src_parse(const char *value, struct posts_src *src, struct cu_err *e);
/* A repository's or a group's name: letters, digits, '-', '_', '.', not
 * "." or "..". */
bool config_valid_name(const char *s, size_t n);
void posts_src_free(struct posts_src *src);
/* The GitHub API URLs of a SRC_GITHUB source under api: its contents (the
 * listing, or the one file), and the commits of path in it.  Every part is
 * percent-encoded, so no name or ref can add a parameter.  Caller frees. */
char *posts_src_contents_url(const struct posts_src *src, const char *api);
char *posts_src_commits_url(const struct posts_src *src, const char *api, const char *path);
/* The git tree of the source's ref (tree NULL), or of a tree sha, with
 * every file below it: {api}/repos/{o}/{r}/git/trees/{tree}?recursive=1. */
char *posts_src_tree_url(const struct posts_src *src, const char *api, const char *tree);
/* A file of the repository on the raw host: {raw}/{o}/{r}/{ref}/{path}. */
char *posts_src_raw_url(const struct posts_src *src, const char *raw, const char *path);

/* The folder of the shipped group files: $CATCHUP_GROUPS_DIR when set,
 * else groups/ beside the binary (a build in the source tree), else
 * PREFIX/share/catchup/groups.  Caller frees. */
char *config_groups_dir(void);
/* "built in", "shipped", "your file", "config" (static). */
const char *group_origin_name(enum group_origin o);

/* How wide the badge column beside posts is: 0 when the group has one posts
 * source (no badge), else its widest badge, at most 12 columns. */
int posts_badge_width(const struct group *g);

#endif
