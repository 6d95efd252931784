/* test_diff.c — the word-level difference shown between agreement versions and for
 * saves that crossed another, worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "html/diff.h"
#include <stdlib.h>
#include <string.h>

static void diff_marks_removed_and_added_words(void **state)
{
    (void)state;
    buf_t o = BUF_INIT;
    html_diff_words(&o, "Skolverket ger processtöd med två processtödjare.",
                        "Skolverket ger processtöd och bekostar resor.");
    assert_string_equal(buf_cstr(&o), "Skolverket ger processtöd <del>med två processtödjare.</del>"
                                      "<ins>och bekostar resor.</ins>");
    buf_reset(&o);
    /* Runs of removed and added words between unchanged ones, each one element. */
    html_diff_words(&o, "Vi gick igenom resultaten i går.", "Vi läste resultaten noga i går.");
    assert_string_equal(buf_cstr(&o), "Vi <del>gick igenom </del><ins>läste </ins>resultaten <ins>noga </ins>i går.");
    buf_reset(&o);
    html_diff_words(&o, "a <b>", "a <b>");
    assert_string_equal(buf_cstr(&o), "a &lt;b&gt;"); /* unchanged, and escaped */
    buf_reset(&o);
    html_diff_words(&o, "", "ny");
    assert_string_equal(buf_cstr(&o), "<ins>ny</ins>");
    buf_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(diff_marks_removed_and_added_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
