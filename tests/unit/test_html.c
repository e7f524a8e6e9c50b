/* test_html.c: calendar descriptions in HTML read as text (html.c), with
 * the same character references a post's Markdown knows (text.c), as the
 * event's page shows them (agenda_item_markdown). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/agenda.h"
#include "catchup/html.h"
#include "catchup/text.h"
#include "catchup/util.h"

/* The description of an event, as its page's Markdown shows it. */
static char *shown(const char *description)
{
    struct agenda_item it = {0};
    it.title = (char *)"Call";
    it.location = (char *)"";
    it.description = (char *)description;
    it.start = it.end = 1700000000;
    char *md = agenda_item_markdown(&it);
    return md;
}

static void test_event_references(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } refs[] = {
        {"<p>Agenda &mdash; notes</p>", "Agenda \u2014 notes"},
        {"<p>a &amp; b &lt;c&gt;</p>", "a \\& b \\<c\\>"},
        {"<p>caf&eacute;&hellip;</p>", "caf\\&eacute;\u2026"},
        {"<p>&#8220;x&#x201D; &copy; 2024</p>", "\u201cx\u201d \u00a9 2024"},
        {"<p>9&nbsp;am</p>", "9 am"},
        {"<p>bad &#xD800; &#0; ref</p>", "bad \ufffd \ufffd ref"},
        {"<p>&#27;[2J&#x9b;</p>", "\\[2J"},
    };
    for (size_t i = 0; i < CU_ARRAY_LEN(refs); i++) {
        char *md = shown(refs[i].in);
        if (!strstr(md, refs[i].want))
            fail_msg("'%s' shows as '%s', want '%s' in it", refs[i].in, md, refs[i].want);
        free(md);
    }
}

static void test_html_to_text(void **state)
{
    (void)state;
    assert_true(html_looks_like("a<br>b"));
    assert_true(html_looks_like("x &amp; y"));
    assert_false(html_looks_like("a < b & c"));
    char *t = html_to_text("<ul><li>one</li><li><a href=\"https://a.example/x\">two</a></li></ul>"
                           "<a href='https://b.example/'>https://b.example/</a>");
    assert_string_equal(t,
                        "\n\n\u2022 one\n\n\u2022 two (https://a.example/x)\n\nhttps://b.example/");
    free(t);
    char *h = html_first_href("<a title=x href=ftp://x/ href=\"https://c.example/\">");
    assert_string_equal(h, "https://c.example/");
    free(h);
    assert_null(html_first_href("no link"));
}

static void test_entity(void **state)
{
    (void)state;
    const char *s = "&amp;rest";
    assert_int_equal(text_entity_len(s, strlen(s)), 5);
    assert_int_equal(text_entity_len("& b;", 4), 0);
    assert_int_equal(text_entity_len("&a&b;", 5), 0);
    assert_int_equal(text_entity_len("&amp", 4), 0);
    char *d = text_entity_decode("&unknown;", 9);
    assert_string_equal(d, "&unknown;");
    free(d);
    char u[4];
    assert_int_equal(text_encode(0x41, u), 1);
    assert_int_equal(text_encode(0xe9, u), 2);
    assert_int_equal(text_encode(0x20ac, u), 3);
    assert_int_equal(text_encode(0x1f600, u), 4);
    assert_memory_equal(u, "\xf0\x9f\x98\x80", 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_references),
        cmocka_unit_test(test_html_to_text),
        cmocka_unit_test(test_entity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
