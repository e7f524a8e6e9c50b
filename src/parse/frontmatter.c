/* frontmatter.c: see frontmatter.h. */
#define _GNU_SOURCE
#include "catchup/frontmatter.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "catchup/text.h"

/* Finds the closing line ("---" or "...", for TOML "+++"); returns the
 * offset where the front matter ends and sets *body to the first byte after
 * the closing line. */
static bool find_end(const char *text, size_t n, size_t start, bool toml, size_t *fm_end,
                     size_t *body)
{
    size_t i = start;
    while (i < n) {
        size_t eol = i;
        while (eol < n && text[eol] != '\n')
            eol++;
        size_t len = eol - i;
        if (len && text[i + len - 1] == '\r')
            len--;
        if (len == 3 && (toml ? !memcmp(text + i, "+++", 3)
                              : !memcmp(text + i, "---", 3) || !memcmp(text + i, "...", 3))) {
            *fm_end = i;
            *body = eol < n ? eol + 1 : n;
            return true;
        }
        i = eol + 1;
    }
    return false;
}

/* How many of s[0..n) are up to a cut of 40 bytes, not inside a UTF-8
 * character (for messages that quote the input). */
static int quote_len(const char *s, size_t n)
{
    if (n <= 40)
        return (int)n;
    n = 40;
    while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
        n--;
    return (int)n;
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

/* Keeps one top-level key of either form (publishDate into *publish): s
 * (NUL-terminated, n bytes, maybe a NUL among them) is its value as text,
 * NULL when it is a list or a table; line is where the value starts. */
static int set_key(struct frontmatter *fm, char **publish, const char *key, const char *s, size_t n,
                   unsigned long line, struct cu_err *e)
{
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
    if ((dst || !strcmp(key, "weight")) && !s)
        return cu_errf(e, "front matter line %lu: '%s' should be a single value", line, key);
    if (dst == &fm->date || dst == publish) {
        free(*dst);
        *dst = NULL;
        normalize_date(s, dst, &fm->date_bad);
    } else if (dst) {
        free(*dst);
        *dst = text_sanitize(s, n, TEXT_KEEP_NEWLINES);
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
            return cu_errf(e, "front matter line %lu: weight '%.*s' is not a whole number", line,
                           quote_len(s, strlen(s)), s);
        fm->weight = w, fm->has_weight = true;
    } else if (!strcmp(key, "draft") && s) {
        fm->draft = !strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "yes");
    }
    return 0;
}

/* Reads one key of the YAML mapping into fm. */
static int read_key(yaml_document_t *doc, yaml_node_pair_t *p, struct frontmatter *fm,
                    char **publish, struct cu_err *e)
{
    yaml_node_t *k = yaml_document_get_node(doc, p->key);
    yaml_node_t *v = yaml_document_get_node(doc, p->value);
    if (!k || !v || k->type != YAML_SCALAR_NODE)
        return 0;
    bool scalar = v->type == YAML_SCALAR_NODE;
    return set_key(fm, publish, (const char *)k->data.scalar.value,
                   scalar ? (const char *)v->data.scalar.value : NULL,
                   scalar ? v->data.scalar.length : 0, (unsigned long)v->start_mark.line + 2, e);
}

/* Reads the YAML between the delimiters (the block starts on line 2). */
static int yaml_read(const char *text, size_t n, struct frontmatter *fm, char **publish,
                     struct cu_err *e)
{
    /* libyaml refuses control characters and invalid UTF-8; the contract is
     * any bytes, and none of those belong in a title anyway. */
    char *yaml = text_sanitize(text, n, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
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
        return -1;
    }
    free(yaml);
    int rc = 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root) {
        /* "---\n---" : empty front matter */
    } else if (root->type != YAML_MAPPING_NODE) {
        rc = cu_errf(e, "front matter should be a mapping of keys to values");
    } else {
        for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
             rc == 0 && p < root->data.mapping.pairs.top; p++)
            rc = read_key(&doc, p, fm, publish, e);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    return rc;
}

/* ---- TOML ("+++", what `hugo new` writes) --------------------------------
 *
 * No C TOML library is packaged by Debian (bookworm has C++, Perl and Rust
 * ones), so this is a bounded reader of what front matter needs: key =
 * value lines, whose keys count only in the top-level table (not after a
 * [table] header, not dotted); basic and literal strings, single- and
 * multi-line, with TOML's escapes; integers (decimal, 0x, 0o, 0b, with
 * '_'), floats, booleans and date-times, read as the text they are written
 * with.  Arrays and inline tables (over several lines, nested at most
 * TOML_MAX_DEPTH deep) are read through, so nothing inside them, or inside
 * a multi-line string, is taken for a key. */

enum { TOML_MAX_DEPTH = 32 };

struct toml {
    const char *p, *end;
    unsigned long line; /* of p, counted from the file's first line */
    struct cu_err *e;
};

static bool toml_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void skip_blanks(struct toml *t)
{
    while (t->p < t->end && toml_blank(*t->p))
        t->p++;
}

/* Blanks, comments and line ends (between lines, inside an array). */
static void skip_space(struct toml *t)
{
    for (;;) {
        skip_blanks(t);
        if (t->p < t->end && *t->p == '#')
            while (t->p < t->end && *t->p != '\n')
                t->p++;
        if (t->p >= t->end || *t->p != '\n')
            return;
        t->p++;
        t->line++;
    }
}

/* 0..15 for a hexadecimal digit, else 99. */
static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return 99;
}

/* The escape at t->p (a backslash) of a basic string, into out. */
static int toml_escape(struct toml *t, struct buf *out, bool multi)
{
    const char *s = t->p + 1;
    char c = s < t->end ? *s : '\n';
    static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
    const char *k = c ? strchr(from, c) : NULL;
    if (k) {
        buf_add(out, &to[k - from], 1);
        t->p = s + 1;
        return 0;
    }
    if (multi && (toml_blank(c) || c == '\n')) {
        /* a line-ending backslash: the blanks and line ends after it go */
        const char *q = s;
        while (q < t->end && toml_blank(*q))
            q++;
        if (q < t->end && *q == '\n') {
            for (t->p = q; t->p < t->end && (toml_blank(*t->p) || *t->p == '\n'); t->p++)
                t->line += *t->p == '\n';
            return 0;
        }
    }
    if (c != 'u' && c != 'U') {
        if (c > ' ' && c < 0x7f)
            return cu_errf(t->e, "front matter line %lu: unknown escape '\\%c'", t->line, c);
        return cu_errf(t->e, "front matter line %lu: a string has a '\\' that escapes nothing",
                       t->line);
    }
    int digits = c == 'u' ? 4 : 8;
    uint32_t cp = 0;
    for (int i = 0; i < digits; i++) {
        if (s + 1 + i >= t->end || digit_value(s[1 + i]) > 15)
            return cu_errf(t->e, "front matter line %lu: '\\%c' needs %d hexadecimal digits",
                           t->line, c, digits);
        cp = cp * 16 + (uint32_t)digit_value(s[1 + i]);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return cu_errf(t->e, "front matter line %lu: '\\%c%.*s' is not a Unicode character",
                       t->line, c, digits, s + 1);
    char u[4];
    buf_add(out, u, text_encode(cp, u));
    t->p = s + 1 + digits;
    return 0;
}

/* The string at t->p (a quote) into out; a key's is one line. */
static int toml_string(struct toml *t, struct buf *out, bool key)
{
    char q = *t->p;
    unsigned long line = t->line;
    bool multi = !key && t->end - t->p >= 3 && t->p[1] == q && t->p[2] == q;
    t->p += multi ? 3 : 1;
    if (multi && t->p < t->end && *t->p == '\n') {
        t->p++;
        t->line++;
    }
    for (;;) {
        if (t->p >= t->end || (!multi && *t->p == '\n'))
            return cu_errf(t->e,
                           multi ? "front matter line %lu: a multi-line string is not closed"
                                 : "front matter line %lu: a string is not closed on its line",
                           line);
        if (*t->p == q) {
            size_t run = 1;
            while (multi && t->p + run < t->end && t->p[run] == q)
                run++;
            if (!multi || run >= 3) {
                /* up to two quotes before the closing three are text */
                if (run > 5)
                    return cu_errf(t->e, "front matter line %lu: too many quotes end a string",
                                   t->line);
                buf_add(out, t->p, multi ? run - 3 : 0);
                t->p += run;
                return 0;
            }
            buf_add(out, t->p, run);
            t->p += run;
        } else if (*t->p == '\\' && q == '"') {
            if (toml_escape(t, out, multi) < 0)
                return -1;
        } else {
            t->line += *t->p == '\n';
            buf_add(out, t->p++, 1);
        }
    }
}

static bool toml_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

/* A key: bare (A-Z a-z 0-9 _ -) or quoted parts joined by '.'; out gets
 * them, *parts how many there are. */
static int toml_key(struct toml *t, struct buf *out, int *parts)
{
    for (*parts = 1;; ++*parts) {
        skip_blanks(t);
        if (t->p < t->end && (*t->p == '"' || *t->p == '\'')) {
            if (toml_string(t, out, true) < 0)
                return -1;
        } else {
            const char *s = t->p;
            while (t->p < t->end && toml_key_char(*t->p))
                t->p++;
            if (t->p == s)
                return cu_errf(t->e, "front matter line %lu: expected 'key = value'", t->line);
            buf_add(out, s, (size_t)(t->p - s));
        }
        skip_blanks(t);
        if (t->p >= t->end || *t->p != '.')
            return 0;
        buf_add(out, t->p++, 1);
    }
}

/* Digits of base (single '_' between two of them) at the start of s[0..n):
 * how many bytes they take. */
static size_t toml_digits(const char *s, size_t n, int base)
{
    size_t i = 0;
    while (i < n && digit_value(s[i]) < base) {
        i++;
        if (i + 1 < n && s[i] == '_' && digit_value(s[i + 1]) < base)
            i++;
    }
    return i;
}

/* An integer or float written s[0..n): true; an integer is rewritten in
 * out as decimal digits (what the weight is read from). */
static bool toml_number(const char *s, size_t n, struct buf *out)
{
    size_t i = s[0] == '+' || s[0] == '-';
    if (n > 2 && s[0] == '0' && s[1] && strchr("xob", s[1])) {
        int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
        if (toml_digits(s + 2, n - 2, base) != n - 2)
            return false;
        char digits[80];
        size_t k = 0;
        for (size_t j = 2; j < n && k + 1 < sizeof(digits); j++)
            if (s[j] != '_')
                digits[k++] = s[j];
        digits[k] = '\0';
        errno = 0;
        unsigned long long v = strtoull(digits, NULL, base);
        if (errno || k + 1 >= sizeof(digits) || v > (unsigned long long)LONG_MAX)
            return true; /* too big: the weight says so */
        buf_reset(out);
        buf_addf(out, "%llu", v);
        return true;
    }
    if (n - i == 3 && (!memcmp(s + i, "inf", 3) || !memcmp(s + i, "nan", 3)))
        return true;
    size_t d = toml_digits(s + i, n - i, 10);
    if (!d || (s[i] == '0' && d > 1))
        return false;
    i += d;
    bool integer = i == n;
    if (i < n && s[i] == '.') {
        d = toml_digits(s + i + 1, n - i - 1, 10);
        if (!d)
            return false;
        i += 1 + d;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i += 1 + (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'));
        d = toml_digits(s + i, n - i, 10);
        if (!d)
            return false;
        i += d;
    }
    if (i != n)
        return false;
    if (integer) {
        buf_reset(out);
        for (size_t j = 0; j < n; j++)
            if (s[j] != '_')
                buf_add(out, s + j, 1);
    }
    return true;
}

/* A date, time or date-time, checked by its characters only: whether it
 * is a real date is for the keys that hold dates to say. */
static bool toml_datetime(const char *s, size_t n)
{
    bool date = n >= 5 && toml_digits(s, 4, 10) == 4 && s[4] == '-';
    bool time = n >= 3 && toml_digits(s, 2, 10) == 2 && s[2] == ':';
    return (date || time) && strspn(s, "0123456789-:.TtZz+ ") >= n;
}

static bool toml_delim(char c)
{
    return toml_blank(c) || c == '\n' || c == ',' || c == ']' || c == '}' || c == '#';
}

/* A value without quotes or brackets: a boolean, number or date-time. */
static int toml_bare(struct toml *t, struct buf *out)
{
    const char *s = t->p;
    while (t->p < t->end && !toml_delim(*t->p))
        t->p++;
    /* a blank may part a date and its time */
    if (t->p - s == 10 && toml_datetime(s, 10) && t->end - t->p >= 4 && t->p[0] == ' ' &&
        toml_digits(t->p + 1, 2, 10) == 2 && t->p[3] == ':')
        for (t->p++; t->p < t->end && !toml_delim(*t->p); t->p++)
            ;
    size_t n = (size_t)(t->p - s);
    if (!n)
        return cu_errf(t->e, "front matter line %lu: expected a value", t->line);
    buf_add(out, s, n);
    if ((n == 4 && !memcmp(s, "true", 4)) || (n == 5 && !memcmp(s, "false", 5)) ||
        toml_number(s, n, out) || toml_datetime(out->data, n))
        return 0;
    return cu_errf(t->e, "front matter line %lu: '%.*s' is not a value (a string needs quotes)",
                   t->line, quote_len(s, n), s);
}

static int toml_value(struct toml *t, struct buf *out, int depth, bool *scalar);

/* The array or inline table at t->p, read through (out is scratch). */
static int toml_compound(struct toml *t, struct buf *out, int depth)
{
    bool array = *t->p == '[';
    const char *what = array ? "an array" : "an inline table";
    unsigned long line = t->line;
    char close = array ? ']' : '}';
    t->p++;
    for (;;) {
        skip_space(t);
        if (t->p < t->end && *t->p == close) {
            t->p++;
            return 0;
        }
        if (t->p >= t->end)
            return cu_errf(t->e, "front matter line %lu: %s is not closed", line, what);
        int parts;
        if (!array && toml_key(t, out, &parts) < 0)
            return -1;
        if (!array && (t->p >= t->end || *t->p++ != '='))
            return cu_errf(t->e, "front matter line %lu: expected 'key = value' in %s", t->line,
                           what);
        skip_blanks(t);
        bool scalar;
        buf_reset(out);
        if (toml_value(t, out, depth + 1, &scalar) < 0)
            return -1;
        skip_space(t);
        if (t->p >= t->end)
            return cu_errf(t->e, "front matter line %lu: %s is not closed", line, what);
        if (*t->p == ',')
            t->p++;
        else if (*t->p != close)
            return cu_errf(t->e, "front matter line %lu: expected ',' or '%c' in %s", t->line,
                           close, what);
    }
}

/* One value into out: a string's text, a bare value as written (an
 * integer as decimal digits); an array or inline table is read through
 * and *scalar is false. */
static int toml_value(struct toml *t, struct buf *out, int depth, bool *scalar)
{
    *scalar = true;
    if (depth > TOML_MAX_DEPTH)
        return cu_errf(t->e, "front matter line %lu: arrays or tables nested too deeply", t->line);
    if (t->p >= t->end || *t->p == '\n' || *t->p == '#')
        return cu_errf(t->e, "front matter line %lu: no value after '='", t->line);
    if (*t->p == '"' || *t->p == '\'')
        return toml_string(t, out, false);
    if (*t->p == '[' || *t->p == '{') {
        *scalar = false;
        return toml_compound(t, out, depth);
    }
    return toml_bare(t, out);
}

/* After a value or a table header: blanks, a comment, the line's end. */
static int toml_eol(struct toml *t)
{
    skip_blanks(t);
    if (t->p < t->end && *t->p == '#')
        while (t->p < t->end && *t->p != '\n')
            t->p++;
    if (t->p < t->end && *t->p != '\n') {
        size_t n = 0;
        while (t->p + n < t->end && !toml_blank(t->p[n]) && t->p[n] != '\n')
            n++;
        return cu_errf(t->e, "front matter line %lu: '%.*s' after the value", t->line,
                       quote_len(t->p, n), t->p);
    }
    if (t->p < t->end) {
        t->p++;
        t->line++;
    }
    return 0;
}

/* A "[table]" or "[[array.of.tables]]" line. */
static int toml_header(struct toml *t, struct buf *scratch)
{
    unsigned long line = t->line;
    bool twice = t->end - t->p >= 2 && t->p[1] == '[';
    t->p += twice ? 2 : 1;
    int parts;
    if (toml_key(t, scratch, &parts) < 0)
        return -1;
    if (t->p >= t->end || *t->p != ']' || (twice && (t->end - t->p < 2 || t->p[1] != ']')))
        return cu_errf(t->e, "front matter line %lu: a table header is not closed", line);
    t->p += twice ? 2 : 1;
    return toml_eol(t);
}

/* One "key = value" line; a top-level key catchup reads goes to fm. */
static int toml_pair(struct toml *t, struct buf *key, struct buf *val, bool top, unsigned *seen,
                     struct frontmatter *fm, char **publish)
{
    static const char *const known[] = {"title",       "description", "type", "date",
                                        "publishDate", "weight",      "draft"};
    int parts;
    if (toml_key(t, key, &parts) < 0)
        return -1;
    if (t->p >= t->end || *t->p != '=')
        return cu_errf(t->e, "front matter line %lu: expected 'key = value'", t->line);
    t->p++;
    skip_blanks(t);
    unsigned long line = t->line;
    bool scalar;
    if (toml_value(t, val, 0, &scalar) < 0)
        return -1;
    if (top && parts == 1 && strlen(key->data) == key->len) {
        for (size_t i = 0; i < CU_ARRAY_LEN(known); i++) {
            if (strcmp(key->data, known[i]))
                continue;
            if (*seen & 1u << i)
                return cu_errf(t->e, "front matter line %lu: '%s' is set twice", line, known[i]);
            *seen |= 1u << i;
            if (set_key(fm, publish, known[i], scalar ? val->data : NULL, val->len, line, t->e) < 0)
                return -1;
        }
    }
    return toml_eol(t);
}

/* Reads the TOML between the delimiters (the block starts on line 2). */
static int toml_read(const char *text, size_t n, struct frontmatter *fm, char **publish,
                     struct cu_err *e)
{
    char *src = text_sanitize(text, n, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    struct toml t = {src, src + strlen(src), 2, e};
    struct buf key, val;
    buf_init(&key, 0);
    buf_init(&val, 0);
    /* never NULL, even for an empty string or key */
    buf_add(&key, "", 0);
    buf_add(&val, "", 0);
    bool top = true;
    unsigned seen = 0;
    int rc = 0;
    for (;;) {
        skip_space(&t);
        if (t.p >= t.end)
            break;
        buf_reset(&key);
        buf_reset(&val);
        if (*t.p == '[') {
            top = false;
            rc = toml_header(&t, &key);
        } else {
            rc = toml_pair(&t, &key, &val, top, &seen, fm, publish);
        }
        if (rc < 0)
            break;
    }
    buf_free(&key);
    buf_free(&val);
    free(src);
    return rc;
}

/* ---- both ---------------------------------------------------------------- */

int fm_parse(const char *text, size_t n, struct frontmatter *fm, struct cu_err *e)
{
    memset(fm, 0, sizeof(*fm));
    if (n < 4)
        return 0;
    bool toml = !memcmp(text, "+++", 3);
    if (!toml && memcmp(text, "---", 3))
        return 0;
    size_t start;
    if (text[3] == '\n')
        start = 4;
    else if (n >= 5 && text[3] == '\r' && text[4] == '\n')
        start = 5;
    else
        return 0;
    const char *delim = toml ? "+++" : "---";
    size_t fm_end, body;
    if (!find_end(text, n, start, toml, &fm_end, &body))
        return cu_errf(e, "front matter line 1: '%s' opens it but no '%s' line closes it", delim,
                       delim);
    char *publish = NULL;
    int rc = toml ? toml_read(text + start, fm_end - start, fm, &publish, e)
                  : yaml_read(text + start, fm_end - start, fm, &publish, e);
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
