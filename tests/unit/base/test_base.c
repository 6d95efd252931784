/* test_base.c — validators, Swedish formatting, money and text helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "base/fmt.h"
#include "base/money.h"
#include "base/text.h"
#include "base/validate.h"
#include <stdlib.h>
#include <string.h>

static void orgnr_checks_luhn(void **state)
{
    (void)state;
    char out[11];
    assert_true(validate_orgnr("2120001561", out));
    assert_string_equal(out, "2120001561");
    assert_true(validate_orgnr("212000-1561", out)); /* Borås kommun, written with a dash */
    assert_string_equal(out, "2120001561");
    assert_true(validate_orgnr("5566501796", NULL));
    assert_false(validate_orgnr("2120001562", NULL)); /* wrong check digit */
    assert_false(validate_orgnr("212000156", NULL));
    assert_false(validate_orgnr("21200015611", NULL));
    assert_false(validate_orgnr("21200-01561", NULL));
    assert_false(validate_orgnr("21200O1561", NULL));
    assert_false(validate_orgnr("", NULL));
    assert_false(validate_orgnr(NULL, NULL));
}

static void unit_codes_are_eight_or_six_digits(void **state)
{
    (void)state;
    assert_true(validate_unit_code("13746989"));
    assert_true(validate_unit_code("238459"));
    assert_false(validate_unit_code("1374698"));
    assert_false(validate_unit_code("137469890"));
    assert_false(validate_unit_code("1374698a"));
    assert_false(validate_unit_code(""));
}

static void municipality_codes_are_padded(void **state)
{
    (void)state;
    char out[5];
    assert_true(validate_municipality_code("114", out));
    assert_string_equal(out, "0114");
    assert_true(validate_municipality_code("1490", out));
    assert_string_equal(out, "1490");
    assert_false(validate_municipality_code("14", out));
    assert_false(validate_municipality_code("14900", out));
}

static void dates_emails_ints_passwords(void **state)
{
    (void)state;
    assert_true(validate_date("2017-11-02"));
    assert_true(validate_date("2024-02-29"));
    assert_false(validate_date("2023-02-29"));
    assert_false(validate_date("2017-13-01"));
    assert_false(validate_date("2017-11-2"));
    assert_true(validate_email("karin.ljungberg@boras.se"));
    assert_false(validate_email("karin@"));
    assert_false(validate_email("a b@c.se"));
    long long v;
    assert_true(validate_int("2025", 1990, 2100, &v));
    assert_int_equal(v, 2025);
    assert_false(validate_int("20x5", 1990, 2100, &v));
    assert_false(validate_int("3000", 1990, 2100, &v));
    assert_false(validate_int("", 0, 10, &v));
    assert_true(validate_password("tolv tecken!"));
    assert_true(validate_password("åäöåäöåäöåäö")); /* characters, not bytes */
    assert_false(validate_password("elva teckn"));
}

static void numbers_format_the_swedish_way(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    fmt_int_sv(&b, 112362506);
    assert_string_equal(buf_cstr(&b), "112" FMT_NBSP "362" FMT_NBSP "506");
    buf_reset(&b);
    fmt_int_sv(&b, 999);
    assert_string_equal(buf_cstr(&b), "999");
    buf_reset(&b);
    fmt_int_sv(&b, -1234);
    assert_string_equal(buf_cstr(&b), "\xE2\x88\x92" "1" FMT_NBSP "234");
    buf_reset(&b);
    fmt_decimal_sv(&b, 47.5, 1);
    assert_string_equal(buf_cstr(&b), "47,5");
    buf_reset(&b);
    fmt_decimal_sv(&b, 1234.56, 2);
    assert_string_equal(buf_cstr(&b), "1" FMT_NBSP "234,56");
    buf_reset(&b);
    fmt_decimal_sv(&b, 0.05, 1);
    assert_string_equal(buf_cstr(&b), "0,1");
    buf_free(&b);
}

static void money_is_integer_ore(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    /* Seed 003's 2017 cost table: 35 101 180 + 52 751 361 + 22 216 891 + 2 293 074. */
    int64_t parts[4], sum = 0;
    const char *texts[] = {"35 101 180", "52 751 361", "22 216 891", "2 293 074 kr"};
    for (int i = 0; i < 4; i++) {
        assert_true(money_parse_sv(texts[i], &parts[i]));
        sum += parts[i];
    }
    assert_int_equal(sum, 11236250600LL);
    fmt_money_sv(&b, sum);
    assert_string_equal(buf_cstr(&b), "112" FMT_NBSP "362" FMT_NBSP "506" FMT_NBSP "kr");
    buf_reset(&b);
    int64_t ore;
    assert_true(money_parse_sv("1 234,50", &ore));
    assert_int_equal(ore, 123450);
    fmt_money_sv(&b, ore);
    assert_string_equal(buf_cstr(&b), "1" FMT_NBSP "234,50" FMT_NBSP "kr");
    assert_true(money_parse_sv("-10,5", &ore));
    assert_int_equal(ore, -1050);
    assert_false(money_parse_sv("12,345", &ore));
    assert_false(money_parse_sv("tolv", &ore));
    assert_false(money_parse_sv("", &ore));
    buf_free(&b);
}

static void dates_format_iso(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Stockholm", 1);
    buf_t b = BUF_INIT;
    fmt_date(&b, 1509580800); /* 2017-11-02 00:00 UTC */
    assert_string_equal(buf_cstr(&b), "2017-11-02");
    buf_reset(&b);
    fmt_datetime(&b, 1509580800 + 14 * 3600 + 3 * 60);
    assert_string_equal(buf_cstr(&b), "2017-11-02 15:03");
    buf_free(&b);
}

static void text_folds_swedish_letters(void **state)
{
    (void)state;
    buf_t b = BUF_INIT;
    text_fold(&b, "  ÅSA  Örebro\tÄLVDALEN É ");
    assert_string_equal(buf_cstr(&b), "åsa örebro älvdalen é");
    buf_free(&b);
    assert_true(text_equal_folded("Skol-enhetskod", "SKOL-ENHETSKOD"));
    assert_true(text_utf8_valid("Borås", 6));
    assert_false(text_utf8_valid("Bor\xe5s", 5));
    buf_t c = BUF_INIT;
    text_cp1252_to_utf8(&c, "Bor\xe5s \x80", 7);
    assert_string_equal(buf_cstr(&c), "Borås €");
    buf_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(orgnr_checks_luhn),
        cmocka_unit_test(unit_codes_are_eight_or_six_digits),
        cmocka_unit_test(municipality_codes_are_padded),
        cmocka_unit_test(dates_emails_ints_passwords),
        cmocka_unit_test(numbers_format_the_swedish_way),
        cmocka_unit_test(money_is_integer_ore),
        cmocka_unit_test(dates_format_iso),
        cmocka_unit_test(text_folds_swedish_letters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
