/* store.c — the university's documents on a case: read in the viewer's scope (through the
 * case), started, written and submitted by the university, decided by the agency; each
 * submission frozen with the decision on it (commission.h). */
#include "commission.h"
#include "../access/access.h"
#include "../base/vec.h"
#include "../universities/universities.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now(void) { return (int64_t)time(NULL); }

#define COLUMNS "d.id, d.case_id, d.university_id, u.name, d.kind, d.term, d.state, d.version, d.content," \
                " d.return_comment, d.submissions, d.created_by, d.created_at, d.saved_by, d.saved_at, d.decided_by," \
                " d.decided_at"

/* The headings' texts from the stored content, in the kind's order. */
static void texts_from(commission_doc_t *d, const char *content, arena_t *a)
{
    json_t *j = json_loads(content ? content : "{}", 0, NULL);
    for (size_t i = 0; i < COMMISSION_MAX_HEADINGS; i++) {
        const char *s = i < d->kind->nheadings ? json_string_value(json_object_get(j, d->kind->headings[i])) : NULL;
        d->texts[i] = arena_strdup(a, s ? s : "");
    }
    json_decref(j);
}

static bool read_doc(db_stmt_t *st, arena_t *a, commission_doc_t *d)
{
    memset(d, 0, sizeof *d);
    d->id = db_col_int(st, 0);
    d->case_id = db_col_int(st, 1);
    d->university_id = db_col_int(st, 2);
    d->university = db_col_str(st, 3, a);
    d->kind = commission_kind(db_col_str(st, 4, a));
    if (!d->kind)
        return false;
    d->term = db_col_str(st, 5, a);
    d->title = commission_title(d->kind, d->term, a);
    d->state = db_col_str(st, 6, a);
    d->version = (int)db_col_int(st, 7);
    texts_from(d, db_col_str(st, 8, a), a);
    d->return_comment = db_col_str(st, 9, a);
    d->submissions = (int)db_col_int(st, 10);
    d->created_by = db_col_str(st, 11, a);
    d->created_at = db_col_int(st, 12);
    d->saved_by = db_col_str(st, 13, a);
    d->saved_at = db_col_int(st, 14);
    d->decided_by = db_col_str(st, 15, a);
    d->decided_at = db_col_int(st, 16);
    return true;
}

size_t commission_list(db_t *db, const case_row_t *c, arena_t *a, commission_doc_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " COLUMNS " FROM commission_documents d JOIN universities u"
                                   " ON u.id = d.university_id WHERE d.case_id = ? ORDER BY u.name,"
                                   " CASE d.kind WHEN 'effort_plan' THEN 0 WHEN 'commission_plan' THEN 1"
                                   " WHEN 'interim' THEN 2 WHEN 'final' THEN 3 ELSE 4 END, d.term");
    db_bind_int(st, 1, c->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        commission_doc_t d;
        if (read_doc(st, a, &d)) {
            d.c = (case_row_t *)c;
            *ARENA_PUSH(a, *out, n, cap) = d;
        }
    }
    db_done(st);
    return n;
}

commission_doc_t *commission_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " COLUMNS " FROM commission_documents d JOIN universities u"
                                   " ON u.id = d.university_id WHERE d.id = ?");
    db_bind_int(st, 1, id);
    commission_doc_t *d = NULL;
    if (db_step(st) == DB_ROW) {
        d = arena_alloc(a, sizeof *d);
        if (!read_doc(st, a, d))
            d = NULL;
    }
    db_done(st);
    /* The document is within reach exactly when its case is. */
    if (d && !(d->c = cases_get(db, v, d->case_id, a)))
        d = NULL;
    return d;
}

int64_t commission_university_of(db_t *db, const viewer_t *v, const case_row_t *c)
{
    if (!access_may(v, CAP_COMMISSION_WRITE) || !v->university || !*v->university)
        return 0;
    int64_t id = universities_id(db, v->university);
    if (!id)
        return 0;
    if (c->university && strcmp(c->university, v->university) == 0)
        return id;
    return db_run_int(db, 0, "SELECT COUNT(*) FROM case_universities WHERE case_id = ? AND university_id = ?", "ii", c->id,
                      id) ? id : 0;
}

bool commission_may_write(db_t *db, const viewer_t *v, const commission_doc_t *d)
{
    bool open = strcmp(d->state, "draft") == 0 || strcmp(d->state, "returned") == 0;
    return open && commission_university_of(db, v, d->c) == d->university_id;
}

bool commission_may_decide(const viewer_t *v, const commission_doc_t *d)
{
    return strcmp(d->state, "submitted") == 0 && access_may(v, CAP_CASE_MOVE);
}

const char *commission_subject(const commission_doc_t *d, arena_t *a)
{
    return arena_printf(a, "commission:%lld", (long long)d->id);
}

/* The texts as stored: an object by heading key. */
static char *content_of(const commission_kind_t *k, const char *const *texts, arena_t *a)
{
    json_t *j = json_object();
    for (size_t i = 0; i < k->nheadings; i++)
        json_object_set_new(j, k->headings[i], json_string(texts[i] ? texts[i] : ""));
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    char *out = arena_strdup(a, s ? s : "{}");
    free(s);
    return out;
}

/* A plan's first heading, prefilled: the action plan's interventions the university
 * carries (by its name, or any university's when the plan names none). */
static const char *interventions_carried(db_t *db, const case_row_t *c, const char *university, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT title, COALESCE(start_date, ''), COALESCE(end_date, ''), goals"
                                   " FROM interventions WHERE case_id = ? AND provider = 'university'"
                                   " AND (provider_name = ? OR provider_name = '') ORDER BY start_date, id");
    db_bind_int(st, 1, c->id);
    db_bind_text(st, 2, university);
    buf_t b = BUF_INIT;
    while (db_step(st) == DB_ROW) {
        buf_printf(&b, "– %s", db_col_str(st, 0, a));
        const char *from = db_col_str(st, 1, a), *to = db_col_str(st, 2, a), *goals = db_col_str(st, 3, a);
        if (*from || *to)
            buf_printf(&b, " (%s–%s)", from, to);
        if (*goals)
            buf_printf(&b, ": %s", goals);
        buf_puts(&b, "\n");
    }
    db_done(st);
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

int64_t commission_create(db_t *db, const viewer_t *v, const case_row_t *c, const char *kind, const char *term,
                          arena_t *a, char **err)
{
    const commission_kind_t *k = commission_kind(kind);
    int64_t university = commission_university_of(db, v, c);
    if (!university) {
        *err = arena_strdup(a, "Bara lärosätet som arbetar i ärendet skriver sina planer och rapporter.");
        return 0;
    }
    if (!k) {
        *err = arena_strdup(a, "Välj vilket slags dokument.");
        return 0;
    }
    if (k->per_term ? !commission_term_valid(term) : term && *term) {
        *err = arena_strdup(a, k->per_term ? "Ange terminen som till exempel 2026VT eller 2026HT." : "Bara delrapporten gäller en termin.");
        return 0;
    }
    term = k->per_term ? term : "";
    if (!tx_begin(db, a, err))
        return 0;
    int64_t id = db_run_int(db, 0, "SELECT id FROM commission_documents WHERE case_id = ? AND university_id = ? AND"
                                   " kind = ? AND term = ?", "iitt", c->id, university, kind, term);
    if (id) {
        tx_finish(db, true, a, err);
        return id;
    }
    const char *texts[COMMISSION_MAX_HEADINGS] = {0};
    if (strcmp(kind, "effort_plan") == 0 || strcmp(kind, "commission_plan") == 0)
        texts[strcmp(kind, "effort_plan") == 0 ? 0 : 1] = interventions_carried(db, c, v->university, a);
    id = db_run_int(db, 0, "INSERT INTO commission_documents (case_id, university_id, kind, term, content, created_by,"
                           " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    "iitttti", c->id, university, kind, term, content_of(k, texts, a), v->name ? v->name : v->email,
                    now());
    bool ok = id && cases_event(db, c->id, "commission", NULL, NULL,
                                arena_printf(a, "%s påbörjad av %s.", commission_title(k, term, a), v->university), v) &&
              tx_audit(db, v, "commission:create", "case", c->id,
                       json_pack("{s:I, s:s, s:s}", "document", (json_int_t)id, "kind", kind, "term", term));
    return tx_finish(db, ok, a, err) ? id : 0;
}

write_result_t commission_save(db_t *db, const viewer_t *v, const commission_doc_t *d, int based_on,
                               const char *const *texts, arena_t *a, char **err)
{
    if (!commission_may_write(db, v, d)) {
        *err = arena_strdup(a, "Du kan inte skriva i dokumentet nu.");
        return WRITE_REFUSED;
    }
    if (!tx_begin(db, a, err))
        return WRITE_REFUSED;
    const char *content = content_of(d->kind, texts, a);
    write_result_t w = db_run_int(db, 0, "UPDATE commission_documents SET content = ?, version = version + 1,"
                                         " saved_by = ?, saved_at = ? WHERE id = ? AND version = ?"
                                         " AND state IN ('draft', 'returned') RETURNING 1",
                                  "ttiii", content, v->name ? v->name : v->email, now(), d->id, (int64_t)based_on)
                           ? WRITE_OK
                           : WRITE_STALE;
    bool ok = w == WRITE_OK && tx_audit(db, v, "commission:save", "case", d->case_id,
                                        json_pack("{s:I, s:i}", "document", (json_int_t)d->id, "version", based_on + 1));
    return tx_finish_write(db, w, ok, a, err);
}

char *commission_snapshot(const commission_doc_t *d, arena_t *a)
{
    json_t *headings = json_array();
    for (size_t i = 0; i < d->kind->nheadings; i++)
        json_array_append_new(headings, json_pack("{s:s, s:s, s:s}", "key", d->kind->headings[i], "title",
                                                  d->kind->titles[i], "text", d->texts[i]));
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o}", "title", d->title, "kind", d->kind->key, "term", d->term,
                          "university", d->university, "headings", headings);
    char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(j);
    char *out = arena_strdup(a, s ? s : "{}");
    free(s);
    return out;
}

const char *const commission_flow_actions[] = {"submit", "accept", "return", NULL};

static bool submit(db_t *db, const viewer_t *v, const commission_doc_t *d, arena_t *a, char **err)
{
    if (!commission_may_write(db, v, d)) {
        *err = arena_strdup(a, "Du kan inte lämna in dokumentet nu.");
        return false;
    }
    const char **missing;
    size_t nm = commission_missing(d->kind, d->texts, a, &missing);
    if (nm) {
        buf_t b = BUF_INIT;
        buf_puts(&b, "Dokumentet kan inte lämnas in än:");
        for (size_t i = 0; i < nm; i++)
            buf_printf(&b, " %s", missing[i]);
        *err = arena_strdup(a, buf_cstr(&b));
        buf_free(&b);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    bool ok = db_run_int(db, 0, "UPDATE commission_documents SET state = 'submitted', submissions = submissions + 1,"
                                " return_comment = '' WHERE id = ? AND version = ? AND state IN ('draft', 'returned')"
                                " RETURNING 1", "ii", d->id, (int64_t)d->version) == 1 &&
              db_run(db, "INSERT INTO commission_document_versions (document_id, submission, content, submitted_by,"
                         " submitted_at) VALUES (?, ?, ?, ?, ?)", "iitti", d->id, (int64_t)(d->submissions + 1),
                     commission_snapshot(d, a), v->name ? v->name : v->email, now()) == DB_DONE &&
              cases_event(db, d->case_id, "commission", NULL, NULL,
                          arena_printf(a, "Inlämnad: %s (%s).", d->title, d->university), v) &&
              tx_audit(db, v, "commission:submit", "case", d->case_id, json_pack("{s:I}", "document", (json_int_t)d->id));
    if (!ok && db_failure(db) == DB_FAIL_NONE) {
        tx_fail(db, a, err, "Någon annan har ändrat dokumentet sedan du öppnade det; läs det och lämna in igen.");
        return false;
    }
    return tx_finish(db, ok, a, err);
}

bool commission_flow(db_t *db, const viewer_t *v, const commission_doc_t *d, const char *action, const char *comment,
                     arena_t *a, char **err)
{
    if (strcmp(action, "submit") == 0)
        return submit(db, v, d, a, err);
    if (!commission_may_decide(v, d)) {
        *err = arena_strdup(a, "Dokumentet väntar inte på ditt beslut.");
        return false;
    }
    bool accept = strcmp(action, "accept") == 0;
    if (!accept && (!comment || !*comment)) {
        *err = arena_strdup(a, "Skriv vad som behöver kompletteras.");
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    const char *by = v->name ? v->name : v->email;
    bool ok = db_run_int(db, 0, "UPDATE commission_documents SET state = ?, return_comment = ?, decided_by = ?,"
                                " decided_at = ? WHERE id = ? AND state = 'submitted' RETURNING 1", "tttii",
                         accept ? "accepted" : "returned", accept ? "" : comment, by, now(), d->id) == 1 &&
              db_run(db, "UPDATE commission_document_versions SET decision = ?, decided_by = ?, decided_at = ?,"
                         " comment = ? WHERE document_id = ? AND submission = ?", "ttitii",
                     accept ? "accepted" : "returned", by, now(), accept ? "" : comment, d->id,
                     (int64_t)d->submissions) == DB_DONE &&
              cases_event(db, d->case_id, "commission", NULL, NULL,
                          arena_printf(a, "%s: %s (%s).", accept ? "Godkänd" : "Återsänd", d->title, d->university), v) &&
              tx_audit(db, v, accept ? "commission:accept" : "commission:return", "case", d->case_id,
                       json_pack("{s:I, s:s}", "document", (json_int_t)d->id, "comment", accept ? "" : comment));
    return tx_finish(db, ok, a, err);
}

size_t commission_submissions(db_t *db, const commission_doc_t *d, arena_t *a, doc_submission_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT submission, submitted_by, submitted_at, decision, decided_by, decided_at,"
                                   " comment, content FROM commission_document_versions WHERE document_id = ?"
                                   " ORDER BY submission");
    db_bind_int(st, 1, d->id);
    return tx_read_submissions(st, false, a, out);
}

size_t commission_submissions_of_case(db_t *db, const case_row_t *c, arena_t *a, doc_submission_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT v.submission, v.submitted_by, v.submitted_at, v.decision, v.decided_by,"
                                   " v.decided_at, v.comment, v.content, v.document_id FROM commission_document_versions v"
                                   " JOIN commission_documents d ON d.id = v.document_id WHERE d.case_id = ?"
                                   " ORDER BY v.document_id, v.submission");
    db_bind_int(st, 1, c->id);
    return tx_read_submissions(st, true, a, out);
}
