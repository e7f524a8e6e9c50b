/* test_theme.c: theme files (base/themefile.c; no terminal).
 * Run from the repository root: the shipped themes are read from ./themes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catchup/themefile.h"
#include "catchup/util.h"

static const char *const elem_names[TH_COUNT] = {
#define NAME(id, name) [TH_##id] = name,
    THEME_ELEMENTS(NAME)
#undef NAME
};

static const char *const shipped[] = {"default", "light", "mono", "solarized-dark"};

/* A private directory per test, removed afterwards. */
static char tmpdir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_theme.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char *cmd = xasprintf("rm -rf '%s'", tmpdir);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

/* Writes content to tmpdir/rel (creating folders); returns the path, caller frees. */
static char *write_tmp(const char *rel, const char *content)
{
    char *path = xasprintf("%s/%s", tmpdir, rel);
    char *dir = xstrdup(path);
    *strrchr(dir, '/') = '\0';
    struct cu_err e;
    assert_int_equal(mkdir_p(dir, &e), 0);
    free(dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(content, fp);
    fclose(fp);
    return path;
}

static void test_shipped_themes_are_complete(void **state)
{
    (void)state;
    for (size_t i = 0; i < CU_ARRAY_LEN(shipped); i++) {
        char *path = xasprintf("themes/%s.theme", shipped[i]);
        struct theme t;
        struct cu_err e = {""};
        if (theme_parse_file(path, &t, &e) < 0)
            fail_msg("%s", e.msg);
        for (int el = 0; el < TH_COUNT; el++)
            if (!t.el[el].set)
                fail_msg("%s does not style '%s'", path, elem_names[el]);
        assert_string_equal(t.file, path);
        assert_non_null(t.name);
        assert_true(strlen(t.name) > 0);
        theme_free(&t);
        free(path);
    }
    /* Any other theme added later must be complete too. */
    DIR *d = opendir("themes");
    assert_non_null(d);
    struct dirent *de;
    int n = 0;
    while ((de = readdir(d))) {
        if (!str_ends(de->d_name, ".theme"))
            continue;
        char *path = xasprintf("themes/%s", de->d_name);
        struct theme t;
        struct cu_err e;
        if (theme_parse_file(path, &t, &e) < 0)
            fail_msg("%s", e.msg);
        for (int el = 0; el < TH_COUNT; el++)
            assert_true(t.el[el].set);
        theme_free(&t);
        free(path);
        n++;
    }
    closedir(d);
    assert_true(n >= 4);
}

static void test_builtin_equals_default_file(void **state)
{
    (void)state;
    struct theme b, f;
    struct cu_err e;
    theme_builtin(&b);
    if (theme_parse_file("themes/default.theme", &f, &e) < 0)
        fail_msg("%s", e.msg);
    for (int i = 0; i < TH_COUNT; i++) {
        assert_true(b.el[i].set);
        if (b.el[i].fg != f.el[i].fg || b.el[i].bg != f.el[i].bg || b.el[i].attrs != f.el[i].attrs)
            fail_msg("%s: built-in %d %d %u, default.theme %d %d %u", elem_names[i], b.el[i].fg,
                     b.el[i].bg, b.el[i].attrs, f.el[i].fg, f.el[i].bg, f.el[i].attrs);
    }
    assert_string_equal(b.name, f.name);
    assert_null(b.file);
    theme_free(&b);
    theme_free(&f);
}

/* mono.theme uses no colours at all. */
static void test_mono_has_no_colours(void **state)
{
    (void)state;
    struct theme t;
    struct cu_err e;
    assert_int_equal(theme_parse_file("themes/mono.theme", &t, &e), 0);
    for (int i = 0; i < TH_COUNT; i++) {
        assert_int_equal(t.el[i].fg, -1);
        assert_int_equal(t.el[i].bg, -1);
    }
    assert_true(t.el[TH_SELECTION].attrs & THEME_A_REVERSE);
    assert_true(t.el[TH_STATUS].attrs & THEME_A_REVERSE);
    assert_true(t.el[TH_H1].attrs & THEME_A_BOLD);
    assert_true(t.el[TH_UNREAD].attrs & THEME_A_BOLD);
    assert_true(t.el[TH_LINK].attrs & THEME_A_UNDERLINE);
    theme_free(&t);
}

/* x^2.4 for 0 <= x <= 1, without libm (the build links none): x^2 times
 * the fifth root of x^2, by Newton's method. */
static double pow24(double x)
{
    double x2 = x * x, r = 1;
    if (x2 <= 0)
        return 0;
    for (int i = 0; i < 60; i++)
        r -= (r * r * r * r * r - x2) / (5 * r * r * r * r);
    return x2 * r;
}

/* WCAG contrast of xterm palette colours, to check readability claims. */
static double luminance(int c)
{
    static const int basic[16][3] = {
        {0, 0, 0},       {205, 0, 0},   {0, 205, 0},   {205, 205, 0},
        {0, 0, 238},     {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
        {127, 127, 127}, {255, 0, 0},   {0, 255, 0},   {255, 255, 0},
        {92, 92, 255},   {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
    };
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    int rgb[3];
    if (c < 16)
        memcpy(rgb, basic[c], sizeof(rgb));
    else if (c < 232)
        rgb[0] = level[(c - 16) / 36], rgb[1] = level[(c - 16) / 6 % 6],
        rgb[2] = level[(c - 16) % 6];
    else
        rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
    static const double w[3] = {0.2126, 0.7152, 0.0722};
    double l = 0;
    for (int k = 0; k < 3; k++) {
        double v = rgb[k] / 255.0;
        l += w[k] * (v <= 0.03928 ? v / 12.92 : pow24((v + 0.055) / 1.055));
    }
    return l;
}

/* Every element's text against its background, the terminal's own colours
 * being term_fg/term_bg, must reach a contrast of at least 3:1. */
static void check_contrast(const char *path, int term_fg, int term_bg)
{
    struct theme t;
    struct cu_err e;
    assert_int_equal(theme_parse_file(path, &t, &e), 0);
    for (int i = 0; i < TH_COUNT; i++) {
        int fg = t.el[i].fg < 0 ? term_fg : t.el[i].fg;
        int bg = t.el[i].bg < 0 ? term_bg : t.el[i].bg;
        double a = luminance(fg), b = luminance(bg);
        double ratio = a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
        if (ratio < 3.0)
            fail_msg("%s: %s (%d on %d) has contrast %.2f", path, elem_names[i], fg, bg, ratio);
    }
    theme_free(&t);
}

static void test_contrast(void **state)
{
    (void)state;
    check_contrast("themes/default.theme", 252, 16);
    check_contrast("themes/light.theme", 16, 231);
}

/* Parses content as a theme file; expects failure with FILE:LINE and word. */
static void expect_error(const char *content, int line, const char *word)
{
    char *path = write_tmp("bad.theme", content);
    struct theme t;
    memset(&t, 0xAB, sizeof(t));
    struct theme before = t;
    struct cu_err e = {""};
    assert_int_equal(theme_parse_file(path, &t, &e), -1);
    char *want = xasprintf("%s:%d: ", path, line);
    if (!str_starts(e.msg, want) || !strstr(e.msg, word))
        fail_msg("want '%s...%s', got '%s'", want, word, e.msg);
    assert_memory_equal(&t, &before, sizeof(t)); /* untouched on failure */
    free(want);
    free(path);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("[colors]\nnormal = default default\nsparkle = red\n", 3, "'sparkle'");
    expect_error("[colors]\n\ntitle = purple\n", 3, "'purple'");
    expect_error("; c\n[colors]\nlink = 256 default\n", 3, "'256'");
    expect_error("[colors]\nlink = red color300\n", 2, "'color300'");
    expect_error("[colors]\nlink = red 99999999999999999999\n", 2, "out of range");
    expect_error("[colors]\ntitle = white default bold blink\n", 2, "'blink'");
    expect_error("[colors]\ntitle = white blod\n", 2, "'blod'");
    expect_error("[colors]\ntitle = bright-purple\n", 2, "'bright-purple'");
    expect_error("[colors]\ntitle = white default default\n", 2, "attribute 'default'");
    expect_error("[colors]\ntitle =\n", 2, "'title' has no colour");
    expect_error("[theme]\nname = x\n\n[fonts]\n", 4, "[fonts]");
    expect_error("[theme]\nauthor = me\n", 2, "'author'");
    expect_error("[theme]\nname =\n", 2, "name is empty");
    expect_error("title = red\n", 1, "must be inside");
    expect_error("[colors]\ntitle = red\nlink = blue\ntitle = green\n", 4, "first on line 2");
    expect_error("[colors]\ntitle = red\n   bold\n", 3, "continues the one above");
    expect_error("[colors]\ntitle = red\n  link = blue\n", 3, "continues the one above");
    expect_error("[colors]\njust words\n", 2, "cannot parse");
    char longline[400];
    snprintf(longline, sizeof(longline), "[colors]\n; %0300d\ntitle = red\n", 0);
    expect_error(longline, 2, "longer than");

    struct theme t;
    struct cu_err e;
    assert_int_equal(theme_parse_file("/nonexistent/x.theme", &t, &e), -1);
    assert_non_null(strstr(e.msg, "/nonexistent/x.theme"));
    assert_int_equal(theme_parse_file(tmpdir, &t, &e), -1); /* a directory */
    assert_non_null(strstr(e.msg, tmpdir));
}

static void test_values(void **state)
{
    (void)state;
    char *path = write_tmp("my-theme.theme", "[colors]\n"
                                             "title = red\n"
                                             "link = bright-blue bold underline\n"
                                             "code = color42 7\n"
                                             "quote = 0 BRIGHT-WHITE Italic\n"
                                             "date = default 255 standout dim reverse\n");
    struct theme t;
    struct cu_err e;
    if (theme_parse_file(path, &t, &e) < 0)
        fail_msg("%s", e.msg);
    assert_int_equal(t.el[TH_TITLE].fg, 1); /* fg alone: bg is the default */
    assert_int_equal(t.el[TH_TITLE].bg, -1);
    assert_int_equal(t.el[TH_TITLE].attrs, 0);
    assert_int_equal(t.el[TH_LINK].fg, 12);
    assert_int_equal(t.el[TH_LINK].bg, -1);
    assert_int_equal(t.el[TH_LINK].attrs, THEME_A_BOLD | THEME_A_UNDERLINE);
    assert_int_equal(t.el[TH_CODE].fg, 42);
    assert_int_equal(t.el[TH_CODE].bg, 7);
    assert_int_equal(t.el[TH_QUOTE].fg, 0);
    assert_int_equal(t.el[TH_QUOTE].bg, 15);
    assert_int_equal(t.el[TH_QUOTE].attrs, THEME_A_ITALIC);
    assert_int_equal(t.el[TH_DATE].fg, -1);
    assert_int_equal(t.el[TH_DATE].bg, 255);
    assert_int_equal(t.el[TH_DATE].attrs, THEME_A_STANDOUT | THEME_A_DIM | THEME_A_REVERSE);
    /* Elements the file leaves out keep the built-in style, marked unset. */
    struct theme b;
    theme_builtin(&b);
    assert_false(t.el[TH_SELECTION].set);
    assert_int_equal(t.el[TH_SELECTION].fg, b.el[TH_SELECTION].fg);
    assert_int_equal(t.el[TH_SELECTION].bg, b.el[TH_SELECTION].bg);
    assert_true(t.el[TH_TITLE].set);
    assert_string_equal(t.name, "my-theme"); /* no [theme] name: the file's */
    assert_string_equal(t.file, path);
    theme_free(&b);
    theme_free(&t);
    free(path);
}

static void test_comments_and_blank_lines(void **state)
{
    (void)state;
    char *path = write_tmp("c.theme", "\xEF\xBB\xBF; a header comment\n"
                                      "# another\n"
                                      "\n"
                                      "[theme]\r\n"
                                      "   \n"
                                      "name = Commented ; inline comment\n"
                                      "\n"
                                      "[colors]\n"
                                      "; normal = red\n"
                                      "  title   =   green   default   bold   ; why\r\n"
                                      "\t\n"
                                      "link=blue\n");
    struct theme t;
    struct cu_err e;
    if (theme_parse_file(path, &t, &e) < 0)
        fail_msg("%s", e.msg);
    assert_string_equal(t.name, "Commented");
    assert_int_equal(t.el[TH_TITLE].fg, 2);
    assert_int_equal(t.el[TH_TITLE].attrs, THEME_A_BOLD);
    assert_int_equal(t.el[TH_LINK].fg, 4);
    assert_false(t.el[TH_NORMAL].set);
    theme_free(&t);
    free(path);
}

static void test_find(void **state)
{
    (void)state;
    char *home = xasprintf("%s/home", tmpdir);
    struct cu_err e;
    assert_int_equal(mkdir_p(home, &e), 0);
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", home, 1);

    char *p = theme_find("default");
    assert_non_null(p);
    assert_true(str_ends(p, "themes/default.theme"));
    assert_int_equal(access(p, R_OK), 0);
    free(p);
    p = theme_find("light.theme");
    assert_non_null(p);
    assert_true(str_ends(p, "themes/light.theme"));
    free(p);
    assert_null(theme_find("nonexistent"));
    assert_null(theme_find(""));

    /* A path is returned as is when it exists. */
    assert_null(theme_find("./themes/nonexistent.theme"));
    p = theme_find("./themes/mono.theme");
    assert_string_equal(p, "./themes/mono.theme");
    free(p);
    char *mine = write_tmp("home/mine.theme", "[colors]\n");
    p = theme_find(mine);
    assert_string_equal(p, mine);
    free(p);
    p = theme_find("~/mine.theme");
    assert_string_equal(p, mine);
    free(p);
    assert_null(theme_find(tmpdir)); /* a directory is not a theme */

    /* The user's own folder comes first: XDG_CONFIG_HOME, else ~/.config. */
    char *user = write_tmp("home/catchup/themes/default.theme", "[colors]\n");
    p = theme_find("default");
    assert_string_equal(p, user);
    free(p);
    unsetenv("XDG_CONFIG_HOME");
    p = theme_find("default");
    assert_true(str_ends(p, "themes/default.theme") && strcmp(p, user));
    free(p);
    char *dot = write_tmp("home/.config/catchup/themes/default.theme", "[colors]\n");
    p = theme_find("default");
    assert_string_equal(p, dot);
    free(p);

    free(dot);
    free(user);
    free(mine);
    free(home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_themes_are_complete),
        cmocka_unit_test(test_builtin_equals_default_file),
        cmocka_unit_test(test_mono_has_no_colours),
        cmocka_unit_test(test_contrast),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_comments_and_blank_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_find, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
