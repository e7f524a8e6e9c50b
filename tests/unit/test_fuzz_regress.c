/* test_fuzz_regress.c: replays saved inputs through every fuzz target:
 * the crashes fuzzing found (tests/data/fuzz/TARGET/), the real posts and
 * server data, and hostile inputs written here.  A target aborts on a
 * broken promise, and the sanitizer builds (make asan, make valgrind) catch
 * memory errors. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "targets.h"
#include "catchup/util.h"

static size_t replay_dir(const struct fuzz_target *t, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char *path = xasprintf("%s/%s", dir, de->d_name);
        char *data;
        size_t len;
        struct cu_err e;
        if (read_file(path, 64u << 20, &data, &len, &e) == 0) {
            t->run((const uint8_t *)data, len);
            free(data);
            n++;
        }
        free(path);
    }
    closedir(d);
    return n;
}

static const char *const hostile[] = {
    "",
    "---",
    "---\n",
    "---\n---\n",
    "---\n---",
    "---\r\n---\r\n",
    "---\ntitle: [a, b]\n---\n",
    "---\n: :\n---\n",
    "---\n&a [*a]\n---\n",
    "---\ntitle: \"\xff\xfe\"\n---\n",
    "\x1b]52;c;AAAA\x07",
    "\xc2\x9b"
    "2J",
    "[x](javascript:alert(1)) <script>x</script> &#0; &#x110000; &bogus;",
    "| a | b |\n|---|---|\n| "
    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
    " | x |\n",
    "> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > deep",
    "<>; rel=",
    "<",
    ">;rel=\"",
    "<a>; rel",
    "<a>;;;;;rel=\"next\",,,,<b>",
    "[{\"type\":\"file\",\"name\":\"../x.md\",\"path\":\"p\",\"sha\":\"s\"}]",
    "[{\"type\":\"file\",\"name\":\"a.md\",\"path\":\"p\",\"sha\":\"s\",\"download_url\":\"file:///"
    "etc/passwd\"}]",
    "[{\"commit\":{\"committer\":{\"date\":\"not a date\"}}}]",
    "[[[[[[[[[[",
    "{\"message\":5}",
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240101T000000Z\r\nRRULE:FREQ=SECONDLY\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Nowhere/Nothing:20240101T000000\nEND:VEVENT\n",
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20241301\nSUMMARY:x\nEND:VEVENT\nEND:"
    "VCALENDAR\n",
    "## Events and Participation\n- [KubeCon](https://x) June 31-32 2024\n- May 2024-13\n",
    NULL,
};

static void test_replay(void **state)
{
    (void)state;
    const char *data = getenv("CATCHUP_TEST_DATA") ? getenv("CATCHUP_TEST_DATA") : "tests/data";
    size_t total = 0;
    for (const struct fuzz_target *t = fuzz_targets; t->name; t++) {
        char *dir = xasprintf("%s/fuzz/%s", data, t->name);
        total += replay_dir(t, dir);
        free(dir);
        char *posts = xasprintf("%s/posts", data);
        total += replay_dir(t, posts);
        free(posts);
        for (size_t i = 0; hostile[i]; i++) {
            t->run((const uint8_t *)hostile[i], strlen(hostile[i]));
            total++;
        }
    }
    /* the real posts alone are 8 files per target */
    assert_true(total >= 8 * (8 + 20));
}

/* Every folder of saved inputs names a target: inputs of a parser without
 * one (a target never added, or renamed) would silently never be replayed. */
static void test_every_folder_has_a_target(void **state)
{
    (void)state;
    const char *data = getenv("CATCHUP_TEST_DATA") ? getenv("CATCHUP_TEST_DATA") : "tests/data";
    char *dir = xasprintf("%s/fuzz", data);
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        const struct fuzz_target *t = fuzz_targets;
        while (t->name && strcmp(t->name, de->d_name))
            t++;
        if (!t->name)
            fail_msg("%s/%s: no fuzz target of that name in fuzz/targets.c", dir, de->d_name);
        n++;
    }
    closedir(d);
    free(dir);
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replay),
        cmocka_unit_test(test_every_folder_has_a_target),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
