/* model.c — the analysis's vocabulary: levels, the four kinds of cause (seed 001), states,
 * and what a document is by its first bytes. */
#include "analyses.h"
#include <string.h>

const char *const analysis_level_keys[] = {"preschool", "school", "organiser", NULL};

const char *analysis_level_label(const char *level)
{
    if (!level)
        return "";
    if (strcmp(level, "preschool") == 0)
        return "Förskoleenhet";
    if (strcmp(level, "school") == 0)
        return "Skolenhet";
    if (strcmp(level, "organiser") == 0)
        return "Huvudmannanivå";
    return level;
}

const char *analysis_level_of_unit(const char *school_forms)
{
    /* A unit with any school form besides the preschool is analysed as a school. */
    static const char *const school_forms_list[] = {",forskoleklass,", ",fritidshem,", ",grundskola,",
                                                    ",anpassad_grundskola,", ",gymnasieskola,",
                                                    ",anpassad_gymnasieskola,", NULL};
    if (!school_forms || !strstr(school_forms, ",forskola,"))
        return "school";
    for (const char *const *f = school_forms_list; *f; f++)
        if (strstr(school_forms, *f))
            return "school";
    return "preschool";
}

const char *const analysis_cause_keys[] = {"organisation", "teaching", "follow_up", "steering", NULL};

const char *analysis_cause_label(const char *kind)
{
    static const char *const labels[] = {"Hur arbetet organiseras", "Hur undervisningen bedrivs",
                                         "Hur beslutsnivåerna följer upp och analyserar",
                                         "Huvudmannens styrning och stöd"};
    for (size_t i = 0; kind && analysis_cause_keys[i]; i++)
        if (strcmp(kind, analysis_cause_keys[i]) == 0)
            return labels[i];
    return kind ? kind : "";
}

const char *analysis_state_label(const char *state)
{
    if (!state)
        return "";
    if (strcmp(state, "draft") == 0)
        return "Utkast";
    if (strcmp(state, "submitted") == 0)
        return "För godkännande";
    if (strcmp(state, "approved") == 0)
        return "Godkänd";
    return state;
}

const char *const analysis_flow_actions[] = {"submit", "approve", "return", "reopen", NULL};

bool analysis_flow_step(const char *action, const char **from, const char **to)
{
    static const char *const steps[][2] = {{"draft", "submitted"}, {"submitted", "approved"}, {"submitted", "draft"},
                                           {"approved", "draft"}};
    for (size_t i = 0; action && analysis_flow_actions[i]; i++)
        if (strcmp(action, analysis_flow_actions[i]) == 0) {
            *from = steps[i][0];
            *to = steps[i][1];
            return true;
        }
    return false;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != suffix[i])
            return false;
    }
    return true;
}

/* A zip archive is a DOCX or an XLSX by the part it holds, looked for in the archive's
 * central directory names (the file names are stored in plain text). */
static bool zip_names(const unsigned char *data, size_t len, const char *part)
{
    size_t k = strlen(part);
    for (size_t i = 0; i + k <= len; i++)
        if (data[i] == (unsigned char)part[0] && memcmp(data + i, part, k) == 0)
            return true;
    return false;
}

const char *analysis_document_type(const unsigned char *data, size_t len, const char *filename)
{
    const char *name = filename ? filename : "";
    if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
        return ends_with(name, ".pdf") ? "application/pdf" : NULL;
    if (len >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        return ends_with(name, ".png") ? "image/png" : NULL;
    if (len >= 3 && memcmp(data, "\xff\xd8\xff", 3) == 0)
        return ends_with(name, ".jpg") || ends_with(name, ".jpeg") ? "image/jpeg" : NULL;
    if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        if (ends_with(name, ".docx") && zip_names(data, len, "word/document.xml"))
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (ends_with(name, ".xlsx") && zip_names(data, len, "xl/workbook.xml"))
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    return NULL;
}
