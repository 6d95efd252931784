/* results.c — a survey's results as they may leave the product (surveys.h): response
 * rates per group and per organiser with the coverage at principal level, each question's
 * answers per group with the groups under five hidden (and those that would give them away
 * by subtraction), and the same bank question in the other years' surveys. The figures are
 * counted by the database in one grouped read per kind, not per question or per row. */
#include "surveys.h"
#include "../access/access.h"
#include "../base/buf.h"
#include "../base/vec.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void dist_init(survey_dist_t *d, size_t noptions, arena_t *a)
{
    memset(d, 0, sizeof *d);
    d->counts = noptions ? arena_alloc(a, noptions * sizeof *d->counts) : NULL;
    d->mean = NAN;
}

/* Adds count respondents who gave value to a distribution; the mean's sum is kept in
 * mean until dist_finish. */
static void dist_add(survey_dist_t *d, const survey_result_t *r, const char *value, int count)
{
    const char *kind = r->item->q.kind;
    d->answered += count;
    if (strcmp(kind, "likert") == 0) {
        for (size_t k = 0; k < r->noptions; k++)
            if (strcmp(value, r->options[k]) == 0)
                d->counts[k] += count;
    } else if (strcmp(kind, "single") == 0 || strcmp(kind, "multiple") == 0) {
        int chosen[SURVEY_MAX_CHOSEN], k = survey_choices(value, chosen, SURVEY_MAX_CHOSEN);
        for (int i = 0; i < k; i++)
            if ((size_t)chosen[i] <= r->noptions)
                d->counts[chosen[i] - 1] += count;
    } else if (strcmp(kind, "number") == 0) {
        d->mean = (isnan(d->mean) ? 0 : d->mean) + strtod(value, NULL) * count;
    }
}

static void dist_finish(survey_dist_t *d)
{
    if (!isnan(d->mean))
        d->mean = d->answered ? d->mean / d->answered : NAN;
}

/* A hidden distribution keeps no figure behind. */
static void dist_hide(survey_dist_t *d, size_t noptions)
{
    d->hidden = true;
    d->answered = 0;
    d->mean = NAN;
    if (d->counts)
        memset(d->counts, 0, noptions * sizeof *d->counts);
}

static size_t item_index(const survey_results_t *x, int64_t item_id)
{
    for (size_t i = 0; i < x->nitems; i++)
        if (x->items[i].id == item_id)
            return i;
    return x->nitems;
}

static size_t group_index(const survey_results_t *x, const char *key)
{
    for (size_t g = 0; g < x->ngroups; g++)
        if (strcmp(x->groups[g].key, key) == 0)
            return g;
    return x->ngroups;
}

/* Each question's answers per group: one grouped read (free text counted, not read). */
static void read_answers(db_t *db, const survey_t *s, survey_results_t *x, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT a.item_id, r.group_key, CASE WHEN q.kind = 'text' THEN '' ELSE a.value END,"
                                   " COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id"
                                   " JOIN survey_items i ON i.id = a.item_id JOIN question_bank q ON q.id = i.question_id"
                                   " WHERE r.survey_id = ? AND r.complete = 1 AND a.value <> '' AND (? = 0 OR"
                                   " r.organiser_id = ?) GROUP BY a.item_id, r.group_key,"
                                   " CASE WHEN q.kind = 'text' THEN '' ELSE a.value END");
    db_bind_int(st, 1, s->id);
    db_bind_int(st, 2, x->organiser_id);
    db_bind_int(st, 3, x->organiser_id);
    while (db_step(st) == DB_ROW) {
        size_t i = item_index(x, db_col_int(st, 0));
        const char *group = db_col_str(st, 1, a);
        size_t g = group_index(x, group);
        if (i == x->nitems || g == x->ngroups)
            continue;
        const char *value = db_col_str(st, 2, a);
        int count = (int)db_col_int(st, 3);
        survey_result_t *r = &x->results[i];
        dist_add(&r->groups[g], r, value, count);
        dist_add(&r->total, r, value, count);
    }
    db_done(st);
}

/* Hides the small groups of each question, and the total with them where it must go. */
static void suppress(survey_results_t *x, arena_t *a)
{
    int *answered = arena_alloc(a, (x->ngroups ? x->ngroups : 1) * sizeof *answered);
    bool *hidden = arena_alloc(a, (x->ngroups ? x->ngroups : 1) * sizeof *hidden);
    for (size_t i = 0; i < x->nitems; i++) {
        survey_result_t *r = &x->results[i];
        for (size_t g = 0; g < x->ngroups; g++) {
            dist_finish(&r->groups[g]);
            answered[g] = r->groups[g].answered;
        }
        dist_finish(&r->total);
        bool total_shown = survey_suppress(answered, x->ngroups, true, SURVEY_MIN_GROUP, hidden);
        for (size_t g = 0; g < x->ngroups; g++)
            if (hidden[g])
                dist_hide(&r->groups[g], r->noptions);
        if (!total_shown)
            dist_hide(&r->total, r->noptions);
    }
}

/* The same bank questions in the other surveys, each survey's total alone (a year's
 * total under five is hidden). */
static void read_years(db_t *db, const survey_t *s, survey_results_t *x, arena_t *a)
{
    db_stmt_t *st = db_prepare(db, "SELECT o.id, o.year, o.title, i.question_id, a.value, COUNT(*) FROM survey_answers a"
                                   " JOIN survey_responses r ON r.id = a.response_id JOIN survey_items i"
                                   " ON i.id = a.item_id JOIN surveys o ON o.id = i.survey_id JOIN question_bank q"
                                   " ON q.id = i.question_id WHERE q.kind <> 'text' AND r.complete = 1 AND a.value <> ''"
                                   " AND o.id <> ? AND o.state <> 'draft' AND i.question_id IN (SELECT question_id FROM"
                                   " survey_items WHERE survey_id = ?) AND (? = 0 OR r.organiser_id = ?)"
                                   " GROUP BY o.id, o.year, o.title, i.question_id, a.value ORDER BY o.year, o.id");
    db_bind_int(st, 1, s->id);
    db_bind_int(st, 2, s->id);
    db_bind_int(st, 3, x->organiser_id);
    db_bind_int(st, 4, x->organiser_id);
    size_t *cap = arena_alloc(a, (x->nitems ? x->nitems : 1) * sizeof *cap);
    while (db_step(st) == DB_ROW) {
        int64_t survey_id = db_col_int(st, 0), question_id = db_col_int(st, 3);
        for (size_t i = 0; i < x->nitems; i++) {
            survey_result_t *r = &x->results[i];
            if (x->items[i].q.id != question_id)
                continue;
            if (!r->nyears || r->years[r->nyears - 1].survey_id != survey_id) {
                survey_year_t *y = ARENA_PUSH(a, r->years, r->nyears, cap[i]);
                y->survey_id = survey_id;
                y->year = (int)db_col_int(st, 1);
                y->title = db_col_str(st, 2, a);
                dist_init(&y->total, r->noptions, a);
            }
            dist_add(&r->years[r->nyears - 1].total, r, db_col_str(st, 4, a), (int)db_col_int(st, 5));
        }
    }
    db_done(st);
    for (size_t i = 0; i < x->nitems; i++)
        for (size_t k = 0; k < x->results[i].nyears; k++) {
            survey_dist_t *d = &x->results[i].years[k].total;
            dist_finish(d);
            if (d->answered < SURVEY_MIN_GROUP)
                dist_hide(d, x->results[i].noptions);
        }
}

size_t surveys_organisers(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, survey_organiser_rate_t **out,
                          int *covered)
{
    *out = NULL;
    *covered = 0;
    if (!access_may(v, CAP_SURVEY_ALL))
        return 0;
    db_stmt_t *st = db_prepare(db, "SELECT o.id, o.name, COUNT(*), SUM(CASE WHEN i.state = 'complete' THEN 1 ELSE 0 END),"
                                   " SUM(CASE WHEN i.state = 'complete' AND i.group_key = 'principal' THEN 1 ELSE 0 END)"
                                   " FROM survey_invitations i JOIN organisers o ON o.id = i.organiser_id"
                                   " WHERE i.survey_id = ? GROUP BY o.id, o.name ORDER BY o.name");
    db_bind_int(st, 1, s->id);
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW) {
        survey_organiser_rate_t *o = ARENA_PUSH(a, *out, n, cap);
        o->id = db_col_int(st, 0);
        o->name = db_col_str(st, 1, a);
        o->invited = (int)db_col_int(st, 2);
        o->complete = (int)db_col_int(st, 3);
        o->principal = db_col_int(st, 4) > 0;
        *covered += o->principal;
    }
    db_done(st);
    return n;
}

survey_results_t *surveys_results(db_t *db, const viewer_t *v, const survey_t *s, int64_t organiser_id, arena_t *a)
{
    if (!access_may(v, CAP_SURVEY_RESULTS) && !access_may(v, CAP_SURVEY_BUILD))
        return NULL;
    /* No results of a draft; and the organiser's side reads its own organiser's answers
     * only: asking for another's finds nothing. */
    bool all = access_may(v, CAP_SURVEY_ALL);
    if (strcmp(s->state, "draft") == 0 || (!all && (v->organiser_id <= 0 || (organiser_id && organiser_id != v->organiser_id))))
        return NULL;
    survey_results_t *x = arena_alloc(a, sizeof *x);
    x->organiser_id = all ? organiser_id : v->organiser_id;
    if (x->organiser_id) {
        db_stmt_t *st = db_prepare(db, "SELECT name FROM organisers WHERE id = ?");
        db_bind_int(st, 1, x->organiser_id);
        x->organiser_name = db_step(st) == DB_ROW ? db_col_str(st, 0, a) : NULL;
        db_done(st);
        if (!x->organiser_name)
            return NULL;
    }
    x->ngroups = surveys_rates(db, s, x->organiser_id, a, &x->groups, &x->invited, &x->complete, &x->total_shown);
    if (!x->organiser_id)
        x->norganisers = surveys_organisers(db, v, s, a, &x->organisers, &x->covered);
    x->nsections = surveys_sections(db, s, a, &x->sections);
    x->nitems = surveys_items(db, s, a, &x->items);
    x->results = arena_alloc(a, (x->nitems ? x->nitems : 1) * sizeof *x->results);
    for (size_t i = 0; i < x->nitems; i++) {
        survey_result_t *r = &x->results[i];
        r->item = &x->items[i];
        r->noptions = survey_options(&x->items[i].q, a, &r->options);
        r->groups = arena_alloc(a, (x->ngroups ? x->ngroups : 1) * sizeof *r->groups);
        for (size_t g = 0; g < x->ngroups; g++)
            dist_init(&r->groups[g], r->noptions, a);
        dist_init(&r->total, r->noptions, a);
    }
    read_answers(db, s, x, a);
    suppress(x, a);
    read_years(db, s, x, a);
    return x;
}

size_t surveys_texts(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, survey_text_t **out)
{
    *out = NULL;
    if (!access_may(v, CAP_SURVEY_RAW))
        return 0;
    /* In the order of the text, not of answering: nothing ties a line to a respondent. */
    db_stmt_t *st = db_prepare(db, "SELECT a.item_id, a.value FROM survey_answers a JOIN survey_responses r"
                                   " ON r.id = a.response_id JOIN survey_items i ON i.id = a.item_id JOIN question_bank q"
                                   " ON q.id = i.question_id WHERE r.survey_id = ? AND r.complete = 1 AND q.kind = 'text'"
                                   " AND a.value <> '' ORDER BY a.item_id, a.value");
    db_bind_int(st, 1, s->id);
    size_t n = 0, cap = 0;
    while (db_step(st) == DB_ROW) {
        survey_text_t *t = ARENA_PUSH(a, *out, n, cap);
        t->item_id = db_col_int(st, 0);
        t->value = db_col_str(st, 1, a);
    }
    db_done(st);
    return n;
}

/* A stored answer in words: a choice's number becomes its option. */
static const char *in_words(const survey_item_t *it, const char *value, arena_t *a)
{
    const char **options;
    size_t n = survey_options(&it->q, a, &options);
    if (!n || strcmp(it->q.kind, "likert") == 0)
        return value;
    int chosen[SURVEY_MAX_CHOSEN], k = survey_choices(value, chosen, SURVEY_MAX_CHOSEN);
    buf_t b = BUF_INIT;
    for (int i = 0; i < k; i++)
        if ((size_t)chosen[i] <= n)
            buf_printf(&b, "%s%s", b.len ? "; " : "", options[chosen[i] - 1]);
    const char *words = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return words;
}

bool surveys_raw(db_t *db, const viewer_t *v, const survey_t *s, const survey_item_t *items, size_t nitems, arena_t *a,
                 survey_raw_row_t **out, size_t *n, char **err)
{
    *out = NULL;
    *n = 0;
    if (!access_may(v, CAP_SURVEY_RAW) || !s->anonymous) {
        *err = arena_strdup(a, "Svaren kan bara tas ut för en anonym enkät.");
        return false;
    }
    db_stmt_t *st = db_prepare(db, "SELECT r.id, g.label, a.item_id, a.value FROM survey_responses r JOIN survey_groups g"
                                   " ON g.key = r.group_key LEFT JOIN survey_answers a ON a.response_id = r.id"
                                   " WHERE r.survey_id = ? AND r.complete = 1 ORDER BY r.id");
    db_bind_int(st, 1, s->id);
    size_t cap = 0;
    int64_t last = 0;
    while (db_step(st) == DB_ROW) {
        if (!*n || db_col_int(st, 0) != last) {
            last = db_col_int(st, 0);
            survey_raw_row_t *row = ARENA_PUSH(a, *out, *n, cap);
            row->group = db_col_str(st, 1, a);
            row->values = arena_alloc(a, (nitems ? nitems : 1) * sizeof *row->values);
            for (size_t i = 0; i < nitems; i++)
                row->values[i] = "";
        }
        int64_t item = db_col_int0(st, 2);
        for (size_t i = 0; i < nitems; i++)
            if (items[i].id == item)
                (*out)[*n - 1].values[i] = in_words(&items[i], db_col_str(st, 3, a), a);
    }
    db_done(st);
    return true;
}
