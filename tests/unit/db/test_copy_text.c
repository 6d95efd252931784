/* test_copy_text.c — values written for PostgreSQL's COPY (text format) read back as they
 * were: backslashes, tabs, newlines and carriage returns escaped, NULL as \N, and
 * everything else, UTF-8 included, as it is. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "db/db.h"

static const char *copied(buf_t *b, const char *s)
{
    buf_reset(b);
    db_copy_text(b, s);
    return buf_cstr(b);
}

static void plain_text_is_written_as_it_is(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    assert_string_equal(copied(&b, ""), "");
    assert_string_equal(copied(&b, "Åhusgatans förskola"), "Åhusgatans förskola");
    assert_string_equal(copied(&b, "{\"name\":\"Skola \\\"A\\\"\"}"), "{\"name\":\"Skola \\\\\"A\\\\\"\"}");
    buf_free(&b);
}

static void separators_and_backslashes_are_escaped(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    assert_string_equal(copied(&b, "a\tb"), "a\\tb");
    assert_string_equal(copied(&b, "rad 1\nrad 2\r\n"), "rad 1\\nrad 2\\r\\n");
    assert_string_equal(copied(&b, "C:\\mapp"), "C:\\\\mapp");
    assert_string_equal(copied(&b, "\\N"), "\\\\N"); /* the text \N is not a NULL */
    assert_string_equal(copied(&b, "\t"), "\\t");
    buf_free(&b);
}

static void null_is_backslash_n(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    assert_string_equal(copied(&b, NULL), "\\N");
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plain_text_is_written_as_it_is),
        cmocka_unit_test(separators_and_backslashes_are_escaped),
        cmocka_unit_test(null_is_backslash_n),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
