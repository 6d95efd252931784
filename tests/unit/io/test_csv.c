/* test_csv.c — the Skolverket CSV dialect: BOM, preamble, footnotes, decimal comma,
 * '.', '..', '~', Windows-1252, both separators, errors that name row and column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "io/csv.h"
#include "base/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <math.h>
#include <string.h>

static const csv_column_t cols[] = {
    {"code", "Skol-enhetskod|Skolenhetskod", true},
    {"name", "Skola", true},
    {"merit", "Genomsnittligt meritvärde (17 ämnen)", false},
};

static const char skolverket[] =
    "\xEF\xBB\xBFStatistik från Skolverket, https://www.skolverket.se;;;\n"
    ";;;\n"
    "Grundskola - Slutbetyg årskurs 9, samtliga elever;;;\n"
    "Valt läsår: 2024/25;;;\n"
    ";;;\n"
    "Skola;Skol-enhetskod;Kommun;Genomsnittligt meritvärde (17 ämnen)\n"
    "Åkerboskolan;82520504;Borgholm;..\n"
    "\"Skolan \"\"Norr\"\"\";11111111;Ale;212,5\n"
    "\n"
    "Rapportbeskrivning och definitioner etc.;;;\n"
    ";Från och med ansökan till gymnasiet läsåret 2013/14 får ...;;\n";

static void reads_skolverket_export(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    assert_true(csv_read_table(&a, "slutbetyg.csv", skolverket, sizeof skolverket - 1, cols, 3, &t, &err));
    assert_null(err);
    assert_int_equal(t.delimiter, ';');
    assert_int_equal(t.header_line, 6);
    assert_int_equal(t.school_year_end, 2025);
    assert_int_equal(t.nrows, 2);
    assert_string_equal(csv_field(&t, &t.rows[0], 0), "82520504");
    assert_string_equal(csv_field(&t, &t.rows[0], 1), "Åkerboskolan");
    assert_int_equal(t.rows[0].line, 7);
    assert_string_equal(csv_field(&t, &t.rows[1], 1), "Skolan \"Norr\"");
    assert_string_equal(csv_field(&t, &t.rows[1], 2), "212,5");
    arena_free(&a);
}

static void missing_column_is_named(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    const char data[] = "Skola;Kommun\nA;B\n";
    assert_false(csv_read_table(&a, "fel.csv", data, sizeof data - 1, cols, 3, &t, &err));
    assert_string_equal(err, "fel.csv: rad 1: kolumnen \"Skol-enhetskod\" saknas i rubrikraden");
    arena_free(&a);
}

static void data_after_blank_row_is_an_error(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    const char data[] = "Skola,Skolenhetskod\nA,11111111\n\nB,22222222\n";
    assert_false(csv_read_table(&a, "hål.csv", data, sizeof data - 1, cols, 2, &t, &err));
    assert_non_null(strstr(err, "hål.csv: rad 4: data efter en tom rad"));
    arena_free(&a);
}

static void windows_1252_and_commas(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    const char data[] = "Skola,Skolenhetskod\nBor\xe5sskolan,11111111\n\"Komma, skola\",22222222\n";
    assert_true(csv_read_table(&a, "ansi.csv", data, sizeof data - 1, cols, 2, &t, &err));
    assert_true(t.was_cp1252);
    assert_int_equal(t.delimiter, ',');
    assert_string_equal(csv_field(&t, &t.rows[0], 1), "Boråsskolan");
    assert_string_equal(csv_field(&t, &t.rows[1], 1), "Komma, skola");
    assert_string_equal(csv_field(&t, &t.rows[1], 2), ""); /* absent optional column */
    arena_free(&a);
}

static void empty_file_is_an_error(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    assert_false(csv_read_table(&a, "tom.csv", "\xEF\xBB\xBF", 3, cols, 2, &t, &err));
    assert_string_equal(err, "tom.csv: filen är tom");
    arena_free(&a);
}

static void values_parse_with_their_flags(void **state)
{
    (void)state;
    double v;
    assert_int_equal(csv_parse_value("47,5", &v), CSV_VALUE);
    assert_true(fabs(v - 47.5) < 1e-12);
    assert_int_equal(csv_parse_value("46.00", &v), CSV_VALUE);
    assert_true(fabs(v - 46.0) < 1e-12);
    assert_int_equal(csv_parse_value("1 120", &v), CSV_VALUE);
    assert_true(fabs(v - 1120) < 1e-12);
    assert_int_equal(csv_parse_value("~100", &v), CSV_ROUNDED);
    assert_true(fabs(v - 100) < 1e-12);
    assert_int_equal(csv_parse_value(".", &v), CSV_MISSING);
    assert_true(isnan(v));
    assert_int_equal(csv_parse_value("", &v), CSV_MISSING);
    assert_int_equal(csv_parse_value("..", &v), CSV_SUPPRESSED);
    assert_int_equal(csv_parse_value("-3,5", &v), CSV_VALUE);
    assert_true(fabs(v + 3.5) < 1e-12);
    assert_int_equal(csv_parse_value("12,3,4", &v), CSV_INVALID);
    assert_int_equal(csv_parse_value("abc", &v), CSV_INVALID);
    assert_int_equal(csv_parse_value("5,", &v), CSV_INVALID);
    assert_string_equal(csv_value_kind_label(CSV_SUPPRESSED), "för få");
}

/* Writes a workbook with libxlsxwriter (shared strings, numbers, a preamble, a gap
 * before the footnotes) and reads it back through the same table reader. */
static void reads_an_xlsx_workbook(void **state)
{
    (void)state;
    char path[] = "/tmp/sv-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Underlag");
    worksheet_write_string(ws, 0, 0, "Valt läsår: 2024/25", NULL);
    worksheet_write_string(ws, 2, 0, "Skola", NULL);
    worksheet_write_string(ws, 2, 1, "Skolenhetskod", NULL);
    worksheet_write_string(ws, 2, 3, "Genomsnittligt meritvärde (17 ämnen)", NULL);
    worksheet_write_string(ws, 3, 0, "Åkerboskolan", NULL);
    worksheet_write_string(ws, 3, 1, "82520504", NULL);
    worksheet_write_number(ws, 3, 3, 212.5, NULL);
    worksheet_write_string(ws, 4, 0, "Skolan \"Norr\" & <Syd>", NULL);
    worksheet_write_number(ws, 4, 1, 11111111, NULL);
    worksheet_write_string(ws, 7, 0, "Fotnot", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    buf_t data = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&data, chunk, n);
    fclose(f);
    unlink(path);
    arena_t a = ARENA_INIT;
    csv_table_t t;
    char *err = NULL;
    assert_true(csv_read_table(&a, "underlag.xlsx", data.data, data.len, cols, 3, &t, &err));
    assert_int_equal(t.school_year_end, 2025);
    assert_int_equal(t.header_line, 3);  /* the sheet's row number */
    assert_int_equal(t.nrows, 2);         /* the gap before the footnote ends the data */
    assert_string_equal(csv_field(&t, &t.rows[0], 0), "82520504");
    assert_string_equal(csv_field(&t, &t.rows[0], 2), "212.5");
    assert_string_equal(csv_field(&t, &t.rows[1], 1), "Skolan \"Norr\" & <Syd>");
    assert_string_equal(csv_field(&t, &t.rows[1], 0), "11111111");
    assert_string_equal(csv_field(&t, &t.rows[1], 2), "");
    assert_int_equal(t.rows[1].line, 5);
    /* A damaged archive is named, not read as CSV. */
    assert_false(csv_read_table(&a, "trasig.xlsx", "PK\x03\x04xx", 6, cols, 3, &t, &err));
    assert_non_null(strstr(err, "trasig.xlsx"));
    buf_free(&data);
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_skolverket_export),
        cmocka_unit_test(missing_column_is_named),
        cmocka_unit_test(data_after_blank_row_is_an_error),
        cmocka_unit_test(windows_1252_and_commas),
        cmocka_unit_test(empty_file_is_an_error),
        cmocka_unit_test(values_parse_with_their_flags),
        cmocka_unit_test(reads_an_xlsx_workbook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
