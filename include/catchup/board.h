/* board.h: a working group's open initiatives as a model: items of a GitHub
 * Projects (v2) board and the GitHub issues and pull requests its posts link
 * to, parsed from GitHub's answers.
 *
 * Pure: nothing here touches the network, the cache or the terminal, so it
 * is unit-tested and fuzzed on its own.  Every string a parser hands out has
 * been through text_sanitize() (titles, labels, names without newlines; a
 * draft's body with them), URLs are http(s) or NULL, and parsers survive any
 * byte sequence.  Strings in structs are owned by the struct. */
#ifndef CATCHUP_BOARD_H
#define CATCHUP_BOARD_H

#include "catchup/util.h"

enum board_kind { BOARD_ISSUE, BOARD_PR, BOARD_DRAFT };

/* "issue", "pr", "draft" (static). */
const char *board_kind_name(enum board_kind k);
/* The kind for one of those names; -1 for anything else. */
int board_kind_parse(const char *name);

struct board_item {
    char *key; /* "owner/repo#N" in lower case, or "draft:ITEM_ID" */
    enum board_kind kind;
    char *repo; /* "cncf/tag-runtime" as GitHub spells it; NULL for drafts */
    int number; /* 0 for drafts */
    char *title;
    char *body;   /* drafts only (Markdown), else NULL */
    char *url;    /* http(s) or NULL (drafts) */
    char *state;  /* "open", "closed", "merged" or "draft" */
    char *status; /* the board's Status field, or NULL */
    struct strv labels, assignees;
    char *updated; /* ISO 8601 UTC or NULL */
    bool on_board; /* listed by the board (else only linked from posts) */
    long position; /* order on the board, from 0 */
    /* Kept by the cache across refreshes ("In Progress -> Done"). */
    char *prev_status, *prev_state;
    time_t first_seen, changed_at;
    time_t checked_at; /* last answer of the issues endpoint, 0 = never */
    long mentions;     /* posts that link to it (filled by the cache) */
};

void board_item_free(struct board_item *it);
void board_items_free(struct board_item *v, size_t n);

/* ---- GraphQL: the board ------------------------------------------------- */

/* Items asked for in one page (GitHub's maximum). */
#define BOARD_PAGE_SIZE 100

/* The JSON body of a POST {api}/graphql for one page of the board's items,
 * the shape `gh project item-list` uses.  after is the previous page's
 * endCursor, or NULL for the first page.  Caller frees. */
char *board_query_json(const char *org, int number, int first, const char *after);

struct board_page {
    struct board_item *items;
    size_t n;
    size_t skipped; /* items whose content this token may not see */
    bool has_next;
    char *end_cursor;  /* or NULL */
    long total;        /* totalCount, -1 when absent */
    char *title, *url; /* the project's, or NULL */
};
void board_page_free(struct board_page *p);

/* What a GraphQL answer with HTTP 200 meant. */
enum board_gql {
    BOARD_GQL_OK = 0,
    BOARD_GQL_SCOPES,    /* INSUFFICIENT_SCOPES: the token lacks read:project */
    BOARD_GQL_NOT_FOUND, /* NOT_FOUND: no such organization or project */
    BOARD_GQL_ERROR,     /* another error GitHub reported (e has its message) */
    BOARD_GQL_BAD        /* not JSON, or not the shape asked for */
};

/* Parses one page.  Items get positions first_position, first_position + 1,
 * ...  Returns BOARD_GQL_OK with *out filled (caller frees with
 * board_page_free), else the kind of failure with e holding GitHub's (or
 * our) reason and *out untouched. */
enum board_gql board_parse_page(const char *json, size_t len, long first_position,
                                struct board_page *out, struct cu_err *e);

/* ---- REST: one issue or pull request ------------------------------------ */

/* Parses GET {api}/repos/{o}/{r}/issues/{n} (a pull request is an issue with
 * a "pull_request" key; a merged one has pull_request.merged_at).  The item
 * is not on the board.  Returns 0, or -1 with e set and *out untouched. */
int board_parse_issue(const char *json, size_t len, struct board_item *out, struct cu_err *e);

/* ---- links -------------------------------------------------------------- */

/* For an issue or pull request URL on github.com (also with more path after
 * the number, a #fragment or ?query): fills repo ("owner/repo" as written)
 * and number and returns true.  Owner and repository must be GitHub names
 * ([A-Za-z0-9_.-]), so the result is safe in an API URL.  False (outputs
 * untouched) for anything else or when repo does not fit in cap bytes. */
bool board_issue_ref(const char *url, char *repo, size_t cap, int *number);
/* "owner/repo#N" in lower case, the key of an issue in the cache.  Caller frees. */
char *board_key(const char *repo, int number);

/* Calls found(repo, number, url, arg) for every GitHub issue or pull request
 * URL written in a post's Markdown (links, autolinks, reference definitions),
 * in order, repeats included.  A cheap scan for "http(s)://github.com/":
 * no Markdown parse. */
typedef void (*board_link_cb)(const char *repo, int number, const char *url, void *arg);
void board_scan_links(const char *md, board_link_cb found, void *arg);

/* ---- meaning and order --------------------------------------------------- */

/* Status "Done" (or "Closed", "Complete(d)", any case). */
bool board_status_done(const char *status);
/* An open initiative: its issue or pull request is open, or it is a draft,
 * and its Status is not Done. */
bool board_item_open(const struct board_item *it);
/* Whether the item's issue or pull request carries any of labels (any
 * case); a draft never does. */
bool board_item_labelled(const struct board_item *it, const struct strv *labels);
/* A board's label filter in words, for its header: "label a", "label a or
 * b", "labels a, b or c".  Caller frees. */
char *board_labels_text(const struct strv *labels);
/* Where a Status sorts: in progress 0, to do / ready 1, other named ones
 * (backlog, triage, ...) 2, none 3, done 4. */
int board_status_rank(const char *status);
/* Display order: by Status rank, then Status name, then the most recently
 * updated first, then board position, then key. */
int board_item_cmp(const struct board_item *a, const struct board_item *b);
void board_sort(struct board_item *v, size_t n);

/* A tag in brackets before a title, as issue templates write it
 * ("[Initiative]: Cloud Native AI ..."): copies the tag ("Initiative") into
 * tag (cap bytes, cut if longer) and returns where the rest of the title
 * starts.  Without such a tag, or when nothing would be left of the title,
 * returns title with tag "". */
const char *board_title_tag(const char *title, char *tag, size_t cap);

/* A JSON array of strings (caller frees), and back: a strv (appended to)
 * from such text; anything else yields nothing. */
char *board_strv_json(const struct strv *s);
void board_strv_from_json(const char *json, struct strv *out);

#endif
