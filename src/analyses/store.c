/* store.c — reading analyses: a case's analyses and the slots of its units, one analysis
 * with its sections, problems, causes, comments, documents and frozen versions, and
 * what the viewer may do with it. Every read of an analysis goes through the case's
 * scope and ACCESS_ANALYSIS_SCOPE; the rest take an analysis already read in scope. */
#include "parts.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define ANALYSIS_COLUMNS                                                                                       \
    "y.id, y.case_id, y.unit_id, y.level, y.state, u.name, u.code, o.name, y.version,"                          \
    " COALESCE(sb.name, y.submitted_by), COALESCE(ab.name, y.approved_by), y.approved_at, y.updated_at"         \
    " FROM analyses y JOIN cases c ON c.id = y.case_id JOIN organisers o ON o.id = c.organiser_id"              \
    " LEFT JOIN units u ON u.id = y.unit_id LEFT JOIN users sb ON sb.email = y.submitted_by"                     \
    " LEFT JOIN users ab ON ab.email = y.approved_by"

static void read_analysis(db_stmt_t *st, arena_t *a, analysis_t *y)
{
    y->id = db_col_int(st, 0);
    y->case_id = db_col_int(st, 1);
    y->unit_id = db_col_int0(st, 2);
    y->level = db_col_str(st, 3, a);
    y->state = db_col_str(st, 4, a);
    y->unit_name = db_col_str(st, 5, a);
    y->unit_code = db_col_str(st, 6, a);
    y->organiser = db_col_str(st, 7, a);
    y->version = (int)db_col_int(st, 8);
    y->submitted_by = db_col_str(st, 9, a);
    y->approved_by = db_col_str(st, 10, a);
    y->approved_at = db_col_int0(st, 11);
    y->updated_at = db_col_int0(st, 12);
}

static size_t read_analyses(db_stmt_t *st, arena_t *a, analysis_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_analysis(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

size_t analyses_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, analysis_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ANALYSIS_COLUMNS " WHERE y.case_id = ? AND " ACCESS_ANALYSIS_SCOPE
                                   " ORDER BY y.unit_key <> 0, u.name");
    db_bind_int(st, 1, c->id);
    access_bind_analysis(st, 2, v);
    return read_analyses(st, a, out);
}

analysis_t *analyses_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ANALYSIS_COLUMNS " WHERE y.id = ? AND " ACCESS_ANALYSIS_SCOPE);
    db_bind_int(st, 1, id);
    access_bind_analysis(st, 2, v);
    analysis_t *y;
    size_t n = read_analyses(st, a, &y);
    case_row_t *c = n ? cases_get(db, v, y->case_id, a) : NULL; /* the case's scope decides first */
    if (!c)
        return NULL;
    if (case_out)
        *case_out = c;
    return y;
}

analysis_t *analyses_of_unit(db_t *db, const viewer_t *v, const case_row_t *c, int64_t unit_id, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT " ANALYSIS_COLUMNS " WHERE y.case_id = ? AND y.unit_key = ? AND "
                                   ACCESS_ANALYSIS_SCOPE);
    db_bind_int(st, 1, c->id);
    db_bind_int(st, 2, unit_id);
    access_bind_analysis(st, 3, v);
    analysis_t *y;
    return read_analyses(st, a, &y) ? y : NULL;
}

/* ---- the viewer's reach inside one case, for the slots and the write checks ---- */

void analyses_reach(db_t *db, const viewer_t *v, int64_t case_id, arena_t *a, analysis_reach_t *r)
{
    memset(r, 0, sizeof *r);
    /* The same rule as ACCESS_ANALYSIS_SCOPE, for units that have no analysis yet. */
    r->all = access_may(v, CAP_ANALYSIS_ALL);
    r->head_unit = access_may(v, CAP_GROUP_OWN_UNIT_ONLY) ? v->unit_id : 0;
    r->own_unit = !r->head_unit && access_may(v, CAP_GROUP_OWN_LIST) ? v->unit_id : 0;
    if (r->all || !v->user_id)
        return;
    db_stmt_t *st = db_prepare(db, "SELECT ag.level, ag.unit_id FROM analysis_groups ag JOIN group_members gm"
                                   " ON gm.group_id = ag.id WHERE ag.case_id = ? AND gm.user_id = ?");
    db_bind_int(st, 1, case_id);
    db_bind_int(st, 2, v->user_id);
    size_t cap = 0;
    while (db_step(st) == DB_ROW) {
        const char *level = db_col_text(st, 0);
        if (level && strcmp(level, "administration") == 0)
            r->administration = true;
        else
            *ARENA_PUSH(a, r->member_units, r->nmember_units, cap) = db_col_int0(st, 1);
    }
    db_done(st);
}

bool analyses_reach_reads(const analysis_reach_t *r, int64_t unit_id)
{
    if (r->all || r->administration)
        return true;
    if (r->head_unit && (unit_id == 0 || unit_id == r->head_unit))
        return true;
    if (unit_id && unit_id == r->own_unit)
        return true;
    for (size_t i = 0; unit_id && i < r->nmember_units; i++)
        if (r->member_units[i] == unit_id)
            return true;
    return false;
}

bool analyses_reach_writes(const viewer_t *v, const analysis_reach_t *r, int64_t unit_id)
{
    if (!access_may(v, CAP_ANALYSIS_WRITE))
        return false;
    if (access_may(v, CAP_ANALYSIS_APPROVE_ORGANISER) || r->administration)
        return true; /* the organiser's administration writes every level */
    if (!unit_id)
        return false;
    if (unit_id == r->head_unit || unit_id == r->own_unit)
        return true;
    for (size_t i = 0; i < r->nmember_units; i++)
        if (r->member_units[i] == unit_id)
            return true;
    return false;
}

size_t analyses_of_case_seen(request_t *req, const case_row_t *c, const analysis_t **out)
{
    static const char key = 0;
    size_t n = 0;
    *out = req_memo_get(req, &key, c->id, &n);
    if (*out)
        return n;
    analysis_t *an;
    n = analyses_of_case(req->db, &req->viewer, c, &req->arena, &an);
    req_memo_keep(req, &key, c->id, an, n);
    *out = an;
    return n;
}

size_t analyses_slots(request_t *req, const case_row_t *c, const analysis_reach_t *r, analysis_slot_t **out)
{
    const case_unit_t *u;
    size_t nu = cases_units_of(req, c, &u);
    const analysis_t *y;
    size_t ny = analyses_of_case_seen(req, c, &y);
    analysis_slot_t *s = arena_alloc(&req->arena, (nu + 1) * sizeof *s);
    s[0] = (analysis_slot_t){0, "organiser", "Huvudmannanivå", NULL, analyses_reach_reads(r, 0)};
    for (size_t i = 0; i < nu; i++)
        s[i + 1] = (analysis_slot_t){u[i].unit_id, analysis_level_of_unit(u[i].school_forms), u[i].name, NULL,
                                     analyses_reach_reads(r, u[i].unit_id)};
    for (size_t k = 0; k < ny; k++)
        for (size_t i = 0; i <= nu; i++)
            if (s[i].unit_id == y[k].unit_id)
                s[i].analysis = &y[k];
    *out = s;
    return nu + 1;
}

/* ---- the parts of one analysis ---- */

size_t analyses_sections(db_t *db, const analysis_t *an, arena_t *a, analysis_section_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT s.id, s.position, s.kind, s.title, s.guidance, s.body, s.version,"
                                   " COALESCE(su.name, s.saved_by), s.saved_at FROM analysis_sections s"
                                   " LEFT JOIN users su ON su.email = s.saved_by WHERE s.analysis_id = ?"
                                   " ORDER BY s.position, s.id");
    db_bind_int(st, 1, an->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        analysis_section_t *s = ARENA_PUSH(a, *out, n, cap);
        s->id = db_col_int(st, 0);
        s->position = (int)db_col_int(st, 1);
        s->kind = db_col_str(st, 2, a);
        s->title = db_col_str(st, 3, a);
        s->guidance = db_col_str(st, 4, a);
        s->body = db_col_str(st, 5, a);
        s->version = (int)db_col_int(st, 6);
        s->saved_by = db_col_str(st, 7, a);
        s->saved_at = db_col_int0(st, 8);
    }
    db_done(st);
    return n;
}

size_t analyses_problems(db_t *db, const analysis_t *an, arena_t *a, analysis_problem_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT p.id, p.title, p.result, p.evidence, p.variable, p.version,"
                                   " COALESCE(su.name, p.saved_by), p.saved_at FROM analysis_problems p"
                                   " LEFT JOIN users su ON su.email = p.saved_by WHERE p.analysis_id = ? ORDER BY p.id");
    db_bind_int(st, 1, an->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        analysis_problem_t *p = ARENA_PUSH(a, *out, n, cap);
        p->id = db_col_int(st, 0);
        p->title = db_col_str(st, 1, a);
        p->result = db_col_str(st, 2, a);
        p->evidence = db_col_str(st, 3, a);
        p->variable = db_col_str(st, 4, a);
        p->version = (int)db_col_int(st, 5);
        p->saved_by = db_col_str(st, 6, a);
        p->saved_at = db_col_int0(st, 7);
    }
    db_done(st);
    return n;
}

size_t analyses_causes(db_t *db, const analysis_t *an, arena_t *a, analysis_cause_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, problem_id, kind, text FROM analysis_causes WHERE analysis_id = ?"
                                   " ORDER BY problem_id, id");
    db_bind_int(st, 1, an->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        analysis_cause_t *k = ARENA_PUSH(a, *out, n, cap);
        k->id = db_col_int(st, 0);
        k->problem_id = db_col_int(st, 1);
        k->kind = db_col_str(st, 2, a);
        k->text = db_col_str(st, 3, a);
    }
    db_done(st);
    return n;
}

size_t analyses_comments(db_t *db, const analysis_t *an, arena_t *a, analysis_comment_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT id, section_id, author, body, at FROM analysis_comments"
                                   " WHERE analysis_id = ? ORDER BY at, id");
    db_bind_int(st, 1, an->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        analysis_comment_t *m = ARENA_PUSH(a, *out, n, cap);
        m->id = db_col_int(st, 0);
        m->section_id = db_col_int0(st, 1);
        m->author = db_col_str(st, 2, a);
        m->body = db_col_str(st, 3, a);
        m->at = db_col_int(st, 4);
    }
    db_done(st);
    return n;
}

#define DOCUMENT_COLUMNS "d.id, d.filename, d.media_type, d.sha256, COALESCE(su.name, d.uploaded_by), d.bytes," \
                         " d.uploaded_at"
#define DOCUMENT_FROM " FROM analysis_documents d LEFT JOIN users su ON su.email = d.uploaded_by"

static void read_document(db_stmt_t *st, arena_t *a, analysis_document_t *d)
{
    d->id = db_col_int(st, 0);
    d->filename = db_col_str(st, 1, a);
    d->media_type = db_col_str(st, 2, a);
    d->sha256 = db_col_str(st, 3, a);
    d->uploaded_by = db_col_str(st, 4, a);
    d->bytes = db_col_int(st, 5);
    d->uploaded_at = db_col_int(st, 6);
}

size_t analyses_documents(db_t *db, const analysis_t *an, arena_t *a, analysis_document_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT " DOCUMENT_COLUMNS DOCUMENT_FROM " WHERE d.analysis_id = ? ORDER BY d.id");
    db_bind_int(st, 1, an->id);
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW)
        read_document(st, a, ARENA_PUSH(a, *out, n, cap));
    db_done(st);
    return n;
}

unsigned char *analyses_document_bytes(db_t *db, const analysis_t *an, int64_t document_id, arena_t *a,
                                       analysis_document_t **meta, size_t *len)
{
    db_stmt_t *st = db_prepare(db, "SELECT " DOCUMENT_COLUMNS ", d.content" DOCUMENT_FROM
                                   " WHERE d.id = ? AND d.analysis_id = ?");
    db_bind_int(st, 1, document_id);
    db_bind_int(st, 2, an->id);
    unsigned char *bytes = NULL;
    if (db_step(st) == DB_ROW) {
        analysis_document_t *d = arena_alloc(a, sizeof *d);
        read_document(st, a, d);
        const char *b64 = db_col_text(st, 7);
        size_t blen = b64 ? strlen(b64) : 0;
        bytes = malloc(blen / 4 * 3 + 3);
        if (bytes && sodium_base642bin(bytes, blen / 4 * 3 + 3, b64 ? b64 : "", blen, NULL, len, NULL,
                                       sodium_base64_VARIANT_ORIGINAL) != 0) {
            free(bytes);
            bytes = NULL;
        }
        *meta = d;
    }
    db_done(st);
    return bytes;
}

size_t analyses_versions(db_t *db, const analysis_t *an, arena_t *a, analysis_version_t **out)
{
    db_stmt_t *st = db_prepare(db, "SELECT v.version, v.content, COALESCE(su.name, v.approved_by), v.approved_at"
                                   " FROM analysis_versions v LEFT JOIN users su ON su.email = v.approved_by"
                                   " WHERE v.analysis_id = ? ORDER BY v.version");
    db_bind_int(st, 1, an->id);
    return analyses_read_versions(st, a, out);
}

size_t analyses_read_versions(db_stmt_t *st, arena_t *a, analysis_version_t **out)
{
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        analysis_version_t *x = ARENA_PUSH(a, *out, n, cap);
        x->version = (int)db_col_int(st, 0);
        x->content = db_col_str(st, 1, a);
        x->approved_by = db_col_str(st, 2, a);
        x->approved_at = db_col_int(st, 3);
    }
    db_done(st);
    return n;
}

/* ---- what the viewer may do ---- */

bool analyses_may_write(db_t *db, const viewer_t *v, const analysis_t *an)
{
    return strcmp(an->state, "draft") == 0 && analyses_writer_of(db, v, an);
}

bool analyses_writer_of(db_t *db, const viewer_t *v, const analysis_t *an)
{
    return analyses_writes_for(db, v, an->case_id, an->unit_id);
}

bool analyses_writes_for(db_t *db, const viewer_t *v, int64_t case_id, int64_t unit_id)
{
    if (!access_may(v, CAP_ANALYSIS_WRITE))
        return false;
    arena_t a = ARENA_INIT;
    analysis_reach_t r;
    analyses_reach(db, v, case_id, &a, &r);
    bool ok = analyses_reach_writes(v, &r, unit_id);
    arena_free(&a);
    return ok;
}

analysis_writers_t analyses_writers(db_t *db, const viewer_t *v, int64_t case_id, arena_t *a)
{
    analysis_writers_t w = {0};
    if (!access_may(v, CAP_ANALYSIS_WRITE))
        return w;
    analysis_reach_t r;
    analyses_reach(db, v, case_id, a, &r);
    w.all = access_may(v, CAP_ANALYSIS_APPROVE_ORGANISER) || r.administration;
    int64_t *units = arena_alloc(a, (r.nmember_units + 2) * sizeof *units);
    for (size_t i = 0; i < r.nmember_units; i++)
        units[w.nunits++] = r.member_units[i];
    if (r.head_unit)
        units[w.nunits++] = r.head_unit;
    if (r.own_unit)
        units[w.nunits++] = r.own_unit;
    w.units = units;
    return w;
}

bool analyses_writers_include(const analysis_writers_t *w, int64_t unit_id)
{
    if (w->all)
        return true;
    for (size_t i = 0; unit_id && i < w->nunits; i++)
        if (w->units[i] == unit_id)
            return true;
    return false;
}

bool analyses_approves_for(const viewer_t *v, int64_t unit_id)
{
    if (access_may(v, CAP_ANALYSIS_APPROVE_ORGANISER))
        return true; /* the organiser approves its own level, and a unit's where no head does */
    return unit_id && access_may(v, CAP_ANALYSIS_APPROVE_UNIT) && access_may(v, CAP_GROUP_OWN_UNIT_ONLY) &&
           unit_id == v->unit_id;
}

bool analyses_may_comment(const viewer_t *v)
{
    return access_may(v, CAP_ANALYSIS_COMMENT) || access_may(v, CAP_ANALYSIS_WRITE);
}

bool analyses_may_approve(const viewer_t *v, const analysis_t *an)
{
    return analyses_approves_for(v, an->unit_id);
}

bool analyses_case_done(db_t *db, const case_row_t *c, arena_t *a, const char **missing)
{
    /* Every selected unit and the organiser level, each with an approved analysis. */
    db_stmt_t *st = db_prepare(db, "SELECT u.name FROM case_units cu JOIN units u ON u.id = cu.unit_id"
                                   " WHERE cu.case_id = ? AND NOT EXISTS (SELECT 1 FROM analyses y WHERE"
                                   " y.case_id = cu.case_id AND y.unit_key = cu.unit_id AND y.version > 0)"
                                   " ORDER BY u.name");
    db_bind_int(st, 1, c->id);
    buf_t b = BUF_INIT;
    size_t n = 0;
    while (db_step(st) == DB_ROW) {
        if (n < 3)
            buf_printf(&b, "%s%s", n ? ", " : "", db_col_text(st, 0));
        n++;
    }
    db_done(st);
    if (n > 3)
        buf_printf(&b, " och %zu till", n - 3);
    bool organiser = db_run_int(db, 0, "SELECT 1 FROM analyses WHERE case_id = ? AND unit_key = 0 AND version > 0",
                                "i", c->id) == 1;
    if (!organiser)
        buf_printf(&b, "%shuvudmannanivån", n ? " och " : "");
    *missing = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return n == 0 && organiser;
}

size_t analyses_awaiting_approval(db_t *db, const viewer_t *v, arena_t *a, awaiting_t **out)
{
    /* The organiser approves every level of its own; a head only the own unit's. */
    bool head = access_may(v, CAP_GROUP_OWN_UNIT_ONLY);
    db_stmt_t *st = db_prepare(db, "SELECT y.id, 0, COALESCE(u.name, ''), o.name, y.unit_key FROM analyses y"
                                   " JOIN cases c ON c.id = y.case_id JOIN organisers o ON o.id = c.organiser_id"
                                   " LEFT JOIN units u ON u.id = y.unit_id WHERE y.state = 'submitted' AND (? = 0 OR"
                                   " y.unit_id = ?) AND " ACCESS_CASE_SCOPE " AND " ACCESS_ANALYSIS_SCOPE
                                   " UNION ALL SELECT y.id, 1, COALESCE(u.name, ''), o.name, y.unit_key FROM plans y"
                                   " JOIN cases c ON c.id = y.case_id JOIN organisers o ON o.id = c.organiser_id"
                                   " LEFT JOIN units u ON u.id = y.unit_id WHERE y.state = 'submitted' AND (? = 0 OR"
                                   " y.unit_id = ?) AND " ACCESS_CASE_SCOPE " AND " ACCESS_ANALYSIS_SCOPE
                                   " ORDER BY 4, 5, 2 LIMIT 50");
    int i = 1;
    for (int k = 0; k < 2; k++) {
        db_bind_int(st, i++, head ? 1 : 0);
        db_bind_int(st, i++, head ? v->unit_id : 0);
        i = access_bind_case(st, i, v);
        i = access_bind_analysis(st, i, v);
    }
    size_t n = 0, cap = 0;
    *out = NULL;
    while (db_step(st) == DB_ROW) {
        awaiting_t *w = ARENA_PUSH(a, *out, n, cap);
        w->id = db_col_int(st, 0);
        w->plan = db_col_int(st, 1) != 0;
        w->unit = db_col_str(st, 2, a);
        w->organiser = db_col_str(st, 3, a);
    }
    db_done(st);
    return n;
}
