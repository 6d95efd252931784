/* store.c — the questionnaires and the question bank, for the agency's analysts
 * (surveys.h). */
#include "surveys.h"
#include "../access/access.h"
#include "../base/vec.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

static const char *by(const viewer_t *v)
{
    return v->name && *v->name ? v->name : v->email;
}

static size_t read_surveys(db_stmt_t *st, arena_t *a, survey_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        survey_t *s = ARENA_PUSH(a, *out, n, cap);
        s->id = db_col_int(st, 0);
        s->title = db_col_str(st, 1, a);
        s->year = (int)db_col_int(st, 2);
        s->anonymous = db_col_int(st, 3) != 0;
        s->intro = db_col_str(st, 4, a);
        s->state = db_col_str(st, 5, a);
        s->sections = (int)db_col_int(st, 6);
        s->items = (int)db_col_int(st, 7);
    }
    db_done(st);
    return n;
}

#define SURVEY_COLUMNS "s.id, s.title, s.year, s.anonymous, s.intro, s.state," \
    " (SELECT COUNT(*) FROM survey_sections x WHERE x.survey_id = s.id)," \
    " (SELECT COUNT(*) FROM survey_items i WHERE i.survey_id = s.id)"

/* Those who build see every survey; the rest of the agency the opened ones; an
 * organiser's users the opened ones its people were invited to. */
#define SURVEY_SCOPE "(? = 1 OR (s.state <> 'draft' AND (? = 1 OR EXISTS (SELECT 1 FROM survey_invitations v" \
    " WHERE v.survey_id = s.id AND v.organiser_id = ?))))"

static void bind_scope(db_stmt_t *st, const viewer_t *v)
{
    db_bind_int(st, 1, access_may(v, CAP_SURVEY_BUILD));
    db_bind_int(st, 2, access_may(v, CAP_SURVEY_ALL));
    db_bind_int(st, 3, v->organiser_id > 0 ? v->organiser_id : -1);
}

size_t surveys_list(db_t *db, const viewer_t *v, arena_t *a, survey_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_SURVEY_RESULTS) && !access_may(v, CAP_SURVEY_BUILD))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT " SURVEY_COLUMNS " FROM surveys s WHERE " SURVEY_SCOPE
                                   " ORDER BY s.year DESC, s.title");
    bind_scope(st, v);
    return read_surveys(st, a, out);
}

survey_t *surveys_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    if (!access_may(v, CAP_SURVEY_RESULTS) && !access_may(v, CAP_SURVEY_BUILD))
        return NULL;
    db_stmt_t *st = db_prepare(db, "SELECT " SURVEY_COLUMNS " FROM surveys s WHERE " SURVEY_SCOPE " AND s.id = ?");
    bind_scope(st, v);
    db_bind_int(st, 4, id);
    survey_t *s;
    return read_surveys(st, a, &s) == 1 ? s : NULL;
}

size_t surveys_sections(db_t *db, const survey_t *s, arena_t *a, survey_section_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, position, title FROM survey_sections WHERE survey_id = ? ORDER BY position");
    db_bind_int(st, 1, s->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        survey_section_t *x = ARENA_PUSH(a, *out, n, cap);
        x->id = db_col_int(st, 0);
        x->position = (int)db_col_int(st, 1);
        x->title = db_col_str(st, 2, a);
    }
    db_done(st);
    return n;
}

static void read_question(db_stmt_t *st, int c, arena_t *a, question_t *q)
{
    q->id = db_col_int(st, c);
    q->kind = db_col_str(st, c + 1, a);
    q->text = db_col_str(st, c + 2, a);
    q->options = db_col_str(st, c + 3, a);
    q->has_range = !db_col_is_null(st, c + 4);
    q->min = (int)db_col_int0(st, c + 4);
    q->max = (int)db_col_int0(st, c + 5);
    q->years = "";
}

size_t surveys_items(db_t *db, const survey_t *s, arena_t *a, survey_item_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT i.id, i.section_id, i.position, i.required, q.id, q.kind, q.text, q.options,"
                                   " q.min_value, q.max_value FROM survey_items i JOIN question_bank q"
                                   " ON q.id = i.question_id JOIN survey_sections x ON x.id = i.section_id"
                                   " WHERE i.survey_id = ? ORDER BY x.position, i.position");
    db_bind_int(st, 1, s->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        survey_item_t *x = ARENA_PUSH(a, *out, n, cap);
        x->id = db_col_int(st, 0);
        x->section_id = db_col_int(st, 1);
        x->position = (int)db_col_int(st, 2);
        x->required = db_col_int(st, 3) != 0;
        read_question(st, 4, a, &x->q);
    }
    db_done(st);
    return n;
}

size_t surveys_bank(db_t *db, const viewer_t *v, arena_t *a, question_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_SURVEY_BUILD))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT id, kind, text, options, min_value, max_value FROM question_bank"
                                   " ORDER BY text, id");
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW)
        read_question(st, 0, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    /* The years each question was asked, in one read. */
    st = db_prepare(db, "SELECT DISTINCT i.question_id, s.year FROM survey_items i JOIN surveys s ON s.id = i.survey_id"
                        " ORDER BY i.question_id, s.year");
    while (db_step(st) == DB_ROW)
        for (size_t k = 0; k < n; k++)
            if ((*out)[k].id == db_col_int(st, 0))
                (*out)[k].years = arena_printf(a, "%s%s%lld", (*out)[k].years, *(*out)[k].years ? ", " : "",
                                               (long long)db_col_int(st, 1));
    db_done(st);
    return n;
}

static bool builder(const viewer_t *v, arena_t *a, char **err)
{
    if (access_may(v, CAP_SURVEY_BUILD))
        return true;
    *err = arena_strdup(a, "Enkäterna byggs av Skolverkets analytiker.");
    return false;
}

static bool refuse(arena_t *a, const char **field, char **err, const char *f, const char *msg)
{
    *field = f;
    *err = arena_strdup(a, msg);
    return false;
}

int64_t surveys_create(db_t *db, const viewer_t *v, const char *title, int year, bool anonymous, const char *intro,
                       arena_t *a, const char **field, char **err)
{
    *field = NULL;
    if (!builder(v, a, err))
        return 0;
    if (!title || !*title)
        return refuse(a, field, err, "title", "Ge enkäten en rubrik.");
    if (year < 2015 || year > 2100)
        return refuse(a, field, err, "year", "Ange året enkäten gäller.");
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO surveys (title, year, anonymous, intro, created_by, created_at)"
                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                            "tiitti", title, (int64_t)year, (int64_t)anonymous, intro ? intro : "", by(v), now());
    bool ok = id && tx_audit(db, v, "survey:create", "survey", id,
                             json_pack("{s:s, s:i, s:b}", "title", title, "year", year, "anonymous", anonymous));
    return tx_finish(db, ok, a, err) ? id : 0;
}

int64_t surveys_add_section(db_t *db, const viewer_t *v, const survey_t *s, const char *title, arena_t *a, char **err)
{
    if (!builder(v, a, err))
        return 0;
    if (strcmp(s->state, "draft") != 0) {
        *err = arena_strdup(a, "Enkäten är redan utskickad; den ändras inte längre.");
        return 0;
    }
    if (!title || !*title) {
        *err = arena_strdup(a, "Ge avsnittet en rubrik.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "INSERT INTO survey_sections (survey_id, position, title) SELECT ?,"
                                   " COALESCE(MAX(position), 0) + 1, ? FROM survey_sections WHERE survey_id = ?"
                                   " RETURNING id", "iti", s->id, title, s->id);
    bool ok = id && tx_audit(db, v, "survey:section", "survey", s->id, json_pack("{s:s}", "title", title));
    return tx_finish(db, ok, a, err) ? id : 0;
}

static bool is_kind(const char *k)
{
    for (int i = 0; survey_kind_keys[i]; i++)
        if (k && strcmp(k, survey_kind_keys[i]) == 0)
            return true;
    return false;
}

/* The number of non-empty lines. */
static int lines_of(const char *s)
{
    int n = 0;
    bool content = false;
    for (; *s; s++) {
        if (*s == '\n') {
            n += content;
            content = false;
        } else if (*s != ' ' && *s != '\r' && *s != '\t') {
            content = true;
        }
    }
    return n + content;
}

int64_t surveys_bank_add(db_t *db, const viewer_t *v, const char *kind, const char *text, const char *options,
                         const char *min, const char *max, arena_t *a, const char **field, char **err)
{
    *field = NULL;
    if (!builder(v, a, err))
        return 0;
    if (!is_kind(kind))
        return refuse(a, field, err, "kind", "Välj slag av fråga.");
    if (!text || !*text)
        return refuse(a, field, err, "text", "Skriv frågan.");
    bool choice = strcmp(kind, "single") == 0 || strcmp(kind, "multiple") == 0;
    if (choice && lines_of(options ? options : "") < 2)
        return refuse(a, field, err, "options", "Skriv minst två svarsalternativ, ett per rad.");
    bool number = strcmp(kind, "number") == 0;
    char *e1 = NULL, *e2 = NULL;
    long lo = number ? strtol(min ? min : "", &e1, 10) : 0, hi = number ? strtol(max ? max : "", &e2, 10) : 0;
    if (number && (!min || !*min || *e1 || !max || !*max || *e2 || lo >= hi))
        return refuse(a, field, err, "min", "Ange lägsta och högsta tillåtna tal, det lägsta mindre än det högsta.");
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = number ? db_run_int(db, 0, "INSERT INTO question_bank (kind, text, options, min_value, max_value,"
                                            " created_by, created_at) VALUES (?, ?, '', ?, ?, ?, ?) RETURNING id",
                                     "ttiiti", kind, text, (int64_t)lo, (int64_t)hi, by(v), now())
                        : db_run_int(db, 0, "INSERT INTO question_bank (kind, text, options, created_by, created_at)"
                                            " VALUES (?, ?, ?, ?, ?) RETURNING id",
                                     "tttti", kind, text, choice ? options : "", by(v), now());
    bool ok = id && tx_audit(db, v, "survey:question", "survey", 0, json_pack("{s:I, s:s, s:s}", "question",
                                                                              (json_int_t)id, "kind", kind, "text", text));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool surveys_add_item(db_t *db, const viewer_t *v, const survey_t *s, int64_t section_id, int64_t question_id,
                      bool required, arena_t *a, const char **field, char **err)
{
    *field = NULL;
    if (!builder(v, a, err))
        return false;
    if (strcmp(s->state, "draft") != 0)
        return refuse(a, field, err, "question", "Enkäten är redan utskickad; den ändras inte längre.");
    if (!tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT COUNT(*) FROM survey_sections WHERE id = ? AND survey_id = ?", "ii", section_id,
                    s->id) ||
        !db_run_int(db, 0, "SELECT COUNT(*) FROM question_bank WHERE id = ?", "i", question_id)) {
        *field = "section";
        tx_fail(db, a, err, "Välj ett avsnitt i enkäten och en fråga ur banken.");
        return false;
    }
    if (db_run_int(db, 0, "SELECT COUNT(*) FROM survey_items WHERE survey_id = ?", "i", s->id) >= SURVEY_MAX_ITEMS) {
        *field = "question";
        tx_fail(db, a, err, "En enkät har högst 40 frågor.");
        return false;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO survey_items (survey_id, section_id, question_id, position, required)"
                                   " SELECT ?, ?, ?, COALESCE(MAX(position), 0) + 1, ? FROM survey_items"
                                   " WHERE section_id = ? ON CONFLICT (survey_id, question_id) DO NOTHING RETURNING id",
                            "iiiii", s->id, section_id, question_id, (int64_t)required, section_id);
    if (!id) {
        *field = "question";
        tx_fail(db, a, err, "Frågan finns redan i enkäten.");
        return false;
    }
    bool ok = tx_audit(db, v, "survey:item", "survey", s->id,
                       json_pack("{s:I, s:I}", "section", (json_int_t)section_id, "question", (json_int_t)question_id));
    return tx_finish(db, ok, a, err);
}
