/* test_text.c: UTF-8 decoding, sanitizing and widths (text.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catchup/text.h"
#include "catchup/util.h"

#define FFFD "\xEF\xBF\xBD"

/* Sanitizes n bytes of s and compares with want. */
static void check_sanitize(const char *s, size_t n, unsigned flags, const char *want)
{
    char *got = text_sanitize(s, n, flags);
    assert_string_equal(got, want);
    free(got);
}

#define SAN(lit, flags, want) check_sanitize(lit, sizeof(lit) - 1, flags, want)

static void test_sanitize_escapes(void **state)
{
    (void)state;
    SAN("a\x1b[31mred\x1b[0m!", 0, "ared!");
    SAN("x\x1b]52;c;QkFTRTY0\x07y", 0, "xy"); /* OSC 52 clipboard write, BEL */
    SAN("x\x1b]0;title\x1b\\y", 0, "xy");     /* OSC title, ESC \ */
    SAN("\xc2\x9b"
        "31mX",
        0, "X"); /* C1 CSI */
    SAN("a\xc2\x9d"
        "0;t\x07"
        "b",
        0, "ab"); /* C1 OSC */
    SAN("a\xc2\x90q#0;2\xc2\x9c"
        "b",
        0, "ab");                         /* C1 DCS ... C1 ST */
    SAN("a\x1bPq#0;2;0\x1b\\b", 0, "ab"); /* DCS (sixel) */
    SAN("a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", 0, "abcd");
    SAN("a\x1b(0b", 0, "ab"); /* charset switch, 3 bytes */
    SAN("a\x1b"
        "7b\x1b"
        "cc",
        0, "abc");                     /* 2-byte ESC x */
    SAN("a\x1b]0;never ends", 0, "a"); /* unterminated OSC swallows */
    SAN("a\x1b", 0, "a");
    SAN("a\x1b[3\nb", TEXT_KEEP_NEWLINES, "a\nb"); /* CSI cut short by a newline */
    SAN("\x1b[?1049h\x1b[2J\x1b[Hz", 0, "z");
}

static void test_sanitize_controls(void **state)
{
    (void)state;
    SAN("a\x07"
        "b\x08"
        "c\rd",
        0, "abcd");
    check_sanitize("a\0b", 3, 0, "ab"); /* NUL in the middle */
    SAN("a\x7f"
        "b",
        0, "ab");
    SAN("a\xc2\x85"
        "b\xc2\x80"
        "c",
        0, "abc"); /* plain C1 controls NEL, PAD */
    SAN("a\xc2\x9f"
        "apc\xc2\x9c"
        "b",
        0, "ab"); /* C1 APC string */
    SAN("a\nb", 0, "a b");
    SAN("a\nb", TEXT_KEEP_NEWLINES, "a\nb");
    SAN("a\tb", 0, "a b");
    SAN("a\tb", TEXT_KEEP_TABS, "a\tb");
    SAN("a\r\nb", TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, "a\nb");
    SAN("a\xe2\x80\xae"
        "b\xe2\x81\xa6"
        "c\xe2\x80\xaa"
        "d\xe2\x81\xa9",
        0, "abcd"); /* bidi */
    check_sanitize(NULL, 0, 0, "");
}

static void test_sanitize_utf8(void **state)
{
    (void)state;
    SAN("a\xff"
        "b",
        0, "a" FFFD "b");
    SAN("\xc0\xaf", 0, FFFD FFFD);                   /* overlong '/' */
    SAN("\xed\xa0\x80", 0, FFFD FFFD FFFD);          /* surrogate U+D800 */
    SAN("\xe4\xb8", 0, FFFD FFFD);                   /* truncated 日 */
    SAN("\xf4\x90\x80\x80", 0, FFFD FFFD FFFD FFFD); /* above U+10FFFF */
    SAN("\x80x", 0, FFFD "x");
    SAN("日本語 😀 é " FFFD, 0, "日本語 😀 é " FFFD);
}

static void test_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(text_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(text_decode("é", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(text_decode("日", 3, &cp), 3);
    assert_int_equal(cp, 0x65E5);
    assert_int_equal(text_decode("😀", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(text_decode("日", 2, &cp), 1); /* only 2 bytes available */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(text_decode("\xe0\x80\x80", 3, &cp), 1); /* overlong */
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(text_decode("\xbf", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
}

static void test_widths(void **state)
{
    (void)state;
    assert_int_equal(text_width("日本語"), 6);
    assert_int_equal(text_width("a😀b"), 4);
    assert_int_equal(text_width("e\xcc\x81"), 1); /* e + U+0301 */
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("hello"), 5);
    assert_int_equal(text_width("│ • ─═…"), 7);
    assert_int_equal(text_cp_width(0x1B), 0);
    assert_int_equal(text_cp_width(0x85), 0);
    assert_int_equal(text_cp_width(0x200B), 0); /* zero width space */
    assert_int_equal(text_cp_width(0xAC00), 2); /* Hangul */
    assert_int_equal(text_cp_width(0xFF21), 2); /* fullwidth A */
    assert_int_equal(text_cp_width(0x1F680), 2);
    assert_int_equal(text_cp_width(0xE9), 1);
}

/* The UTF-8 path (wcwidth) and the table must agree, or layouts would
 * change with LANG.  Compares the whole code space when C.UTF-8 exists. */
static void test_width_locale_independent(void **state)
{
    (void)state;
    char *saved = xstrdup(setlocale(LC_CTYPE, NULL));
    if (!setlocale(LC_CTYPE, "C")) {
        free(saved);
        skip();
    }
    signed char *table = xmalloc(0x110000);
    for (uint32_t cp = 0; cp < 0x110000; cp++)
        table[cp] = (signed char)text_cp_width(cp);
    if (!setlocale(LC_CTYPE, "C.UTF-8")) {
        setlocale(LC_CTYPE, saved);
        free(table);
        free(saved);
        skip();
    }
    uint32_t bad = 0;
    size_t mismatches = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++)
        if (text_cp_width(cp) != table[cp]) {
            if (!mismatches)
                bad = cp;
            mismatches++;
        }
    setlocale(LC_CTYPE, saved);
    free(table);
    free(saved);
    if (mismatches)
        print_error("first mismatch at U+%04X\n", (unsigned)bad);
    assert_int_equal(mismatches, 0);
}

static void test_fit(void **state)
{
    (void)state;
    int used = -1;
    assert_int_equal(text_fit("日本語", 5, &used), 6); /* never half a wide char */
    assert_int_equal(used, 4);
    assert_int_equal(text_fit("a日", 2, &used), 1);
    assert_int_equal(used, 1);
    assert_int_equal(text_fit("e\xcc\x81x", 1, &used), 3); /* mark stays with its base */
    assert_int_equal(used, 1);
    assert_int_equal(text_fit("abc", 10, &used), 3);
    assert_int_equal(used, 3);
    assert_int_equal(text_fit("abc", 0, &used), 0);
    assert_int_equal(used, 0);
    assert_int_equal(text_fit("😀😀", 3, NULL), 4);
}

static void check_str(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

static void test_xgrow(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 100; i++) {
        v = xgrow(v, i, &cap, sizeof(*v), 4);
        assert_true(cap > i);
        v[i] = (int)i;
    }
    assert_int_equal(cap, 128);
    for (size_t i = 0; i < 100; i++)
        assert_int_equal(v[i], (int)i);
    /* Already room: nothing moves. */
    int *same = xgrow(v, 50, &cap, sizeof(*v), 4);
    assert_ptr_equal(same, v);
    assert_int_equal(cap, 128);
    /* A len past cap still gets room for itself. */
    v = xgrow(v, 1000, &cap, sizeof(*v), 4);
    assert_true(cap > 1000);
    v[1000] = 1;
    free(v);
}

static void test_truncate_pad(void **state)
{
    (void)state;
    check_str(text_truncate("日本語テキスト", 7), "日本語…");
    check_str(text_truncate("日本", 3), "日…");
    check_str(text_truncate("abcd", 3), "ab…");
    check_str(text_truncate("abc", 3), "abc");
    check_str(text_truncate("abc", 1), "…");
    check_str(text_truncate("abc", 0), "");
    check_str(text_truncate("abc", -5), "");
    check_str(text_pad("ab", 4), "ab  ");
    check_str(text_pad("日本語", 5), "日本…");
    check_str(text_pad("日本語", 4), "日… ");
    check_str(text_pad("abcdef", 4), "abc…");
    check_str(text_pad("x", 0), "");
    char *p = text_pad("日本語テキスト", 9);
    assert_int_equal(text_width(p), 9);
    free(p);
}

/* Splits s with text_wrap_line at cols into lines joined by '|'. */
static void check_wrap(const char *s, int cols, const char *want)
{
    char got[512] = "";
    size_t used = 0;
    const char *p = s;
    do {
        const char *next;
        size_t n = text_wrap_line(p, cols, &next);
        assert_true(next > p); /* always progresses */
        char *part = xstrndup(p, n);
        uint32_t cp;
        /* wider than cols only when it is one character */
        assert_true(text_width(part) <= cols || text_decode(part, n, &cp) == n);
        used += (size_t)snprintf(got + used, sizeof(got) - used, "%s%s", used ? "|" : "", part);
        free(part);
        p = next;
    } while (*p);
    assert_string_equal(got, want);
}

static void test_wrap_line(void **state)
{
    (void)state;
    check_wrap("Open the Slack channel (the post's, else the group's)", 40,
               "Open the Slack channel (the post's, else|the group's)");
    check_wrap("short", 40, "short");
    check_wrap("exactly ten", 11, "exactly ten");
    check_wrap("two  spaces here", 5, "two|space|s|here");
    check_wrap("abcdefghij", 4, "abcd|efgh|ij");
    check_wrap("日本語のテキスト", 5, "日本|語の|テキ|スト");
    check_wrap("日本語", 1, "日|本|語"); /* one code point at least */
}

int main(void)
{
    /* Honour LANG so the suite exercises both the wcwidth and table paths. */
    setlocale(LC_ALL, "");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanitize_escapes),
        cmocka_unit_test(test_sanitize_controls),
        cmocka_unit_test(test_sanitize_utf8),
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_widths),
        cmocka_unit_test(test_width_locale_independent),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_truncate_pad),
        cmocka_unit_test(test_wrap_line),
        cmocka_unit_test(test_xgrow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
