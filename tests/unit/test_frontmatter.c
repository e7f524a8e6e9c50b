/* test_frontmatter.c: front matter parsing (frontmatter.c) on the real posts
 * in tests/data and on synthetic inputs, including malformed and random ones.
 * Data is found through CATCHUP_TEST_DATA (default "tests/data", relative to
 * the repository root where the tests run).
 * */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/frontmatter.h"
#include "catchup/text.h"
#include "catchup/util.h"

static char *data_path(const char *rel)
{
    const char *dir = getenv("CATCHUP_TEST_DATA");
    return xasprintf("%s/%s", dir && *dir ? dir : "tests/data", rel);
}

static char *read_data(const char *rel, size_t *len)
{
    char *path = data_path(rel);
    char *data = NULL;
    struct cu_err e = {{0}};
    if (read_file(path, 1 << 20, &data, len, &e) < 0)
        fail_msg("%s (run from the repository root or set CATCHUP_TEST_DATA)", e.msg);
    free(path);
    return data;
}

/* s with bytes outside printable ASCII as \xNN (keeps the test log text). */
static char *escaped(const char *s)
{
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n')
            buf_adds(&b, "\\n\n");
        else if (*p < 0x20 || *p >= 0x7f)
            buf_addf(&b, "\\x%02x", *p);
        else
            buf_add(&b, p, 1);
    }
    return buf_take(&b);
}

/* Parses a NUL-terminated literal; fails the test unless rc is want_rc. */
static void parse_str(const char *s, struct frontmatter *fm, struct cu_err *e, int want_rc)
{
    memset(e, 0, sizeof(*e));
    int rc = fm_parse(s, strlen(s), fm, e);
    if (rc != want_rc) {
        char *in = escaped(s);
        char *msg = escaped(e->msg);
        print_message("fm_parse returned %d (want %d), error '%s', input:\n%s\n", rc, want_rc, msg,
                      in);
        free(in);
        free(msg);
        fm_free(fm);
        fail();
    }
}

/* Fails with the actual message unless msg starts with prefix. */
static void assert_prefix(const char *msg, const char *prefix)
{
    if (!str_starts(msg, prefix))
        fail_msg("message '%s' does not start with '%s'", msg, prefix);
}

/* After an error: no field is kept (body_offset says where the body is). */
static void assert_no_fields(const struct frontmatter *fm)
{
    assert_null(fm->title);
    assert_null(fm->description);
    assert_null(fm->type);
    assert_null(fm->date);
    assert_false(fm->has_weight);
    assert_false(fm->draft);
}

static void assert_all_empty(const struct frontmatter *fm)
{
    assert_null(fm->title);
    assert_null(fm->description);
    assert_null(fm->type);
    assert_null(fm->date);
    assert_false(fm->has_weight);
    assert_int_equal(fm->weight, 0);
    assert_false(fm->draft);
    assert_int_equal(fm->body_offset, 0);
}

/* Strict UTF-8 check: no overlongs, surrogates or code points past U+10FFFF;
 * also rejects C0 controls other than those in allowed, DEL and C1
 * controls.  Returns the offset of the first bad byte, or -1. */
static long bad_text_at(const char *s, const char *allowed)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (p[i]) {
        unsigned c = p[i];
        if (c < 0x80) {
            if ((c < 0x20 && !strchr(allowed, (int)c)) || c == 0x7f)
                return (long)i;
            i++;
            continue;
        }
        size_t len;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf)
            len = 2, cp = c & 0x1f;
        else if (c >= 0xe0 && c <= 0xef)
            len = 3, cp = c & 0x0f;
        else if (c >= 0xf0 && c <= 0xf4)
            len = 4, cp = c & 0x07;
        else
            return (long)i;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xc0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
            return (long)i;
        i += len;
    }
    return -1;
}

/* ---- the real posts ---------------------------------------------------- */

static const struct {
    const char *file, *title;
    long weight;
    const char *type;
} POSTS[] = {
    {"05_10_May_2024.md", "This Week in CN AI (05-10 May 2024)", 9995, "news"},
    {"12_19_April_2024.md", "This Week in CN AI (19th April 2024)", 10000, "news"},
    {"13_17_May_2024.md", "This Week in CN AI (13-17 May 2024)", 9997, "news"},
    {"20_25_May_2024.md", "This Week in CN AI (20-25 May 2024)", 9996, "news"},
    {"26_April_2024.md", "This Week in CN AI (22-26th April 2024)", 9999, "news"},
    {"29_April_03_May_2024.md", "This Week in CN AI (03 May 2024)", 9998, "news"},
    {"July_latest_in_CNAI.md", "[July] Cloud Native AI Working Group: Latest Developments", 9994,
     "news"},
    {"_index.md", "News", 1, NULL},
};

static void test_every_real_post_parses(void **state)
{
    (void)state;
    char *dir = data_path("posts");
    DIR *d = opendir(dir);
    if (!d)
        fail_msg("cannot open %s (run from the repository root)", dir);
    struct dirent *de;
    int seen = 0;
    while ((de = readdir(d))) {
        if (!str_ends(de->d_name, ".md"))
            continue;
        char *rel = xasprintf("posts/%s", de->d_name);
        size_t n;
        char *text = read_data(rel, &n);
        struct frontmatter fm;
        struct cu_err e = {{0}};
        if (fm_parse(text, n, &fm, &e) != 0)
            fail_msg("%s: %s", rel, e.msg);
        /* Every real post has a title and a closing '---' line. */
        assert_non_null(fm.title);
        assert_true(fm.title[0] != '\0');
        assert_true(fm.body_offset > 8 && fm.body_offset <= n);
        assert_memory_equal(text + fm.body_offset - 4, "---\n", 4);
        assert_true(fm.has_weight);
        for (size_t i = 0; i < CU_ARRAY_LEN(POSTS); i++) {
            if (strcmp(POSTS[i].file, de->d_name))
                continue;
            assert_string_equal(fm.title, POSTS[i].title);
            assert_int_equal(fm.weight, POSTS[i].weight);
            if (POSTS[i].type)
                assert_string_equal(fm.type, POSTS[i].type);
            else
                assert_null(fm.type);
            seen++;
        }
        fm_free(&fm);
        free(text);
        free(rel);
    }
    closedir(d);
    free(dir);
    assert_int_equal(seen, (int)CU_ARRAY_LEN(POSTS));
}

static void test_post_20_25_may(void **state)
{
    (void)state;
    size_t n;
    char *text = read_data("posts/20_25_May_2024.md", &n);
    struct frontmatter fm;
    struct cu_err e = {{0}};
    assert_int_equal(fm_parse(text, n, &fm, &e), 0);
    assert_string_equal(fm.title, "This Week in CN AI (20-25 May 2024)");
    assert_true(fm.has_weight);
    assert_int_equal(fm.weight, 9996);
    assert_string_equal(fm.type, "news");
    assert_null(fm.date);
    assert_false(fm.draft);
    /* description: | block scalar, indented by four spaces, one line */
    assert_non_null(fm.description);
    assert_true(str_starts(fm.description, "This week, the Cloud Native AI (CNAI) Working Group "
                                           "has made progress in several key areas."));
    assert_true(str_ends(fm.description, "efficient, scalable AI operations in cloud-native "
                                         "environments."));
    assert_null(strchr(fm.description, '\n'));
    assert_int_equal(strlen(fm.description), 642); /* the 646-column line minus its indent */
    /* the body starts right after the closing "---\n" (front matter is 7 lines) */
    const char *fm_end = text;
    for (int i = 0; i < 7; i++)
        fm_end = strchr(fm_end, '\n') + 1;
    assert_int_equal(fm.body_offset, (size_t)(fm_end - text));
    assert_true(str_starts(text + fm.body_offset, "\n\n## Key Developments\n"));
    fm_free(&fm);
    assert_null(fm.title); /* fm_free leaves the struct empty */
    free(text);
}

static void test_post_12_19_april(void **state)
{
    (void)state;
    size_t n;
    char *text = read_data("posts/12_19_April_2024.md", &n);
    struct frontmatter fm;
    struct cu_err e = {{0}};
    assert_int_equal(fm_parse(text, n, &fm, &e), 0);
    assert_string_equal(fm.title, "This Week in CN AI (19th April 2024)");
    assert_true(fm.has_weight);
    assert_int_equal(fm.weight, 10000);
    assert_string_equal(fm.type, "news");
    assert_true(str_starts(fm.description, "Dive into this week's key updates brought to you by "
                                           "the CNAI working group, including a new Kubernetes "
                                           "*WG Serving* proposal"));
    assert_true(str_ends(fm.description, "Cloud Native AI landscape and more!"));
    assert_null(strchr(fm.description, '\n'));
    assert_int_equal(strlen(fm.description), 379);
    assert_true(str_starts(text + fm.body_offset, "\n## Key Developments\n\n### **1. WG Serving"));
    fm_free(&fm);
    free(text);
}

static void test_index_page(void **state)
{
    (void)state;
    size_t n;
    char *text = read_data("posts/_index.md", &n);
    struct frontmatter fm;
    struct cu_err e = {{0}};
    assert_int_equal(fm_parse(text, n, &fm, &e), 0);
    assert_string_equal(fm.title, "News");
    assert_true(fm.has_weight);
    assert_int_equal(fm.weight, 1);
    assert_null(fm.description);
    assert_null(fm.type);
    assert_int_equal(fm.body_offset, n); /* nothing after the closing line */
    fm_free(&fm);
    free(text);
}

static void test_onboarding_page(void **state)
{
    (void)state;
    size_t n;
    char *text = read_data("onboarding/index.md", &n);
    struct frontmatter fm;
    struct cu_err e = {{0}};
    assert_int_equal(fm_parse(text, n, &fm, &e), 0);
    assert_string_equal(fm.title, "Onboarding");
    assert_int_equal(fm.weight, 2);
    assert_true(str_starts(text + fm.body_offset, "\nWelcome to the CNAI working group."));
    fm_free(&fm);
    free(text);
}

/* ---- shapes ------------------------------------------------------------ */

static void test_no_front_matter(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("# Just Markdown\n\ntitle: not front matter\n", &fm, &e, 0);
    assert_all_empty(&fm);
    parse_str("", &fm, &e, 0);
    assert_all_empty(&fm);
    parse_str("--", &fm, &e, 0);
    assert_all_empty(&fm);
    parse_str(" ---\ntitle: x\n---\n", &fm, &e, 0); /* not at the very start */
    assert_all_empty(&fm);
    parse_str("----\ntitle: x\n---\n", &fm, &e, 0);
    assert_all_empty(&fm);
    /* NULL with n == 0 is an empty document */
    memset(&e, 0, sizeof(e));
    assert_int_equal(fm_parse(NULL, 0, &fm, &e), 0);
    assert_all_empty(&fm);
}

static void test_empty_front_matter(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\n---\nbody", &fm, &e, 0);
    assert_null(fm.title);
    assert_int_equal(fm.body_offset, 8);
    fm_free(&fm);
    /* closing line at the very end, without a newline */
    parse_str("---\ntitle: t\n---", &fm, &e, 0);
    assert_string_equal(fm.title, "t");
    assert_int_equal(fm.body_offset, 16);
    fm_free(&fm);
    /* "..." also ends a YAML document */
    parse_str("---\ntitle: t\n...\nbody", &fm, &e, 0);
    assert_string_equal(fm.title, "t");
    assert_int_equal(fm.body_offset, 17);
    fm_free(&fm);
}

static void test_crlf(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    const char *s = "---\r\ntitle: \"Windows post\"\r\ndescription: |\r\n  line one\r\n"
                    "  line two\r\ntype: news\r\nweight: 7\r\n---\r\nBody\r\n";
    parse_str(s, &fm, &e, 0);
    assert_string_equal(fm.title, "Windows post");
    assert_string_equal(fm.description, "line one\nline two");
    assert_string_equal(fm.type, "news");
    assert_int_equal(fm.weight, 7);
    assert_string_equal(s + fm.body_offset, "Body\r\n");
    fm_free(&fm);
}

static void test_unknown_keys_ignored(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntoc_hide: false\ntags: [a, b]\nauthor: {name: x}\ntitle: T\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "T");
    assert_false(fm.has_weight);
    fm_free(&fm);
}

static void test_dates(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ndate: 2024-05-27\n---\n", &fm, &e, 0);
    assert_string_equal(fm.date, "2024-05-27");
    fm_free(&fm);
    parse_str("---\ndate: \"2024-05-27\"\n---\n", &fm, &e, 0);
    assert_string_equal(fm.date, "2024-05-27");
    fm_free(&fm);
    parse_str("---\ndate: 2024-05-27T12:47:54+02:00\n---\n", &fm, &e, 0);
    assert_string_equal(fm.date, "2024-05-27T10:47:54Z");
    fm_free(&fm);
    parse_str("---\ndate: 2024-05-27T12:47:54Z\n---\n", &fm, &e, 0);
    assert_string_equal(fm.date, "2024-05-27T12:47:54Z");
    fm_free(&fm);
    /* crossing midnight into the previous UTC day */
    parse_str("---\ndate: 2024-05-27T01:00:00+02:00\n---\n", &fm, &e, 0);
    assert_string_equal(fm.date, "2024-05-26T23:00:00Z");
    fm_free(&fm);
    static const char *const unreadable[] = {
        "---\ndate: last tuesday\n---\n",         "---\ndate: 2024-13-45\n---\n",
        "---\ndate: 2024-02-30\n---\n",           "---\ndate: 2023-02-29\n---\n",
        "---\ndate: 2024-04-31T10:00:00Z\n---\n", "---\ndate: \"\"\n---\n",
        "---\ndate: 27.05.2024\n---\n",
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(unreadable); i++) {
        parse_str(unreadable[i], &fm, &e, 0);
        if (fm.date)
            fail_msg("'%s' gave date '%s', want none", unreadable[i], fm.date);
        fm_free(&fm);
    }
}

static void test_draft(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ndraft: true\n---\n", &fm, &e, 0);
    assert_true(fm.draft);
    fm_free(&fm);
    parse_str("---\ndraft: false\n---\n", &fm, &e, 0);
    assert_false(fm.draft);
    fm_free(&fm);
    parse_str("---\ntitle: x\n---\n", &fm, &e, 0);
    assert_false(fm.draft);
    fm_free(&fm);
}

static void test_weight_values(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\nweight: -3\n---\n", &fm, &e, 0);
    assert_true(fm.has_weight);
    assert_int_equal(fm.weight, -3);
    fm_free(&fm);
    parse_str("---\nweight: \"42\"\n---\n", &fm, &e, 0);
    assert_int_equal(fm.weight, 42);
    fm_free(&fm);
    parse_str("---\ntitle: no weight\n---\n", &fm, &e, 0);
    assert_false(fm.has_weight);
    fm_free(&fm);
}

/* ---- errors ------------------------------------------------------------ */

static void test_unclosed(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntitle: x\nweight: 3\n\nBody without a closing line\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 1: '---' opens it but no '---' line closes it");
    assert_no_fields(&fm);
    parse_str("---\n", &fm, &e, -1);
    assert_no_fields(&fm);
    /* an indented '---' does not close it */
    parse_str("---\ntitle: x\n ---\n", &fm, &e, -1);
    assert_no_fields(&fm);
}

static void test_bad_indentation(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntitle: x\ntype: news\n  weight: 3\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 4: mapping values are not allowed in this "
                               "context");
    assert_no_fields(&fm);
    parse_str("---\n# comment\n\ntitle: x\n description: y\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 5: mapping values are not allowed in this "
                               "context");
}

static void test_list_as_title(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntype: news\n\ntitle: [a, b]\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 4: 'title' should be a single value");
    assert_no_fields(&fm); /* type was already read: freed again */
    parse_str("---\ntitle: x\ndescription: {a: b}\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 3: 'description' should be a single value");
    parse_str("---\nweight: [1]\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 2: 'weight' should be a single value");
}

static void test_weight_not_a_number(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntitle: x\n# c\n\nweight: abc\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 5: weight 'abc' is not a whole number");
    assert_no_fields(&fm);
    parse_str("---\nweight: 1.5\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 2: weight '1.5' is not a whole number");
    parse_str("---\nweight: 99999999999999999999999\n---\n", &fm, &e, -1);
    assert_prefix(e.msg, "front matter line 2: weight '9999");
    parse_str("---\nweight:\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 2: weight '' is not a whole number");
}

/* A post with broken front matter is still shown: the error says where its
 * body starts (after the closing line), or 0 when no line closes it. */
static void test_error_body_offset(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    const char *t = "---\ntitle: \"unclosed\nweight: [1\n---\n# Heading\nbody\n";
    parse_str(t, &fm, &e, -1);
    assert_string_equal(t + fm.body_offset, "# Heading\nbody\n");
    t = "---\ntitle: x\nweight: abc\n---\r\nbody\n";
    parse_str(t, &fm, &e, -1);
    assert_string_equal(t + fm.body_offset, "body\n");
    t = "---\n- a\n---\nlist\n";
    parse_str(t, &fm, &e, -1);
    assert_string_equal(t + fm.body_offset, "list\n");
    parse_str("---\ntitle: x\n\nno closing line\n", &fm, &e, -1);
    assert_int_equal(fm.body_offset, 0);
}

static void test_not_a_mapping(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\n- a\n- b\n---\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter should be a mapping of keys to values");
    assert_no_fields(&fm);
}

/* Was a bug: for an unterminated quoted scalar the line reported is where libyaml
 * hit the end of the stream (the closing '---' line), not the line where
 * the quote opened: fm_parse() uses parser.problem_mark and ignores
 * parser.context_mark ("while scanning a quoted scalar"). */
static void test_unterminated_quote_line(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntype: news\ntitle: \"x\nweight: 3\n---\nbody", &fm, &e, -1);
    assert_no_fields(&fm);
    assert_prefix(e.msg, "front matter line 3: ");
}

/* Control characters never reach libyaml (it would refuse the whole block):
 * they are removed, and the rest of the front matter still counts. */
static void test_control_characters_removed(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\na: 1\nb: 2\nc: 3\ntitle: a\x01z\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "az");
    fm_free(&fm);
}

/* ---- sanitizing -------------------------------------------------------- */

static void test_title_escape_sequences(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    /* YAML "\x1b" escapes: the parsed title holds real ESC bytes */
    parse_str("---\ntitle: \"\\x1b[31mRed\\x1b[0m alert\\x1b]0;pwned\\x07!\"\n"
              "description: \"a\\x1b[2Jb\\nc\"\n---\n",
              &fm, &e, 0);
    assert_string_equal(fm.title, "Red alert!");
    assert_string_equal(fm.description, "ab\nc");
    fm_free(&fm);
    /* C1 CSI, bidi override, NUL and BEL */
    parse_str("---\ntitle: \"a\\u009b2Jb\\u202Ec\\0d\\ae\"\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "abcde");
    fm_free(&fm);
}

static void test_title_one_line(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    /* folded: a blank line is a real newline in the value */
    parse_str("---\ntitle: >\n  This Week\n\n  in CN AI\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "This Week in CN AI");
    fm_free(&fm);
    parse_str("---\ntitle: |\n  one\n  two\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "one two");
    fm_free(&fm);
    parse_str("---\ntitle: \"  a\\tb\\nc  \"\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "a b c");
    fm_free(&fm);
    /* the description keeps its newlines but loses the block's last one */
    parse_str("---\ndescription: |\n  one\n  two\n\n---\n", &fm, &e, 0);
    assert_string_equal(fm.description, "one\ntwo");
    fm_free(&fm);
    /* an empty description is no description */
    parse_str("---\ndescription: \"   \"\n---\n", &fm, &e, 0);
    assert_null(fm.description);
    fm_free(&fm);
}

/* Was a bug: fm_parse() takes "any bytes", but a title with a byte that is not
 * UTF-8 (a Latin-1 "caf\xe9") makes the whole front matter fail ("invalid
 * trailing UTF-8 octet"), and so does a raw ESC byte ("control characters
 * are not allowed"): the input reaches libyaml unsanitized.  The title
 * should come out as valid UTF-8 with U+FFFD for the bad byte.  Since
 * b0df740 src_posts.c sanitizes the whole file before calling fm_parse(),
 * so fetched posts are not affected; any other caller is. */
static void test_title_invalid_utf8(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("---\ntitle: caf\xe9 au lait\nweight: 3\n---\nbody", &fm, &e, 0);
    assert_non_null(fm.title);
    assert_int_equal(bad_text_at(fm.title, ""), -1);
    assert_string_equal(fm.title, "caf\xef\xbf\xbd au lait");
    assert_int_equal(fm.weight, 3);
    fm_free(&fm);
    parse_str("---\ntitle: a\x1b[31mred\n---\n", &fm, &e, 0);
    assert_string_equal(fm.title, "ared");
    fm_free(&fm);
}

/* What src_posts.c does with a fetched file: sanitize the whole text, then
 * parse it.  Hostile bytes in the front matter come out harmless. */
static void test_sanitized_post(void **state)
{
    (void)state;
    static const char raw[] = "---\r\ntitle: caf\xe9 \x1b]0;x\x07"
                              "au\x1b[31m lait\r\n"
                              "description: |\r\n  one\x1b[2J\r\n  \xc2\x9b"
                              "1mtwo\r\n"
                              "weight: 4\r\n---\r\nBody \xff\r\n";
    char *text = text_sanitize(raw, sizeof(raw) - 1, TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS);
    struct frontmatter fm;
    struct cu_err e = {{0}};
    assert_int_equal(fm_parse(text, strlen(text), &fm, &e), 0);
    assert_string_equal(fm.title, "caf\xef\xbf\xbd au lait");
    assert_string_equal(fm.description, "one\ntwo");
    assert_int_equal(fm.weight, 4);
    assert_string_equal(text + fm.body_offset, "Body \xef\xbf\xbd\n");
    fm_free(&fm);
    free(text);
}

/* ---- random input -------------------------------------------------------- */

static uint64_t rng_state;
static uint32_t rng(void)
{
    /* xorshift64*: deterministic, so a failure can be replayed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 32);
}

static const char *const TOKENS[] = {
    "title:",
    "description:",
    "weight:",
    "date:",
    "draft:",
    "type:",
    " ",
    "  ",
    "\n",
    "\r\n",
    "---",
    "---\n",
    "...",
    "- ",
    "? ",
    ": ",
    "|",
    ">",
    "|-",
    ">+",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a",
    "*a",
    "!!str",
    "!!int",
    "%YAML 1.1\n",
    "\\x1b",
    "\\u202e",
    "\\",
    "\t",
    "9999",
    "-1",
    "2024-05-27",
    "2024-05-27T12:47:54+02:00",
    "true",
    "abc",
    "\x1b[31m",
    "\xc2\x9b",
    "\xff",
    "\xe4\xb8",
    "\xf0\x9f\x98\x80",
    "\0",
    "<<:",
};

static int random_ok, random_failed;

static void check_random(const char *buf, size_t n, size_t iter)
{
    struct frontmatter fm;
    struct cu_err e = {{0}};
    int rc = fm_parse(buf, n, &fm, &e);
    if (rc == 0) {
        random_ok++;
        if (fm.body_offset < 4 || fm.body_offset > n)
            fail_msg("input %zu: body_offset %zu outside 4..%zu", iter, fm.body_offset, n);
        if (fm.title && bad_text_at(fm.title, "") >= 0)
            fail_msg("input %zu: title has a bad byte at %ld", iter, bad_text_at(fm.title, ""));
        if (fm.description && bad_text_at(fm.description, "\n") >= 0)
            fail_msg("input %zu: description has a bad byte", iter);
        if (fm.type && bad_text_at(fm.type, "\n") >= 0)
            fail_msg("input %zu: type has a bad byte", iter);
        if (fm.date && iso8601_parse(fm.date) == -1)
            fail_msg("input %zu: date '%s' is not ISO 8601", iter, fm.date);
    } else {
        random_failed++;
        if (rc != -1)
            fail_msg("input %zu: rc %d", iter, rc);
        if (!str_starts(e.msg, "front matter"))
            fail_msg("input %zu: error '%s'", iter, e.msg);
        if (fm.title || fm.description || fm.type || fm.date)
            fail_msg("input %zu: fields set after an error", iter);
        if (fm.body_offset && (fm.body_offset < 4 || fm.body_offset > n))
            fail_msg("input %zu: body_offset %zu outside 4..%zu after an error", iter,
                     fm.body_offset, n);
    }
    fm_free(&fm);
}

static const char *const KEYS[] = {"title", "description", "weight", "date",
                                   "draft", "type",        "tags",   "title"};

/* "key: value" lines made of tokens, then the closing line: mostly valid. */
static size_t random_lines(char *buf, size_t len)
{
    size_t n = 4;
    while (n + 64 < len) {
        const char *key = KEYS[rng() % CU_ARRAY_LEN(KEYS)];
        n += (size_t)snprintf(buf + n, len - n, "%s: ", key);
        int parts = 1 + (int)(rng() % 4);
        for (int i = 0; i < parts && n + 48 < len; i++) {
            const char *t = TOKENS[rng() % CU_ARRAY_LEN(TOKENS)];
            size_t tl = t[0] ? strlen(t) : 1;
            if (rng() % 16)
                t = strcmp(key, "weight") ? "word " : "9", tl = strlen(t);
            memcpy(buf + n, t, tl);
            n += tl;
        }
        buf[n++] = '\n';
    }
    memcpy(buf + n, "---\nbody", 8);
    return n + 8;
}

static void test_random_inputs_never_crash(void **state)
{
    (void)state;
    rng_state = 0x9e3779b97f4a7c15ULL;
    size_t cap = 256 * 1024;
    char *buf = xmalloc(cap);
    for (size_t iter = 0; iter < 2000; iter++) {
        size_t want = iter % 200 == 199 ? cap : (iter % 10 == 9 ? 16384 : 1024);
        size_t len = 4 + rng() % (want - 4);
        memcpy(buf, "---\n", 4);
        size_t n = 4;
        int mode = (int)(iter % 4);
        if (mode == 3) {
            n = random_lines(buf, len < 80 ? 80 : len > 600 ? 600 : len);
            check_random(buf, n, iter);
            continue;
        }
        while (n < len) {
            if (mode == 0) { /* raw bytes */
                buf[n++] = (char)(rng() & 0xff);
            } else { /* YAML-ish tokens, sometimes a raw byte */
                const char *t = TOKENS[rng() % CU_ARRAY_LEN(TOKENS)];
                size_t tl = t[0] ? strlen(t) : 1;
                if (mode == 2 && rng() % 8 == 0)
                    t = NULL;
                if (!t) {
                    buf[n++] = (char)(rng() & 0xff);
                } else {
                    if (tl > len - n)
                        tl = len - n;
                    memcpy(buf + n, t, tl);
                    n += tl;
                }
            }
        }
        /* most inputs get a closing line somewhere so the YAML is parsed */
        if (iter % 8 != 0 && n > 8) {
            size_t at = 4 + rng() % (n - 8);
            memcpy(buf + at, "\n---\n", 5);
        }
        check_random(buf, n, iter);
    }
    free(buf);
    /* both paths were exercised, not just the early exits */
    print_message("random inputs: %d parsed, %d rejected\n", random_ok, random_failed);
    assert_int_equal(random_ok + random_failed, 2000);
    assert_true(random_ok >= 100);
    assert_true(random_failed >= 100);
}

/* A large but well-formed front matter. */
static void test_huge_title(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "---\ntitle: \"");
    for (int i = 0; i < 100000; i++)
        buf_adds(&b, "ab\\x1b[1m");
    buf_adds(&b, "\"\nweight: 5\n---\nbody");
    struct frontmatter fm;
    struct cu_err e = {{0}};
    assert_int_equal(fm_parse(b.data, b.len, &fm, &e), 0);
    assert_int_equal(strlen(fm.title), 200000);
    assert_int_equal(bad_text_at(fm.title, ""), -1);
    assert_string_equal(b.data + fm.body_offset, "body");
    fm_free(&fm);
    buf_free(&b);
}

/* ---- TOML front matter (Hugo's "+++") ------------------------------------ */

/* What `hugo new` writes. */
static void test_toml_hugo_new(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    const char *s = "+++\ntitle = \"Hello TOML\"\ndate = 2026-03-01T10:00:00Z\ndraft = false\n"
                    "+++\n\nBody text.\n";
    parse_str(s, &fm, &e, 0);
    assert_string_equal(fm.title, "Hello TOML");
    assert_string_equal(fm.date, "2026-03-01T10:00:00Z");
    assert_false(fm.draft);
    assert_string_equal(s + fm.body_offset, "\nBody text.\n");
    fm_free(&fm);
    parse_str("+++\ntitle = 'x'\ndraft = true\n+++\n", &fm, &e, 0);
    assert_true(fm.draft);
    fm_free(&fm);
    /* CRLF, and the closing line at the very end */
    s = "+++\r\ntitle = \"Windows\"\r\nweight = 7\r\n+++\r\nBody\r\n";
    parse_str(s, &fm, &e, 0);
    assert_string_equal(fm.title, "Windows");
    assert_int_equal(fm.weight, 7);
    assert_string_equal(s + fm.body_offset, "Body\r\n");
    fm_free(&fm);
    parse_str("+++\ntitle = \"t\"\n+++", &fm, &e, 0);
    assert_string_equal(fm.title, "t");
    assert_int_equal(fm.body_offset, 19);
    fm_free(&fm);
    parse_str("+++\n+++\nbody", &fm, &e, 0);
    assert_null(fm.title);
    assert_int_equal(fm.body_offset, 8);
    fm_free(&fm);
}

static void test_toml_strings(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    /* basic strings and their escapes */
    parse_str("+++\ntitle = \"a \\\"q\\\" \\\\ b\\tc \\u00e9 \\U0001F600\"\n"
              "description = \"one\\ntwo\\r\\n\\bthree\\f\"\ntype = \"news\" # a comment\n+++\n",
              &fm, &e, 0);
    assert_string_equal(fm.title, "a \"q\" \\ b c \xc3\xa9 \xf0\x9f\x98\x80");
    assert_string_equal(fm.description, "one\ntwo\nthree");
    assert_string_equal(fm.type, "news");
    fm_free(&fm);
    /* literal strings: no escapes */
    parse_str("+++\ntitle = 'C:\\path\\to \"it\"'\n+++\n", &fm, &e, 0);
    assert_string_equal(fm.title, "C:\\path\\to \"it\"");
    fm_free(&fm);
    /* multi-line basic: the first newline dropped, a line-ending backslash
     * joins, up to two quotes before the closing ones are text */
    parse_str("+++\ndescription = \"\"\"\nline one\nline \\\n    two\n\"\"\"\n"
              "title = \"\"\"He said \"hi\\\"\"\"\"\"\n+++\n",
              &fm, &e, 0);
    assert_string_equal(fm.description, "line one\nline two");
    assert_string_equal(fm.title, "He said \"hi\"\"");
    fm_free(&fm);
    /* multi-line literal */
    parse_str("+++\ndescription = '''\nraw \\n text\n  kept'''\ntitle = '''one\ntwo'''\n+++\n", &fm,
              &e, 0);
    assert_string_equal(fm.description, "raw \\n text\n  kept");
    assert_string_equal(fm.title, "one two");
    fm_free(&fm);
    /* quoted keys; escapes that make control characters are removed */
    parse_str("+++\n\"title\" = \"a\\u001b[31mb\\u0000c\"\n'type' = \"t\"\n+++\n", &fm, &e, 0);
    assert_string_equal(fm.title, "abc");
    assert_string_equal(fm.type, "t");
    fm_free(&fm);
    /* whitespace around '=' and the key, an empty string */
    parse_str("+++\n  title\t=\t\"  spaced  \"  \ndescription = \"\"\n+++\n", &fm, &e, 0);
    assert_string_equal(fm.title, "spaced");
    assert_null(fm.description);
    fm_free(&fm);
}

static void test_toml_numbers_and_booleans(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    static const struct {
        const char *v;
        long w;
    } weights[] = {{"3", 3},     {"-3", -3},   {"+7", 7},    {"1_000", 1000},
                   {"0x1F", 31}, {"0o17", 15}, {"0b101", 5}, {"\"42\"", 42}};
    for (size_t i = 0; i < CU_ARRAY_LEN(weights); i++) {
        char *s = xasprintf("+++\nweight = %s\n+++\n", weights[i].v);
        parse_str(s, &fm, &e, 0);
        if (!fm.has_weight || fm.weight != weights[i].w)
            fail_msg("weight = %s gave %ld, want %ld", weights[i].v, fm.weight, weights[i].w);
        fm_free(&fm);
        free(s);
    }
    parse_str("+++\ndraft = false\ntitle = true\ntype = 12\n+++\n", &fm, &e, 0);
    assert_false(fm.draft);
    assert_string_equal(fm.title, "true");
    assert_string_equal(fm.type, "12");
    fm_free(&fm);
    /* values of keys catchup does not read are checked, not kept */
    parse_str("+++\npi = 3.14\nbig = 1e6\nneg = -0.5e-3\nn = nan\ni = -inf\nt = 07:32:00\n"
              "title = \"ok\"\n+++\n",
              &fm, &e, 0);
    assert_string_equal(fm.title, "ok");
    assert_false(fm.has_weight);
    fm_free(&fm);
}

static void test_toml_dates(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    static const char *const forms[][2] = {
        {"2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z"},
        {"2026-03-01t10:00:00z", "2026-03-01T10:00:00Z"},
        {"2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z"},
        {"2026-03-01T01:00:00+02:00", "2026-02-28T23:00:00Z"},
        {"2026-03-01 10:00:00-05:30", "2026-03-01T15:30:00Z"},
        {"2026-03-01 10:00:00Z", "2026-03-01T10:00:00Z"},
        {"2026-03-01T10:00:00.123456Z", "2026-03-01T10:00:00Z"},
        {"2026-03-01T10:00:00", "2026-03-01T10:00:00Z"},
        {"2026-03-01 10:00:00", "2026-03-01T10:00:00Z"},
        {"2026-03-01", "2026-03-01"},
        {"\"2026-03-01T10:00:00+02:00\"", "2026-03-01T08:00:00Z"},
        {"'2026-03-01'", "2026-03-01"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(forms); i++) {
        char *s = xasprintf("+++\ndate = %s # when\n+++\n", forms[i][0]);
        parse_str(s, &fm, &e, 0);
        if (!fm.date || strcmp(fm.date, forms[i][1]))
            fail_msg("date = %s gave '%s', want '%s'", forms[i][0], fm.date ? fm.date : "(none)",
                     forms[i][1]);
        fm_free(&fm);
        free(s);
    }
    /* publishDate when there is no date */
    parse_str("+++\npublishDate = 2025-12-24\n+++\n", &fm, &e, 0);
    assert_string_equal(fm.date, "2025-12-24");
    fm_free(&fm);
    /* not a real date: not used, said (as for YAML) */
    static const char *const unreal[] = {"2022-02-29",           "2026-13-45",
                                         "2026-04-31T10:00:00Z", "2026-03-01T25:00:00Z",
                                         "\"last tuesday\"",     "\"\""};
    for (size_t i = 0; i < CU_ARRAY_LEN(unreal); i++) {
        char *s = xasprintf("+++\ndate = %s\n+++\n", unreal[i]);
        parse_str(s, &fm, &e, 0);
        if (fm.date)
            fail_msg("date = %s gave date '%s', want none", unreal[i], fm.date);
        fm_free(&fm);
        free(s);
    }
    parse_str("+++\ndate = 2022-02-29\n+++\n", &fm, &e, 0);
    assert_string_equal(fm.date_bad, "2022-02-29");
    fm_free(&fm);
}

/* Only the top-level table counts; what tables, arrays and multi-line
 * strings hold is never read as a key. */
static void test_toml_skips(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    const char *s = "+++\n"
                    "# title = \"a comment\"\n"
                    "tags = [\n  \"a\", # title = \"in a comment\"\n  'b]',\n"
                    "  [1, 2], {title = \"inline\"},\n"
                    "  \"\"\"\ntitle = \"in a string in an array\"\n\"\"\",\n]\n"
                    "author = { name = \"x\", title = \"inline\", nested = { weight = 9 } }\n"
                    "summary = \"\"\"\ntitle = \"in a string\"\n[params]\n\"\"\"\n"
                    "notes = '''\nweight = 5\n'''\n"
                    "params.title = \"dotted\"\n"
                    "\"a.b\" = 1\n"
                    "title = \"Real\"\n"
                    "empty = []\n"
                    "date = 2026-01-02\n"
                    "[params]\n"
                    "title = \"params\"\n"
                    "weight = 3\n"
                    "[[menu.main]]\n"
                    "weight = 4\n"
                    "[ 'quoted key' . \"x]\" ]\n"
                    "draft = true\n"
                    "+++\nBody\n";
    parse_str(s, &fm, &e, 0);
    assert_string_equal(fm.title, "Real");
    assert_string_equal(fm.date, "2026-01-02");
    assert_false(fm.has_weight);
    assert_false(fm.draft);
    assert_string_equal(s + fm.body_offset, "Body\n");
    fm_free(&fm);
}

/* '+++' opens TOML only on the very first line; YAML is unchanged. */
static void test_toml_first_line_only(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    parse_str("\n+++\ntitle = \"x\"\n+++\n", &fm, &e, 0);
    assert_all_empty(&fm);
    parse_str("# Heading\n\n+++\ntitle = \"x\"\n+++\n", &fm, &e, 0);
    assert_all_empty(&fm);
    parse_str("++++\ntitle = \"x\"\n+++\n", &fm, &e, 0);
    assert_all_empty(&fm);
    parse_str(" +++\ntitle = \"x\"\n+++\n", &fm, &e, 0);
    assert_all_empty(&fm);
    /* a '+++' in the body of a YAML post is text, and '---' closes no TOML */
    const char *s = "---\ntitle: y\n---\n+++\ntitle = \"x\"\n+++\n";
    parse_str(s, &fm, &e, 0);
    assert_string_equal(fm.title, "y");
    assert_string_equal(s + fm.body_offset, "+++\ntitle = \"x\"\n+++\n");
    fm_free(&fm);
    parse_str("+++\ntitle = \"x\"\n---\nbody\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 1: '+++' opens it but no '+++' line closes it");
}

/* A broken TOML block: an error naming the line, no field kept, the body
 * after the closing line (0 when none closes it), as for YAML. */
static void test_toml_broken(void **state)
{
    (void)state;
    struct frontmatter fm;
    struct cu_err e;
    static const struct {
        const char *in, *msg;
    } bad[] = {
        {"+++\ntitle = \"x\"\njust words\n+++\nBody\n",
         "front matter line 3: expected 'key = value'"},
        {"+++\ntitle = \"x\"\nweight\n+++\nBody\n", "front matter line 3: expected 'key = value'"},
        {"+++\ntitle: \"x\"\n+++\nBody\n", "front matter line 2: expected 'key = value'"},
        {"+++\ntitle = \"x\nweight = 3\n+++\nBody\n",
         "front matter line 2: a string is not closed on its line"},
        {"+++\ntype = \"a\"\ndescription = \"\"\"\nnever closed\n+++\nBody\n",
         "front matter line 3: a multi-line string is not closed"},
        {"+++\ntitle = 'x\n+++\nBody\n", "front matter line 2: a string is not closed on its line"},
        {"+++\ntitle = \"a\\qb\"\n+++\nBody\n", "front matter line 2: unknown escape '\\q'"},
        {"+++\ntitle = \"\\uD800\"\n+++\nBody\n",
         "front matter line 2: '\\uD800' is not a Unicode character"},
        {"+++\ntitle = \"\\u12\"\n+++\nBody\n",
         "front matter line 2: '\\u' needs 4 hexadecimal digits"},
        {"+++\ntitle = hello\n+++\nBody\n",
         "front matter line 2: 'hello' is not a value (a string needs quotes)"},
        {"+++\ntitle = \"a\" b\n+++\nBody\n", "front matter line 2: 'b' after the value"},
        {"+++\ntitle =\n+++\nBody\n", "front matter line 2: no value after '='"},
        {"+++\ntags = [\"a\",\n\"b\"\n+++\nBody\n", "front matter line 2: an array is not closed"},
        {"+++\nauthor = { name = \"x\"\n+++\nBody\n",
         "front matter line 2: an inline table is not closed"},
        {"+++\n[params\ntitle = \"x\"\n+++\nBody\n",
         "front matter line 2: a table header is not closed"},
        {"+++\ntitle = [\"a\"]\n+++\nBody\n",
         "front matter line 2: 'title' should be a single value"},
        {"+++\ntype = \"x\"\ndescription = {a = 1}\n+++\nBody\n",
         "front matter line 3: 'description' should be a single value"},
        {"+++\nweight = 1.5\n+++\nBody\n",
         "front matter line 2: weight '1.5' is not a whole number"},
        {"+++\nweight = 1__0\n+++\nBody\n",
         "front matter line 2: '1__0' is not a value (a string needs quotes)"},
        {"+++\nweight = 99999999999999999999\n+++\nBody\n",
         "front matter line 2: weight '99999999999999999999' is not a whole number"},
        {"+++\ntitle = \"a\"\ntitle = \"b\"\n+++\nBody\n",
         "front matter line 3: 'title' is set twice"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(bad); i++) {
        parse_str(bad[i].in, &fm, &e, -1);
        if (strcmp(e.msg, bad[i].msg))
            fail_msg("input %zu: message '%s', want '%s'", i, e.msg, bad[i].msg);
        assert_no_fields(&fm);
        assert_string_equal(bad[i].in + fm.body_offset, "Body\n");
    }
    /* arrays nested past any sensible depth: an error, not a deep recursion */
    struct buf b;
    buf_init(&b, 0);
    buf_adds(&b, "+++\nx = ");
    for (int i = 0; i < 100000; i++)
        buf_adds(&b, "[");
    buf_adds(&b, "\n+++\nBody\n");
    parse_str(b.data, &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 2: arrays or tables nested too deeply");
    assert_string_equal(b.data + fm.body_offset, "Body\n");
    buf_free(&b);
    /* no closing line: the body is the whole file */
    parse_str("+++\ntitle = \"x\"\n\nBody without a closing line\n", &fm, &e, -1);
    assert_string_equal(e.msg, "front matter line 1: '+++' opens it but no '+++' line closes it");
    assert_int_equal(fm.body_offset, 0);
    assert_no_fields(&fm);
    parse_str("+++\n", &fm, &e, -1);
    assert_int_equal(fm.body_offset, 0);
}

static const char *const TOML_TOKENS[] = {
    "title",
    "description",
    "weight",
    "date",
    "draft",
    "publishDate",
    " = ",
    "=",
    " ",
    "\n",
    "\r\n",
    "+++",
    "+++\n",
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "\\",
    "\\u00e9",
    "\\U0001F600",
    "\\uD800",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    ",",
    ".",
    "#",
    "\t",
    "12",
    "-1_0",
    "0x1F",
    "1.5e3",
    "inf",
    "2026-03-01",
    "2026-03-01T10:00:00Z",
    " 10:00:00+02:00",
    "true",
    "false",
    "abc",
    "\xff",
    "\x1b[31m",
    "\0",
};

static const char *const TOML_VALUES[] = {
    "\"a \\\"b\\\" \\u00e9\"",
    "'lit\\eral'",
    "\"\"\"\nmulti\nline\"\"\"",
    "'''\nraw\n'''",
    "12",
    "-1_0",
    "0x1F",
    "1.5e3",
    "true",
    "2026-03-01",
    "2026-03-01T10:00:00Z",
    "2026-03-01 10:00:00+02:00",
    "2022-02-29",
    "[1, \"two\", [3]]",
    "[\n  \"a\", # c\n]",
    "{ a = 1, b = \"x\" }",
};

/* Mostly valid "key = value" lines (some broken by a token), or tokens. */
static size_t random_toml(char *buf, size_t len, bool lines)
{
    memcpy(buf, "+++\n", 4);
    size_t n = 4;
    while (n + 80 < len) {
        if (lines && rng() % 48) {
            /* a known key now and then (twice is an error), else k<n> */
            char k[16];
            snprintf(k, sizeof(k), "k%zu", n);
            const char *key = rng() % 32 ? k : TOML_TOKENS[rng() % 6];
            const char *v = TOML_VALUES[rng() % CU_ARRAY_LEN(TOML_VALUES)];
            n += (size_t)snprintf(buf + n, len - n, "%s%s = %s\n", rng() % 32 ? "" : "[t]\n", key,
                                  v);
            continue;
        }
        const char *t = TOML_TOKENS[rng() % CU_ARRAY_LEN(TOML_TOKENS)];
        size_t tl = t[0] ? strlen(t) : 1;
        memcpy(buf + n, t, tl);
        n += tl;
    }
    if (rng() % 8) {
        memcpy(buf + n, "\n+++\nbody", 9);
        n += 9;
    }
    return n;
}

static void test_toml_random_inputs_never_crash(void **state)
{
    (void)state;
    rng_state = 0x243f6a8885a308d3ULL;
    random_ok = random_failed = 0;
    char buf[2048];
    for (size_t iter = 0; iter < 3000; iter++) {
        size_t len = 100 + rng() % (sizeof(buf) - 100);
        check_random(buf, random_toml(buf, len, iter % 2), iter);
    }
    print_message("random TOML inputs: %d parsed, %d rejected\n", random_ok, random_failed);
    assert_true(random_ok >= 300);
    assert_true(random_failed >= 300);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_real_post_parses),
        cmocka_unit_test(test_post_20_25_may),
        cmocka_unit_test(test_post_12_19_april),
        cmocka_unit_test(test_index_page),
        cmocka_unit_test(test_onboarding_page),
        cmocka_unit_test(test_no_front_matter),
        cmocka_unit_test(test_empty_front_matter),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_unknown_keys_ignored),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_draft),
        cmocka_unit_test(test_weight_values),
        cmocka_unit_test(test_unclosed),
        cmocka_unit_test(test_bad_indentation),
        cmocka_unit_test(test_list_as_title),
        cmocka_unit_test(test_weight_not_a_number),
        cmocka_unit_test(test_not_a_mapping),
        cmocka_unit_test(test_unterminated_quote_line),
        cmocka_unit_test(test_control_characters_removed),
        cmocka_unit_test(test_title_escape_sequences),
        cmocka_unit_test(test_title_one_line),
        cmocka_unit_test(test_title_invalid_utf8),
        cmocka_unit_test(test_sanitized_post),
        cmocka_unit_test(test_random_inputs_never_crash),
        cmocka_unit_test(test_huge_title),
        cmocka_unit_test(test_error_body_offset),
        cmocka_unit_test(test_toml_hugo_new),
        cmocka_unit_test(test_toml_strings),
        cmocka_unit_test(test_toml_numbers_and_booleans),
        cmocka_unit_test(test_toml_dates),
        cmocka_unit_test(test_toml_skips),
        cmocka_unit_test(test_toml_first_line_only),
        cmocka_unit_test(test_toml_broken),
        cmocka_unit_test(test_toml_random_inputs_never_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
