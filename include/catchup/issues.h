/* issues.h: GitHub issues and their comments as posts, as pure functions
 * (no network, no cache), so they can be tested and fuzzed alone.
 *
 * Every string handed out is terminal-safe UTF-8 (text_sanitize; bodies
 * keep newlines and tabs) or an http(s) URL without a user name or password;
 * anything else is dropped (NULL). */
#ifndef CATCHUP_ISSUES_H
#define CATCHUP_ISSUES_H

#include "catchup/util.h"

struct gh_issue {
    long number;
    char *title, *state, *author, *body; /* body: "" when none */
    char *created_at, *updated_at;       /* as GitHub sent them, or NULL */
    char *url;                           /* html_url, or NULL */
    struct strv labels;
    long comments; /* how many the issue says it has */
    bool is_pr;    /* the issues list also lists pull requests */
};

struct gh_comment {
    char *author, *body, *created_at, *url;
};

/* Reads an issues list (a JSON array) or a search answer (an object with
 * "items"); objects without a number or title are skipped.  Returns 0, or
 * -1 with e set when the body is neither (with GitHub's "message" when it
 * sent one).  Caller frees with gh_issues_free. */
int gh_issues_parse(const char *body, size_t len, struct gh_issue **out, size_t *n,
                    struct cu_err *e);
void gh_issues_free(struct gh_issue *v, size_t n);
void gh_issue_clear(struct gh_issue *is); /* frees its strings, keeps is */
/* Reads a page of GET .../issues/N/comments, in thread order. */
int gh_comments_parse(const char *body, size_t len, struct gh_comment **out, size_t *n,
                      struct cu_err *e);
void gh_comments_free(struct gh_comment *v, size_t n);

/* The words of the longest run of literal text a POSIX ERE requires, for
 * a search that finds every title the ERE could match, or NULL when there
 * is none (an alternation at the top, or under 3 characters of text):
 * "^\[TOC AI Meeting\] [0-9-]+" -> "TOC AI Meeting".  Caller frees. */
char *issue_ere_words(const char *ere);
/* The first valid date YYYY-MM-DD standing alone in a title, or NULL. */
char *issue_title_date(const char *title);
/* A meeting issue's title as a post shows it: without its leading
 * bracketed series marker(s) ("[TOC AI Meeting] 2025-12-19 - Demo" ->
 * "2025-12-19 - Demo"), *about getting the marker's text ("TOC AI Meeting")
 * for the description.  When only a date would be left (the post's date
 * says it already), the title is the marker's text and *about NULL.  A
 * title without a marker, or that is only one, stays whole (*about NULL).
 * Caller frees both. */
char *issue_post_title(const char *title, char **about);
/* The post's Markdown: the description, then each comment under a small
 * heading with its author and date, in order.  Caller frees. */
char *issue_markdown(const struct gh_issue *is, const struct gh_comment *c, size_t n);

#endif
