/* test_sie.c — the SIE4 reader on real-shaped files: vouchers with object lists, quoted
 * texts with escaped quotes, code page 437, a checksum (#KSUMMA) that matches and one
 * that does not, and files it must refuse (UTF-8, Windows-1252, a bad amount). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "money/money.h"
#include <stdio.h>
#include <string.h>

/* "Lön för processtöd" and "Skolverket Göteborg" in PC8 (ö = 0x94). */
static const char body[] =
    "#FLAGGA 0\r\n"
    "#FORMAT PC8\r\n"
    "#SIETYP 4\r\n"
    "#PROGRAM \"Agresso\" 5.7\r\n"
    "#FNAMN \"Statens skolverk\"\r\n"
    "#DIM 1 \"Kostnadsst\x84lle\"\r\n"
    "#OBJEKT 1 \"SBS\" \"Samverkan\"\r\n"
    "#KONTO 4011 \"L\x94ner\"\r\n"
    "#VER A 101 20260131 \"L\x94n f\x94r processt\x94" "d\" 20260201\r\n"
    "{\r\n"
    "   #TRANS 4011 {1 \"SBS\" 6 \"P 17\"} 21400.50 20260130 \"Januari \\\"extra\\\"\"\r\n"
    "   #TRANS 1930 {} -21400.50\r\n"
    "   #BTRANS 4011 {1 \"SBS\"} 100.00\r\n"
    "}\r\n"
    "#VER B 7 20260215 \"Bidrag\"\r\n"
    "{\r\n"
    "   #TRANS 8411 {} 300000\r\n"
    "   #TRANS 1930 {} -300000\r\n"
    "}\r\n";

static void reads_vouchers_objects_texts_and_the_code_page(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    sie_file_t f;
    char *err = NULL;
    assert_true(sie_read("agresso.se", body, sizeof body - 1, &a, &f, &err));
    assert_string_equal(f.program, "Agresso");
    assert_int_equal(f.ntrans, 4); /* the #BTRANS (a removed row) is not read */
    const sie_trans_t *t = &f.trans[0];
    assert_string_equal(t->series, "A");
    assert_string_equal(t->number, "101");
    assert_string_equal(t->voucher_date, "2026-01-31");
    assert_string_equal(t->voucher_text, "Lön för processtöd");
    assert_string_equal(t->account, "4011");
    assert_string_equal(t->cost_centre, "SBS");
    assert_string_equal(t->project, "P 17");
    assert_int_equal(t->amount, 2140050);
    assert_string_equal(t->date, "2026-01-30");
    assert_string_equal(t->text, "Januari \"extra\"");
    assert_int_equal(t->line, 11);
    assert_int_equal(f.trans[1].amount, -2140050);
    assert_string_equal(f.trans[1].date, "2026-01-31"); /* the voucher's date */
    assert_string_equal(f.trans[1].cost_centre, "");
    assert_int_equal(f.trans[2].amount, 30000000);
    assert_int_equal(f.trans[2].index, 0);
    assert_int_equal(f.trans[3].index, 1);
    assert_false(f.checksummed);
    arena_free(&a);
}

static void the_checksum_is_crc32(void **state)
{
    (void)state;
    /* The standard check value of CRC-32. */
    assert_int_equal(sie_crc32(0, (const unsigned char *)"123456789", 9), 0xCBF43926u);
    /* Continued over parts, it is the sum of the whole. */
    uint32_t c = sie_crc32(0, (const unsigned char *)"1234", 4);
    assert_int_equal(sie_crc32(c, (const unsigned char *)"56789", 5), 0xCBF43926u);
}

/* A file with #KSUMMA: the sum covers every field between the marks (labels, words,
 * quoted text without its quotes, a list's items without braces). */
static void a_matching_checksum_is_accepted_and_a_changed_file_refused(void **state)
{
    (void)state;
    const char *fields[] = {"#FLAGGA", "0", "#VER", "A", "1", "20260105", "Resa", "{", "#TRANS", "5811", "1", "SBS",
                            "1200.00", "#TRANS", "1930", "-1200.00", "}"};
    uint32_t crc = 0;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        crc = sie_crc32(crc, (const unsigned char *)fields[i], strlen(fields[i]));
    char file[512];
    snprintf(file, sizeof file, "#KSUMMA\n#FLAGGA 0\n#VER A 1 20260105 \"Resa\"\n{\n#TRANS 5811 {1 \"SBS\"} 1200.00\n"
                                "#TRANS 1930 {} -1200.00\n}\n#KSUMMA %u\n", crc);
    arena_t a = ARENA_INIT;
    sie_file_t f;
    char *err = NULL;
    assert_true(sie_read("resa.se", file, strlen(file), &a, &f, &err));
    assert_true(f.checksummed);
    assert_int_equal(f.ntrans, 2);
    /* One amount changed after the export. */
    char *changed = strstr(file, "1200.00");
    changed[0] = '2';
    assert_false(sie_read("resa.se", file, strlen(file), &a, &f, &err));
    assert_non_null(strstr(err, "resa.se: rad 8"));
    assert_non_null(strstr(err, "Kontrollsumman"));
    arena_free(&a);
}

static void refuses_the_wrong_code_page_and_bad_fields(void **state)
{
    (void)state;
    arena_t a = ARENA_INIT;
    sie_file_t f;
    char *err = NULL;
    const char utf8[] = "#FLAGGA 0\n#FNAMN \"Statens skolverk, G\xC3\xB6teborg\"\n";
    assert_false(sie_read("utf8.se", utf8, sizeof utf8 - 1, &a, &f, &err));
    assert_non_null(strstr(err, "utf8.se"));
    assert_non_null(strstr(err, "UTF-8"));
    const char latin[] = "#FLAGGA 0\n#FNAMN \"G\xF6teborg\"\n";
    assert_false(sie_read("latin.se", latin, sizeof latin - 1, &a, &f, &err));
    assert_non_null(strstr(err, "Windows-1252"));
    const char amount[] = "#FLAGGA 0\n#VER A 1 20260105\n{\n#TRANS 5811 {} 12x0\n}\n";
    assert_false(sie_read("belopp.se", amount, sizeof amount - 1, &a, &f, &err));
    assert_non_null(strstr(err, "belopp.se: rad 4"));
    assert_non_null(strstr(err, "12x0"));
    const char date[] = "#FLAGGA 0\n#VER A 1 2026-01-05\n{\n}\n";
    assert_false(sie_read("datum.se", date, sizeof date - 1, &a, &f, &err));
    assert_non_null(strstr(err, "rad 2"));
    const char open[] = "#FLAGGA 0\n#VER A 1 20260105\n{\n#TRANS 5811 {} 10\n";
    assert_false(sie_read("oppen.se", open, sizeof open - 1, &a, &f, &err));
    assert_non_null(strstr(err, "slutar mitt i en verifikation"));
    const char format[] = "#FLAGGA 0\n#FORMAT UTF8\n";
    assert_false(sie_read("format.se", format, sizeof format - 1, &a, &f, &err));
    assert_non_null(strstr(err, "PC8"));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_vouchers_objects_texts_and_the_code_page),
        cmocka_unit_test(the_checksum_is_crc32),
        cmocka_unit_test(a_matching_checksum_is_accepted_and_a_changed_file_refused),
        cmocka_unit_test(refuses_the_wrong_code_page_and_bad_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
