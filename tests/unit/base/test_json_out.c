/* test_json_out.c — the fast JSON writer gives jansson's compact, sorted output byte for
 * byte, so an audit row reads the same whichever of them wrote it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "base/json_out.h"
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void same_as_jansson_real(double v)
{
    json_t *j = json_pack("{s:f}", "v", v);
    char *want = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    buf_t b = BUF_INIT;
    json_out_begin(&b);
    json_out_key(&b, "v");
    json_out_real(&b, v);
    json_out_end(&b);
    assert_string_equal(buf_cstr(&b), want);
    buf_free(&b);
    free(want);
    json_decref(j);
}

static void reals_as_jansson_writes_them(void **state)
{
    (void)state;
    const double values[] = {0, -0.0, 1, -1, 12, 0.25, 1.0 / 3, 99.5, 1e17, 1e100, 1e-5, -2.5e-300, 123456789.125,
                             9007199254740992.0, 9007199254740993.0, 4.0e15, 59.300000000000004};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        same_as_jansson_real(values[i]);
}

static void strings_keys_and_nulls_as_jansson(void **state)
{
    (void)state;
    const char *name = "Skola \"Ängen\" \\ 1/2\ttab\nrad\x01\x1f slut";
    json_t *j = json_pack("{s:s, s:s?, s:I, s:{s:f, s:s}}", "a", name, "b", NULL, "c", (json_int_t)-42, "d", "x", 2.0,
                          "y", "..");
    char *want = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    buf_t b = BUF_INIT;
    json_out_begin(&b);
    json_out_key(&b, "a");
    json_out_string(&b, name);
    json_out_key(&b, "b");
    json_out_string(&b, NULL);
    json_out_key(&b, "c");
    json_out_int(&b, -42);
    json_out_key(&b, "d");
    json_out_begin(&b);
    json_out_key(&b, "x");
    json_out_real(&b, 2.0);
    json_out_key(&b, "y");
    json_out_string(&b, "..");
    json_out_end(&b);
    json_out_end(&b);
    assert_string_equal(buf_cstr(&b), want);
    buf_free(&b);
    free(want);
    json_decref(j);
}

static void a_key_and_its_string_at_once_as_in_two_steps(void **state)
{
    (void)state;
    buf_t one = BUF_INIT, two = BUF_INIT;
    json_out_begin(&one);
    json_out_key_string(&one, "a", "x\"y");
    json_out_key_string(&one, "b", NULL);
    json_out_end(&one);
    json_out_begin(&two);
    json_out_key(&two, "a");
    json_out_string(&two, "x\"y");
    json_out_key(&two, "b");
    json_out_string(&two, NULL);
    json_out_end(&two);
    assert_string_equal(buf_cstr(&one), buf_cstr(&two));
    assert_string_equal(buf_cstr(&one), "{\"a\":\"x\\\"y\",\"b\":null}");
    buf_free(&one);
    buf_free(&two);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reals_as_jansson_writes_them),
        cmocka_unit_test(strings_keys_and_nulls_as_jansson),
        cmocka_unit_test(a_key_and_its_string_at_once_as_in_two_steps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
