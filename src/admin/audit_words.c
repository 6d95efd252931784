/* audit_words.c — one audited change as a reader would say it: the fields that changed,
 * each with its Swedish name and what it was before and after, instead of the stored
 * JSON. Nested values (a year's statistics) are named by their path. */
#include "parts.h"
#include "../register/register.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Field names as the pages call them; a key not listed is shown as it is. */
static const struct {
    const char *key, *label;
} names[] = {
    {"name", "Namn"}, {"email", "E-post"}, {"role", "Roll"}, {"organiser", "Huvudman"}, {"unit", "Enhet"},
    {"university", "Lärosäte"}, {"active", "Aktivt konto"}, {"orgnr", "Organisationsnummer"}, {"code", "Kod"},
    {"kind", "Slag"}, {"number", "Diarienummer"}, {"version", "Version"}, {"note", "Anteckning"},
    {"from", "Från fas"}, {"to", "Till fas"}, {"phase", "Fas"}, {"municipality_code", "Kommunkod"},
    {"county_code", "Länskod"}, {"school_forms", "Skolformer"}, {"grades", "Årskurser"}, {"pupils", "Elever"},
    {"address", "Adress"}, {"postal_town", "Postort"}, {"latitude", "Latitud"}, {"longitude", "Longitud"},
    {"legal_form", "Juridisk form"}, {"team_leader", "Teamledare"}, {"education_leaders", "Utbildningsledare"},
    {"present", "Närvarande"}, {"done", "Klara åtgärder"}, {"text", "Åtgärd"}, {"owner", "Ansvarig"},
    {"level", "Nivå"}, {"decision_date", "Beslutsdatum"}, {"answer_by", "Sista dag för svar"},
    {"reason", "Skäl"}, {"public_reason", "Motivering till huvudmannen"}, {"ranking", "Rangordning"},
    {"status", "Svar"}, {"label", "Namn på nyckeln"}, {"days", "Giltig i dagar"}, {"token", "API-nyckel"},
    {"password", "Lösenord"}, {"tokens_revoked", "Återkallade API-nycklar"}, {"address", "Adress"},
    {"confirmed_running", "Bekräftat pågående samarbete"}, {"user", "Användare"}, {"person", "Person (nummer)"},
};

static const char *label_of(const char *key)
{
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].key, key) == 0)
            return names[i].label;
    /* A statistics variable (merit17) by the name the unit page gives it. */
    const reg_variable_t *v = register_variable(key);
    return v ? v->label : key;
}

/* A statistic without a value carries the reason as its flag. */
static const char *flag_words(const char *s)
{
    if (strcmp(s, "missing") == 0)
        return "saknas";
    if (strcmp(s, "suppressed") == 0)
        return "för få elever för att redovisas";
    if (strcmp(s, "rounded") == 0)
        return "avrundat";
    return s;
}

static void value_text(buf_t *out, json_t *v)
{
    if (!v || json_is_null(v))
        buf_puts(out, "–");
    else if (json_is_string(v))
        buf_puts(out, *json_string_value(v) ? flag_words(json_string_value(v)) : "(tomt)");
    else if (json_is_true(v))
        buf_puts(out, "ja");
    else if (json_is_false(v))
        buf_puts(out, "nej");
    else if (json_is_integer(v))
        buf_printf(out, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) {
        /* Swedish decimals: 212,4 */
        char num[64];
        snprintf(num, sizeof num, "%g", json_real_value(v));
        char *dot = strchr(num, '.');
        if (dot)
            *dot = ',';
        buf_puts(out, num);
    }
    else {
        char *s = json_dumps(v, JSON_COMPACT);
        buf_puts(out, s ? s : "");
        free(s);
    }
}

/* Writes one <li> per field that differs (every field of after when there is no before);
 * objects inside are walked with their key as a prefix. */
static size_t differences(buf_t *o, const char *prefix, json_t *before, json_t *after)
{
    size_t n = 0;
    const char *key;
    json_t *a;
    json_object_foreach(after, key, a) {
        json_t *b = before ? json_object_get(before, key) : NULL;
        char path[320];
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? ": " : "", label_of(key));
        if (json_is_object(a)) {
            n += differences(o, path, json_is_object(b) ? b : NULL, a);
            continue;
        }
        if (b && json_equal(a, b))
            continue;
        buf_t was = BUF_INIT, now = BUF_INIT;
        value_text(&now, a);
        if (before) {
            value_text(&was, b);
            html_printf(o, "<li><strong>%s:</strong> %s → %s</li>", path, buf_cstr(&was), buf_cstr(&now));
        } else {
            html_printf(o, "<li><strong>%s:</strong> %s</li>", path, buf_cstr(&now));
        }
        buf_free(&was);
        buf_free(&now);
        n++;
    }
    return n;
}

void admin_audit_change_html(buf_t *o, const char *before_json, const char *after_json)
{
    json_t *before = before_json ? json_loads(before_json, 0, NULL) : NULL;
    json_t *after = after_json ? json_loads(after_json, 0, NULL) : NULL;
    /* An "after" that carries its own "before" (a user change) is split into the two. */
    if (!before && json_is_object(json_object_get(after, "before"))) {
        before = json_incref(json_object_get(after, "before"));
        json_object_del(after, "before");
    }
    if (!json_is_object(after)) {
        html_lit(o, "–");
    } else {
        html_lit(o, "<ul class=\"changes\">");
        if (!differences(o, "", json_is_object(before) ? before : NULL, after))
            html_lit(o, "<li>Inga ändrade uppgifter.</li>");
        html_lit(o, "</ul>");
    }
    json_decref(before);
    json_decref(after);
}
