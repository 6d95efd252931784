/* test_html.c — escaping is done by the function that writes, in every context. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "html/html.h"
#include "io/export.h"
#include <string.h>

static void text_escapes_markup(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    html_text(&b, "<script>alert(\"x\")</script> & 'y'");
    assert_string_equal(buf_cstr(&b), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
    buf_free(&b);
}

static void printf_escapes_strings_not_markup(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    html_printf(&b, "<a href=\"/o/%s\">%s</a> %d %lld %zu", "1\"onmouseover=x", "Ale & <Kungälv>", -5, 12345678901LL,
                (size_t)7);
    assert_string_equal(buf_cstr(&b), "<a href=\"/o/1&quot;onmouseover=x\">Ale &amp; &lt;Kungälv&gt;</a> -5 12345678901 7");
    buf_reset(&b);
    html_printf(&b, "%.*s|%c|%%", 3, "abc<def", '<');
    assert_string_equal(buf_cstr(&b), "abc|&lt;|%");
    buf_free(&b);
}

static void url_encodes_components(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    html_url(&b, "Borås & co/?x=1");
    assert_string_equal(buf_cstr(&b), "Bor%C3%A5s%20%26%20co%2F%3Fx%3D1");
    buf_free(&b);
}

static void js_string_escapes_quotes_and_tags(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    html_js_string(&b, "a'b\"</script>");
    assert_string_equal(buf_cstr(&b), "a\\u0027b\\u0022\\u003c/script\\u003e");
    buf_free(&b);
}

static void csv_cells_neutralise_formulas(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    static const char *headers[] = {"Namn", "Antal"};
    static const export_kind_t kinds[] = {EXPORT_TEXT, EXPORT_DECIMAL};
    export_table_t t;
    export_init(&t, &a, "Blad", 2, headers, kinds);
    const char *evil[] = {"=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "Vanlig; text \"citat\""};
    for (size_t i = 0; i < 7; i++) {
        export_cell_t *c = export_add_row(&t);
        c[0].text = evil[i];
        c[1].number = 47.5;
        c[1].empty = false;
    }
    buf_t out = BUF_INIT;
    export_csv(&t, &out);
    const char *s = buf_cstr(&out);
    assert_memory_equal(s, "\xEF\xBB\xBFNamn;Antal\r\n", 15);
    assert_non_null(strstr(s, "\"'=HYPERLINK(\"\"x\"\")\";47,5\r\n"));
    assert_non_null(strstr(s, "\"'+1\";47,5"));
    assert_non_null(strstr(s, "\"'-2\";47,5"));
    assert_non_null(strstr(s, "\"'@SUM(A1)\""));
    assert_non_null(strstr(s, "\"'\tx\""));
    assert_non_null(strstr(s, "\"Vanlig; text \"\"citat\"\"\";47,5"));
    assert_true(export_needs_neutralising("=1"));
    assert_false(export_needs_neutralising("Borås"));
    buf_free(&out);
    arena_free(&a);
}

/* Width and precision as printf has them: a precision cuts a string (never inside a
 * UTF-8 character) before it is escaped; numbers keep their flags. */
static void printf_honours_width_and_precision(void **state)
{
    (void)state;
    buf_t o = BUF_INIT;
    html_printf(&o, "[%.3s|%.*s|%5s|%-4s|%05d|%.2f|%x]", "<abcdef", 2, "xyz", "ab", "c", 42, 3.14159, 255u);
    assert_string_equal(buf_cstr(&o), "[&lt;ab|xy|   ab|c   |00042|3.14|ff]");
    buf_reset(&o);
    html_printf(&o, "%.3s", "åäö"); /* three bytes: one and a half characters */
    assert_string_equal(buf_cstr(&o), "å");
    buf_reset(&o);
    html_printf(&o, "%lld %zu %3u%%", -9000000000LL, (size_t)7, 5u);
    assert_string_equal(buf_cstr(&o), "-9000000000 7   5%");
    buf_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_escapes_markup),
        cmocka_unit_test(printf_escapes_strings_not_markup),
        cmocka_unit_test(url_encodes_components),
        cmocka_unit_test(js_string_escapes_quotes_and_tags),
        cmocka_unit_test(csv_cells_neutralise_formulas),
        cmocka_unit_test(printf_honours_width_and_precision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
