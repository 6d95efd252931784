/* test_model.c — the analysis's vocabulary: a unit's level from its school forms, the
 * flow's steps, and what an uploaded document is by its first bytes (not by its name). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "analyses/analyses.h"
#include <string.h>

static void a_unit_is_a_preschool_only_when_it_has_no_other_school_form(void **state)
{
    (void)state;
    assert_string_equal(analysis_level_of_unit(",forskola,"), "preschool");
    assert_string_equal(analysis_level_of_unit(",forskola,forskoleklass,grundskola,"), "school");
    assert_string_equal(analysis_level_of_unit(",grundskola,"), "school");
    assert_string_equal(analysis_level_of_unit(""), "school");
    assert_string_equal(analysis_cause_label("follow_up"), "Hur beslutsnivåerna följer upp och analyserar");
    assert_string_equal(analysis_cause_label("steering"), "Huvudmannens styrning och stöd");
}

static void the_flow_moves_from_state_to_state(void **state)
{
    (void)state;
    const char *from, *to;
    assert_true(analysis_flow_step("submit", &from, &to));
    assert_string_equal(from, "draft");
    assert_string_equal(to, "submitted");
    assert_true(analysis_flow_step("return", &from, &to));
    assert_string_equal(from, "submitted");
    assert_string_equal(to, "draft");
    assert_true(analysis_flow_step("reopen", &from, &to));
    assert_string_equal(from, "approved");
    assert_false(analysis_flow_step("delete", &from, &to));
    assert_false(analysis_flow_step(NULL, &from, &to));
}

static void a_document_is_what_its_bytes_say_and_its_name_must_agree(void **state)
{
    (void)state;
    const unsigned char pdf[] = "%PDF-1.7\n%...";
    const unsigned char elf[] = "\x7f" "ELF\x02\x01\x01";
    const unsigned char png[] = "\x89PNG\r\n\x1a\n....";
    const unsigned char jpeg[] = "\xff\xd8\xff\xe0..JFIF";
    const unsigned char docx[] = "PK\x03\x04....[Content_Types].xml....word/document.xml....";
    const unsigned char xlsx[] = "PK\x03\x04....xl/workbook.xml....";
    const unsigned char zip[] = "PK\x03\x04....anything.txt....";
    assert_string_equal(analysis_document_type(pdf, sizeof pdf - 1, "Rapport.PDF"), "application/pdf");
    assert_null(analysis_document_type(elf, sizeof elf - 1, "rapport.pdf"));
    assert_null(analysis_document_type(pdf, sizeof pdf - 1, "rapport.exe"));
    assert_string_equal(analysis_document_type(png, sizeof png - 1, "bild.png"), "image/png");
    assert_string_equal(analysis_document_type(jpeg, sizeof jpeg - 1, "foto.jpeg"), "image/jpeg");
    assert_null(analysis_document_type(jpeg, sizeof jpeg - 1, "foto.png"));
    assert_string_equal(analysis_document_type(docx, sizeof docx - 1, "plan.docx"),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assert_string_equal(analysis_document_type(xlsx, sizeof xlsx - 1, "resultat.xlsx"),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_null(analysis_document_type(xlsx, sizeof xlsx - 1, "resultat.docx"));
    assert_null(analysis_document_type(zip, sizeof zip - 1, "arkiv.docx"));
    assert_null(analysis_document_type(pdf, 3, "kort.pdf"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_unit_is_a_preschool_only_when_it_has_no_other_school_form),
        cmocka_unit_test(the_flow_moves_from_state_to_state),
        cmocka_unit_test(a_document_is_what_its_bytes_say_and_its_name_must_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
