/* frontmatter.c: see frontmatter.h. */
#define _GNU_SOURCE
#include "catchup/frontmatter.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "catchup/text.h"

/* Finds the closing "---" (or "...") line; returns the offset of the YAML
 * end and sets *body to the first byte after the closing line. */
static bool find_end(const char *text, size_t n, size_t start, size_t *yaml_end, size_t *body)
{
    size_t i = start;
    while (i < n) {
        size_t eol = i;
        while (eol < n && text[eol] != '\n')
            eol++;
        size_t len = eol - i;
        if (len && text[i + len - 1] == '\r')
            len--;
        if ((len == 3 && (!memcmp(text + i, "---", 3) || !memcmp(text + i, "...", 3)))) {
            *yaml_end = i;
            *body = eol < n ? eol + 1 : n;
            return true;
        }
        i = eol + 1;
    }
    return false;
}

static char *scalar_text(yaml_node_t *node)
{
    return text_sanitize((const char *)node->data.scalar.value, node->data.scalar.length,
                         TEXT_KEEP_NEWLINES);
}

static int want_scalar(yaml_node_t *v, const char *key, struct cu_err *e)
{
    if (v->type != YAML_SCALAR_NODE)
        return cu_errf(e, "front matter line %lu: '%s' should be a single value",
                       (unsigned long)v->start_mark.line + 2, key);
    return 0;
}

/* A date or date and time in any form YAML, Hugo or Jekyll write; one that
 * is not a real date or time goes to *bad (cut, sanitized) instead. */
static void normalize_date(const char *s, char **out, char **bad)
{
    time_t t = iso8601_parse(s);
    if (t == -1) {
        if (!*bad)
            *bad = text_sanitize(s, strnlen(s, 40), 0);
        return;
    }
    char buf[32];
    size_t n = strlen(s);
    if (n == 10) {
        *out = xstrndup(s, 10);
    } else {
        iso8601_utc(t, buf);
        *out = xstrdup(buf);
    }
}

/* Reads one key of the mapping into fm (publishDate into *publish). */
static int read_key(yaml_document_t *doc, yaml_node_pair_t *p, struct frontmatter *fm,
                    char **publish, struct cu_err *e)
{
    yaml_node_t *k = yaml_document_get_node(doc, p->key);
    yaml_node_t *v = yaml_document_get_node(doc, p->value);
    if (!k || !v || k->type != YAML_SCALAR_NODE)
        return 0;
    const char *key = (const char *)k->data.scalar.value;
    char **dst = NULL;
    if (!strcmp(key, "title"))
        dst = &fm->title;
    else if (!strcmp(key, "description"))
        dst = &fm->description;
    else if (!strcmp(key, "type"))
        dst = &fm->type;
    else if (!strcmp(key, "date"))
        dst = &fm->date;
    else if (!strcmp(key, "publishDate"))
        dst = publish;
    if (dst || !strcmp(key, "weight")) {
        if (want_scalar(v, key, e) < 0)
            return -1;
    }
    const char *s = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
    if (dst == &fm->date || dst == publish) {
        free(*dst);
        *dst = NULL;
        normalize_date(s, dst, &fm->date_bad);
    } else if (dst) {
        free(*dst);
        *dst = scalar_text(v);
        if (dst == &fm->title) {
            /* a title is one line */
            for (char *c = *dst; *c; c++)
                if (*c == '\n')
                    *c = ' ';
            str_trim(*dst);
        }
    } else if (!strcmp(key, "weight")) {
        char *end;
        errno = 0;
        long w = strtol(s, &end, 10);
        if (errno || end == s || *end)
            return cu_errf(e, "front matter line %lu: weight '%.40s' is not a whole number",
                           (unsigned long)v->start_mark.line + 2, s);
        fm->weight = w, fm->has_weight = true;
    } else if (!strcmp(key, "draft") && s) {
        fm->draft = !strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "yes");
    }
    return 0;
}

int fm_parse(const char *text, size_t n, struct frontmatter *fm, struct cu_err *e)
{
    memset(fm, 0, sizeof(*fm));
    size_t start;
    if (n >= 4 && !memcmp(text, "---\n", 4))
        start = 4;
    else if (n >= 5 && !memcmp(text, "---\r\n", 5))
        start = 5;
    else
        return 0;
    size_t yaml_end, body;
    if (!find_end(text, n, start, &yaml_end, &body))
        return cu_errf(e, "front matter line 1: '---' opens it but no '---' line closes it");

    /* libyaml refuses control characters and invalid UTF-8; the contract is
     * any bytes, and none of those belong in a title anyway. */
    char *yaml = text_sanitize(text + start, yaml_end - start, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser)) {
        free(yaml);
        return cu_errf(e, "cannot initialise the YAML parser");
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, strlen(yaml));
    if (!yaml_parser_load(&parser, &doc)) {
        /* Report where the construct began ("while scanning a quoted
         * scalar"), which is where the author must look. */
        unsigned long line = parser.context ? parser.context_mark.line : parser.problem_mark.line;
        if (parser.error == YAML_READER_ERROR) {
            line = 0;
            for (size_t i = 0; i < parser.problem_offset && yaml[i]; i++)
                line += yaml[i] == '\n';
        }
        cu_errf(e, "front matter line %lu: %s", line + 2,
                parser.problem ? parser.problem : "malformed YAML");
        yaml_parser_delete(&parser);
        free(yaml);
        fm->body_offset = body;
        return -1;
    }
    free(yaml);
    int rc = 0;
    char *publish = NULL;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root) {
        /* "---\n---" : empty front matter */
    } else if (root->type != YAML_MAPPING_NODE) {
        rc = cu_errf(e, "front matter should be a mapping of keys to values");
    } else {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             rc == 0 && p < root->data.mapping.pairs.top; p++)
            rc = read_key(&doc, p, fm, &publish, e);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    /* date first, else publishDate; a bad value matters only when neither
     * gave a date */
    if (!fm->date)
        fm->date = publish;
    else
        free(publish);
    if (fm->date) {
        free(fm->date_bad);
        fm->date_bad = NULL;
    }
    if (rc < 0) {
        fm_free(fm);
        fm->body_offset = body;
        return -1;
    }
    if (fm->description) {
        str_trim(fm->description);
        if (!*fm->description) {
            free(fm->description);
            fm->description = NULL;
        }
    }
    fm->body_offset = body;
    return 0;
}

void fm_free(struct frontmatter *fm)
{
    free(fm->title);
    free(fm->description);
    free(fm->type);
    free(fm->date);
    free(fm->date_bad);
    memset(fm, 0, sizeof(*fm));
}
