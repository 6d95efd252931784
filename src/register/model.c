/* model.c — the register's vocabulary: school forms, organiser kinds, variables. */
#include "register.h"
#include "../base/buf.h"
#include "../base/text.h"
#include <string.h>

static const char *const form_labels[SCHOOL_FORM_COUNT] = {
    "Förskola", "Förskoleklass", "Fritidshem", "Grundskola", "Anpassad grundskola",
    "Gymnasieskola", "Anpassad gymnasieskola",
};

const char *const register_form_keys[] = {
    "forskola", "forskoleklass", "fritidshem", "grundskola", "anpassad_grundskola",
    "gymnasieskola", "anpassad_gymnasieskola", NULL,
};

const char *register_form_key(int index)
{
    return index >= 0 && index < SCHOOL_FORM_COUNT ? register_form_keys[index] : NULL;
}

const char *register_form_label_by_key(const char *key)
{
    for (int i = 0; i < SCHOOL_FORM_COUNT; i++)
        if (strcmp(register_form_keys[i], key) == 0)
            return form_labels[i];
    return key;
}

char *register_forms_text(arena_t *a, unsigned forms)
{
    buf_t b = BUF_INIT;
    for (int i = 0; i < SCHOOL_FORM_COUNT; i++)
        if (forms & (1u << i))
            buf_printf(&b, ",%s", register_form_keys[i]);
    if (b.len)
        buf_putc(&b, ',');
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

unsigned register_forms_parse(const char *text)
{
    unsigned forms = 0;
    if (!text)
        return 0;
    for (int i = 0; i < SCHOOL_FORM_COUNT; i++) {
        char key[64];
        size_t n = strlen(register_form_keys[i]);
        key[0] = ',';
        memcpy(key + 1, register_form_keys[i], n);
        key[n + 1] = ',';
        key[n + 2] = '\0';
        if (strstr(text, key))
            forms |= 1u << i;
    }
    return forms;
}

char *register_forms_label(arena_t *a, const char *text)
{
    unsigned forms = register_forms_parse(text);
    buf_t b = BUF_INIT;
    for (int i = 0; i < SCHOOL_FORM_COUNT; i++) {
        if (!(forms & (1u << i)))
            continue;
        if (b.len) {
            buf_puts(&b, ", ");
            /* Later forms in lower case: "Grundskola, förskoleklass". */
            const char *l = form_labels[i];
            buf_t low = BUF_INIT;
            text_fold(&low, l);
            buf_puts(&b, buf_cstr(&low));
            buf_free(&low);
        } else {
            buf_puts(&b, form_labels[i]);
        }
    }
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

const char *const register_kind_keys[] = {"kommunal", "enskild", "statlig", "region", NULL};

const char *register_kind_label(const char *kind)
{
    if (!kind) return "";
    if (strcmp(kind, "kommunal") == 0) return "Kommunal";
    if (strcmp(kind, "enskild") == 0) return "Enskild";
    if (strcmp(kind, "statlig") == 0) return "Statlig";
    if (strcmp(kind, "region") == 0) return "Region";
    return kind;
}

const char *register_kind_from_text(const char *text)
{
    static const struct { const char *text, *key; } map[] = {
        {"kommunal", "kommunal"}, {"kommun", "kommunal"}, {"enskild", "enskild"},
        {"fristående", "enskild"}, {"statlig", "statlig"}, {"region", "region"},
        {"landsting", "region"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (text_equal_folded(text, map[i].text))
            return map[i].key;
    return NULL;
}

const reg_variable_t register_variables[] = {
    {"merit17", "Genomsnittligt meritvärde (17 ämnen)", "", 1},
    {"pass_all", "Uppnått betygskriterierna i alla ämnen", "%", 1},
    {"eligible_voc", "Behöriga till yrkesprogram", "%", 1},
    {"pupils_grade9", "Elever i årskurs 9 med slutbetyg", "", 0},
    {"foreign_bg", "Elever med utländsk bakgrund (åk 1–9)", "%", 1},
    {"parents_post_sec", "Elever med föräldrar med eftergymnasial utbildning (åk 1–9)", "%", 1},
    {"pupils_fk", "Elever i förskoleklass", "", 0},
    {"pupils_1_9", "Elever i årskurs 1–9", "", 0},
    {"pupils_grundskola", "Elever i grundskolan (Skolenhetsregistret)", "", 0},
    {"pupils_gymnasieskola", "Elever i gymnasieskolan (Skolenhetsregistret)", "", 0},
    {"children", "Inskrivna barn", "", 0},
    {"groups", "Barngrupper", "", 0},
    {"fte_staff", "Heltidstjänster", "", 1},
    {"degree_share", "Personal med förskollärarexamen", "%", 1},
    {"licensed_share", "Personal med förskollärarlegitimation", "%", 1},
    {"children_per_staff", "Barn per heltidstjänst", "", 1},
    {NULL, NULL, NULL, 0},
};

const reg_variable_t *register_variable(const char *key)
{
    for (const reg_variable_t *v = register_variables; v->key; v++)
        if (strcmp(v->key, key) == 0)
            return v;
    return NULL;
}

char *register_orgnr_display(arena_t *a, const char *orgnr)
{
    if (!orgnr || strlen(orgnr) != 10)
        return arena_strdup(a, orgnr ? orgnr : "");
    return arena_printf(a, "%.6s-%.4s", orgnr, orgnr + 6);
}
