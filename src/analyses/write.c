/* write.c — changing analyses, each in the write idiom: begin, refuse what the viewer may
 * not do or the state does not allow, write with audit, finish. An analysis is written
 * while it is a draft; sent for approval it waits for the head or the organiser; approved
 * it is frozen as a version and read-only until it is opened for the next version. */
#include "parts.h"
#include "../db/outbox.h"
#include "../register/register.h"
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int64_t now(void)
{
    return (int64_t)time(NULL);
}

/* Refuses (rolling back) unless the viewer may write this analysis now. */
static bool writable(db_t *db, const viewer_t *v, const analysis_t *an, arena_t *a, char **err)
{
    if (strcmp(an->state, "draft") != 0) {
        *err = arena_strdup(a, strcmp(an->state, "approved") == 0
                                   ? "Analysen är godkänd och kan inte ändras. Öppna en ny version för att ändra den."
                                   : "Analysen väntar på godkännande och kan inte ändras just nu.");
        return false;
    }
    if (!analyses_may_write(db, v, an)) {
        *err = arena_strdup(a, "Du får inte skriva i den här analysen.");
        return false;
    }
    return true;
}

static bool touch(db_t *db, const analysis_t *an)
{
    return db_run(db, "UPDATE analyses SET updated_at = ? WHERE id = ?", "ii", now(), an->id) == DB_DONE;
}

int64_t analyses_start(db_t *db, const viewer_t *v, const case_row_t *c, int64_t unit_id, arena_t *a, char **err)
{
    const char *level = "organiser";
    if (unit_id) {
        case_unit_t *u;
        size_t n = cases_units(db, c, a, &u);
        level = NULL;
        for (size_t i = 0; i < n; i++)
            if (u[i].unit_id == unit_id)
                level = analysis_level_of_unit(u[i].school_forms);
        if (!level) {
            *err = arena_strdup(a, "Enheten är inte vald i ärendet.");
            return 0;
        }
    }
    analysis_reach_t r;
    analyses_reach(db, v, c->id, a, &r);
    if (!analyses_reach_writes(v, &r, unit_id)) {
        *err = arena_strdup(a, "Du får inte påbörja den här analysen.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    if (db_run_int(db, 0, "SELECT 1 FROM analyses WHERE case_id = ? AND unit_key = ?", "ii", c->id, unit_id)) {
        tx_fail(db, a, err, "Analysen är redan påbörjad.");
        return 0;
    }
    int64_t t = now();
    int64_t id = db_run_int(db, 0, "INSERT INTO analyses (case_id, level, unit_id, unit_key, created_by, created_at,"
                                   " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "itziti" "i", c->id, level, unit_id, unit_id, v->email, t, t);
    bool ok = id > 0 &&
              db_run(db, "INSERT INTO analysis_sections (analysis_id, position, kind, title, guidance)"
                         " SELECT ?, position, kind, title, guidance FROM analysis_headings WHERE level = ? AND active = 1",
                     "it", id, level) == DB_DONE &&
              tx_audit(db, v, "analysis:start", "analysis", id,
                       json_pack("{s:I, s:s, s:I}", "case", (json_int_t)c->id, "level", level, "unit",
                                 (json_int_t)unit_id));
    return tx_finish(db, ok, a, err) ? id : 0;
}

/* The stale idiom: an UPDATE … AND version = ? that changed nothing is a crossing save
 * when the database answered, a failure when it did not. */
static write_result_t crossed(db_t *db, arena_t *a, char **err, const char *what)
{
    bool failed = db_failure(db) != DB_FAIL_NONE;
    if (failed)
        tx_finish(db, false, a, err);
    else
        tx_fail(db, a, err, what);
    return failed ? WRITE_REFUSED : WRITE_STALE;
}

write_result_t analyses_save_section(db_t *db, const viewer_t *v, const analysis_t *an, int64_t section_id,
                                     int based_on, const char *body, arena_t *a, char **err)
{
    if (!writable(db, v, an, a, err) || !tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (!db_run_int(db, 0, "UPDATE analysis_sections SET body = ?, version = version + 1, saved_by = ?, saved_at = ?"
                           " WHERE id = ? AND analysis_id = ? AND version = ? RETURNING id",
                    "ttiiii", body ? body : "", v->email, now(), section_id, an->id, (int64_t)based_on)) {
        if (!db_run_int(db, 0, "SELECT 1 FROM analysis_sections WHERE id = ? AND analysis_id = ?", "ii", section_id,
                        an->id)) {
            tx_fail(db, a, err, "Rubriken finns inte i analysen.");
            return WRITE_REFUSED;
        }
        return crossed(db, a, err, "Någon annan har sparat avsnittet medan du skrev; inget skrevs över.");
    }
    bool ok = touch(db, an) && tx_audit(db, v, "analysis:section", "analysis", an->id,
                                        json_pack("{s:I, s:i}", "section", (json_int_t)section_id, "version",
                                                  based_on + 1));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

static bool known_variable(const char *variable)
{
    return !variable || !*variable || register_variable(variable) != NULL;
}

int64_t analyses_add_problem(db_t *db, const viewer_t *v, const analysis_t *an, const char *title,
                             const char *result, const char *evidence, const char *variable, arena_t *a, char **err)
{
    if (!known_variable(variable)) {
        *err = arena_strdup(a, "Okänt statistikmått.");
        return 0;
    }
    if (!writable(db, v, an, a, err) || !tx_begin(db, a, err))
        return 0;
    int64_t t = now();
    int64_t id = db_run_int(db, 0, "INSERT INTO analysis_problems (analysis_id, title, result, evidence, variable,"
                                   " saved_by, saved_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                            "itttttii", an->id, title, result ? result : "", evidence ? evidence : "",
                            variable ? variable : "", v->email, t, t);
    bool ok = id > 0 && touch(db, an) &&
              tx_audit(db, v, "analysis:problem", "analysis", an->id, json_pack("{s:I, s:s}", "problem", (json_int_t)id,
                                                                                "title", title));
    return tx_finish(db, ok, a, err) ? id : 0;
}

write_result_t analyses_edit_problem(db_t *db, const viewer_t *v, const analysis_t *an, int64_t problem_id,
                                     int based_on, const char *title, const char *result, const char *evidence,
                                     const char *variable, arena_t *a, char **err)
{
    if (!known_variable(variable)) {
        *err = arena_strdup(a, "Okänt statistikmått.");
        return WRITE_REFUSED;
    }
    if (!writable(db, v, an, a, err) || !tx_begin(db, a, err))
        return WRITE_REFUSED;
    if (!db_run_int(db, 0, "UPDATE analysis_problems SET title = ?, result = ?, evidence = ?, variable = ?,"
                           " version = version + 1, saved_by = ?, saved_at = ? WHERE id = ? AND analysis_id = ?"
                           " AND version = ? RETURNING id",
                    "tttttiiii", title, result ? result : "", evidence ? evidence : "", variable ? variable : "",
                    v->email, now(), problem_id, an->id, (int64_t)based_on)) {
        if (!db_run_int(db, 0, "SELECT 1 FROM analysis_problems WHERE id = ? AND analysis_id = ?", "ii", problem_id,
                        an->id)) {
            tx_fail(db, a, err, "Problemet finns inte i analysen.");
            return WRITE_REFUSED;
        }
        return crossed(db, a, err, "Någon annan har sparat problemet medan du skrev; inget skrevs över.");
    }
    bool ok = touch(db, an) && tx_audit(db, v, "analysis:problem_edit", "analysis", an->id,
                                        json_pack("{s:I, s:s}", "problem", (json_int_t)problem_id, "title", title));
    return tx_finish(db, ok, a, err) ? WRITE_OK : WRITE_REFUSED;
}

bool analyses_remove_problem(db_t *db, const viewer_t *v, const analysis_t *an, int64_t problem_id, arena_t *a,
                             char **err)
{
    if (!writable(db, v, an, a, err) || !tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM analysis_problems WHERE id = ? AND analysis_id = ?", "ii", problem_id,
                    an->id))
        return tx_fail(db, a, err, "Problemet finns inte i analysen.");
    if (db_run_int(db, 0, "SELECT 1 FROM intervention_links WHERE problem_id = ? LIMIT 1", "i", problem_id))
        return tx_fail(db, a, err, "En insats i åtgärdsplanen svarar mot problemet; ta bort kopplingen där först.");
    bool ok = db_run(db, "DELETE FROM plan_unanswered WHERE problem_id = ?", "i", problem_id) == DB_DONE &&
              db_run(db, "DELETE FROM analysis_causes WHERE problem_id = ?", "i", problem_id) == DB_DONE &&
              db_run(db, "DELETE FROM analysis_problems WHERE id = ?", "i", problem_id) == DB_DONE && touch(db, an) &&
              tx_audit(db, v, "analysis:problem_remove", "analysis", an->id,
                       json_pack("{s:I}", "problem", (json_int_t)problem_id));
    return tx_finish(db, ok, a, err);
}

int64_t analyses_add_cause(db_t *db, const viewer_t *v, const analysis_t *an, int64_t problem_id, const char *kind,
                           const char *text, arena_t *a, char **err)
{
    if (!writable(db, v, an, a, err) || !tx_begin(db, a, err))
        return 0;
    if (!db_run_int(db, 0, "SELECT 1 FROM analysis_problems WHERE id = ? AND analysis_id = ?", "ii", problem_id,
                    an->id)) {
        tx_fail(db, a, err, "Problemet finns inte i analysen.");
        return 0;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO analysis_causes (problem_id, analysis_id, kind, text, created_at)"
                                   " VALUES (?, ?, ?, ?, ?) RETURNING id",
                            "iitti", problem_id, an->id, kind, text, now());
    bool ok = id > 0 && touch(db, an) &&
              tx_audit(db, v, "analysis:cause", "analysis", an->id,
                       json_pack("{s:I, s:s, s:s}", "problem", (json_int_t)problem_id, "kind", kind, "text", text));
    return tx_finish(db, ok, a, err) ? id : 0;
}

bool analyses_remove_cause(db_t *db, const viewer_t *v, const analysis_t *an, int64_t cause_id, arena_t *a,
                           char **err)
{
    if (!writable(db, v, an, a, err) || !tx_begin(db, a, err))
        return false;
    if (!db_run_int(db, 0, "SELECT 1 FROM analysis_causes WHERE id = ? AND analysis_id = ?", "ii", cause_id, an->id))
        return tx_fail(db, a, err, "Orsaken finns inte i analysen.");
    if (db_run_int(db, 0, "SELECT 1 FROM intervention_links WHERE cause_id = ? LIMIT 1", "i", cause_id))
        return tx_fail(db, a, err, "En insats i åtgärdsplanen svarar mot orsaken; ta bort kopplingen där först.");
    bool ok = db_run(db, "DELETE FROM analysis_causes WHERE id = ?", "i", cause_id) == DB_DONE && touch(db, an) &&
              tx_audit(db, v, "analysis:cause_remove", "analysis", an->id,
                       json_pack("{s:I}", "cause", (json_int_t)cause_id));
    return tx_finish(db, ok, a, err);
}

/* Everyone who writes the analysis and has an address, except the one who wrote the
 * comment: the members of the unit's group and of the administration's, the organiser's
 * users and the unit's head. For a writer's comment, the case's process supporters. */
static bool notify(db_t *db, const viewer_t *v, const analysis_t *an, int64_t comment_id, const char *body,
                   bool to_supporters, arena_t *a)
{
    db_stmt_t *st = to_supporters
        ? db_prepare(db, "SELECT DISTINCT p.user_id, u.email FROM case_people p JOIN users u ON u.id = p.user_id"
                         " WHERE p.case_id = ? AND p.role = 'supporter' AND u.active = 1 AND ? >= 0")
        : db_prepare(db, "SELECT DISTINCT 0, gm.email FROM analysis_groups ag JOIN group_members gm ON gm.group_id = ag.id"
                         " WHERE ag.case_id = ? AND gm.email <> '' AND (ag.level = 'administration' OR ag.unit_id = ?)"
                         " UNION SELECT u.id, u.email FROM users u JOIN cases c ON c.organiser_id = u.organiser_id"
                         " WHERE c.id = ? AND u.active = 1 AND (u.role = 'organiser' OR (u.role = 'head' AND u.unit_id = ?))");
    db_bind_int(st, 1, an->case_id);
    db_bind_int(st, 2, an->unit_id);
    if (!to_supporters) {
        db_bind_int(st, 3, an->case_id);
        db_bind_int(st, 4, an->unit_id);
    }
    const char *what = an->unit_id ? arena_printf(a, "%s (%s)", an->unit_name, an->organiser)
                                   : arena_printf(a, "%s, huvudmannanivå", an->organiser);
    const char *subject = arena_printf(a, "Ny kommentar i nulägesanalysen för %s", what);
    const char *text = arena_printf(a, "%s skrev i nulägesanalysen för %s:\n\n%s\n\nLäs och svara i Samverkan: "
                                       "/analyses/%lld\n", v->name ? v->name : v->email, what, body, (long long)an->id);
    return outbox_queue_each(db, st, arena_printf(a, "analysis-comment:%lld:", (long long)comment_id), v->email, subject,
                             text, a);
}

int64_t analyses_add_comment(db_t *db, const viewer_t *v, const analysis_t *an, int64_t section_id,
                             const char *body, arena_t *a, char **err)
{
    bool writer = access_may(v, CAP_ANALYSIS_WRITE);
    if (!analyses_may_comment(v) || (writer && !analyses_writer_of(db, v, an))) {
        *err = arena_strdup(a, "Du får inte kommentera den här analysen.");
        return 0;
    }
    if (!tx_begin(db, a, err))
        return 0;
    if (section_id && !db_run_int(db, 0, "SELECT 1 FROM analysis_sections WHERE id = ? AND analysis_id = ?", "ii",
                                  section_id, an->id)) {
        tx_fail(db, a, err, "Rubriken finns inte i analysen.");
        return 0;
    }
    int64_t id = db_run_int(db, 0, "INSERT INTO analysis_comments (analysis_id, section_id, user_id, author, body, at)"
                                   " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                            "izztti", an->id, section_id, v->user_id,
                            v->name ? v->name : v->email, body, now());
    bool ok = id > 0 && notify(db, v, an, id, body, writer, a) &&
              tx_audit(db, v, "analysis:comment", "analysis", an->id,
                       json_pack("{s:I, s:I}", "comment", (json_int_t)id, "section", (json_int_t)section_id));
    return tx_finish(db, ok, a, err) ? id : 0;
}

char *analyses_snapshot(db_t *db, const analysis_t *an, arena_t *a)
{
    analysis_section_t *s;
    size_t ns = analyses_sections(db, an, a, &s);
    analysis_problem_t *p;
    size_t np = analyses_problems(db, an, a, &p);
    analysis_cause_t *k;
    size_t nk = analyses_causes(db, an, a, &k);
    json_t *sections = json_array(), *problems = json_array();
    for (size_t i = 0; i < ns; i++)
        json_array_append_new(sections, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)s[i].id, "title", s[i].title,
                                                  "body", s[i].body));
    for (size_t i = 0; i < np; i++) {
        json_t *causes = json_array();
        for (size_t j = 0; j < nk; j++)
            if (k[j].problem_id == p[i].id)
                json_array_append_new(causes, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)k[j].id, "kind",
                                                        k[j].kind, "text", k[j].text));
        json_array_append_new(problems, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)p[i].id, "title",
                                                  p[i].title, "result", p[i].result, "evidence", p[i].evidence,
                                                  "variable", p[i].variable, "causes", causes));
    }
    json_t *doc = json_pack("{s:s, s:o, s:o}", "level", an->level, "sections", sections, "problems", problems);
    char *text = json_dumps(doc, JSON_COMPACT);
    json_decref(doc);
    char *out = arena_strdup(a, text ? text : "{}");
    free(text);
    return out;
}

/* What sending for approval needs: at least one problem, each with what it shows in the
 * results, the evidence and at least one cause. */
static const char *not_ready(db_t *db, const analysis_t *an, arena_t *a)
{
    analysis_problem_t *p;
    size_t np = analyses_problems(db, an, a, &p);
    analysis_cause_t *k;
    size_t nk = analyses_causes(db, an, a, &k);
    if (!np)
        return "Analysen har inget problem än. Beskriv minst ett problem med dess orsaker.";
    for (size_t i = 0; i < np; i++) {
        size_t causes = 0;
        for (size_t j = 0; j < nk; j++)
            causes += k[j].problem_id == p[i].id;
        if (!causes)
            return arena_printf(a, "Problemet \"%s\" har ingen orsak.", p[i].title);
        if (!*p[i].result)
            return arena_printf(a, "Problemet \"%s\" säger inte hur det syns i resultaten eller måluppfyllelsen.",
                                p[i].title);
        if (!*p[i].evidence && !*p[i].variable)
            return arena_printf(a, "Problemet \"%s\" anger inget underlag som visar det.", p[i].title);
    }
    return NULL;
}

bool analyses_flow(db_t *db, const viewer_t *v, const analysis_t *an, const char *action, const char *reason,
                   arena_t *a, char **err)
{
    bool approver = analyses_may_approve(v, an);
    const char *from, *to, *refusal = NULL;
    if (!analysis_flow_step(action, &from, &to)) {
        *err = arena_strdup(a, "Okänd åtgärd.");
        return false;
    }
    if (strcmp(action, "submit") == 0)
        refusal = !analyses_may_write(db, v, an) ? "Du får inte skicka analysen för godkännande." : not_ready(db, an, a);
    else if (strcmp(action, "reopen") == 0)
        refusal = approver || analyses_writer_of(db, v, an) ? NULL : "Du får inte öppna analysen för en ny version.";
    else if (!approver)
        refusal = an->unit_id ? "Bara enhetens rektor eller huvudmannen godkänner analysen."
                              : "Bara huvudmannen godkänner analysen på huvudmannanivå.";
    else if (strcmp(action, "return") == 0 && (!reason || !*reason))
        refusal = "Skriv vad som behöver ändras.";
    if (!refusal && strcmp(an->state, from) != 0)
        refusal = arena_printf(a, "Analysen är %s.", analysis_state_label(an->state));
    if (refusal) {
        *err = arena_strdup(a, refusal);
        return false;
    }
    if (!tx_begin(db, a, err))
        return false;
    int64_t t = now();
    /* The state moves only from where the page saw it (two approvers at once: one wins). */
    bool ok = db_run_int(db, 0, "UPDATE analyses SET state = ?, updated_at = ? WHERE id = ? AND state = ? RETURNING id",
                         "tiit", to, t, an->id, from) == an->id;
    if (!ok)
        return tx_fail(db, a, err, "Någon annan ändrade analysens läge samtidigt; ladda om sidan.");
    if (strcmp(action, "submit") == 0)
        ok = db_run(db, "UPDATE analyses SET submitted_by = ?, submitted_at = ? WHERE id = ?", "tii", v->email, t,
                    an->id) == DB_DONE;
    if (ok && strcmp(action, "approve") == 0) {
        int version = an->version + 1;
        ok = db_run(db, "UPDATE analyses SET version = ?, approved_by = ?, approved_at = ? WHERE id = ?", "itii",
                    (int64_t)version, v->email, t, an->id) == DB_DONE &&
             db_run(db, "INSERT INTO analysis_versions (analysis_id, version, content, approved_by, approved_at)"
                        " VALUES (?, ?, ?, ?, ?)",
                    "iitti", an->id, (int64_t)version, analyses_snapshot(db, an, a), v->email, t) == DB_DONE;
    }
    if (ok && reason && *reason) {
        int64_t id = db_run_int(db, 0, "INSERT INTO analysis_comments (analysis_id, section_id, user_id, author, body, at)"
                                       " VALUES (?, NULL, ?, ?, ?, ?) RETURNING id",
                                "iztti", an->id, v->user_id, v->name ? v->name : v->email, reason, t);
        ok = id > 0 && notify(db, v, an, id, reason, false, a);
    }
    ok = ok && tx_audit(db, v, arena_printf(a, "analysis:%s", action), "analysis", an->id,
                        json_pack("{s:s, s:s}", "from", from, "to", to));
    return tx_finish(db, ok, a, err);
}

int64_t analyses_add_document(db_t *db, const viewer_t *v, const analysis_t *an, const char *filename,
                              const unsigned char *data, size_t len, arena_t *a, char **err)
{
    if (!len) {
        *err = arena_printf(a, "%s: filen är tom.", filename);
        return 0;
    }
    if (len > ANALYSIS_DOCUMENT_MAX) {
        *err = arena_printf(a, "%s: filen är för stor (%zu MB); högst %d MB tas emot.", filename, (len + 999999) / 1000000,
                            ANALYSIS_DOCUMENT_MAX >> 20);
        return 0;
    }
    const char *type = analysis_document_type(data, len, filename);
    if (!type) {
        *err = arena_printf(a, "%s: filen är inte en PDF, ett Word-dokument (DOCX), en Excel-fil (XLSX) eller en bild "
                               "(PNG, JPEG), eller så stämmer inte filändelsen med innehållet.", filename);
        return 0;
    }
    if (!writable(db, v, an, a, err))
        return 0;
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, data, len);
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    size_t b64len = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64len);
    if (!b64) {
        *err = arena_strdup(a, "Minnet räckte inte till filen.");
        return 0;
    }
    sodium_bin2base64(b64, b64len, data, len, sodium_base64_VARIANT_ORIGINAL);
    int64_t id = 0;
    if (tx_begin(db, a, err)) {
        id = db_run_int(db, 0, "INSERT INTO analysis_documents (analysis_id, filename, media_type, bytes, sha256, content,"
                               " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        "ittittti", an->id, filename, type, (int64_t)len, hex, b64, v->email, now());
        bool ok = id > 0 && touch(db, an) &&
                  tx_audit(db, v, "analysis:document", "analysis", an->id,
                           json_pack("{s:s, s:I, s:s}", "filename", filename, "bytes", (json_int_t)len, "sha256", hex));
        if (!tx_finish(db, ok, a, err))
            id = 0;
    }
    free(b64);
    return id;
}
