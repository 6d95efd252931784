/* organisers_view.c — a round's candidates by organiser: the offer goes to the organiser,
 * so the analyst also sees, per organiser, its units in Skolinspektionens list (and how
 * many with a fine), its best place there, its preschool injunctions, how many of its
 * preschools are among the tenth with the most difficult conditions, and what is already
 * chosen. Ordered by the best inspection place, then preschool injunction, then the
 * number of such preschools, then name. */
#include "organisers_view.h"
#include "../base/vec.h"
#include "../base/fmt.h"
#include <stdlib.h>
#include <string.h>

static org_candidate_t *slot(org_candidate_t **list, size_t *n, size_t *cap, arena_t *a, int64_t id,
                             const char *name)
{
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i].organiser_id == id)
            return &(*list)[i];
    org_candidate_t *c = ARENA_PUSH(a, *list, *n, *cap);
    memset(c, 0, sizeof *c);
    c->organiser_id = id;
    c->organiser = name;
    return c;
}

static int cmp_candidates(const void *x, const void *y)
{
    const org_candidate_t *a = x, *b = y;
    int ra = a->best_inspection ? a->best_inspection : 1 << 30, rb = b->best_inspection ? b->best_inspection : 1 << 30;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (a->preschool_injunction != b->preschool_injunction)
        return a->preschool_injunction ? -1 : 1;
    if (a->difficult_preschools != b->difficult_preschools)
        return a->difficult_preschools > b->difficult_preschools ? -1 : 1;
    return strcmp(a->organiser, b->organiser);
}

size_t organisers_view(db_t *db, const round_t *r, arena_t *a, org_candidate_t **out, char **err)
{
    size_t n = 0, cap = 64;
    org_candidate_t *list = arena_alloc(a, cap * sizeof *list);
    ranking_t insp, pre;
    if (!rounds_ranking(db, r, RANK_INSPECTION, a, &insp, err) || !rounds_ranking(db, r, RANK_PRESCHOOL, a, &pre, err))
        return (size_t)-1;
    for (size_t i = 0; i < insp.nrows; i++) {
        org_candidate_t *c = slot(&list, &n, &cap, a, insp.rows[i].organiser_id, insp.rows[i].organiser);
        c->inspection_units++;
        c->with_fine += insp.rows[i].fine;
        if (!c->best_inspection || insp.rows[i].rank < c->best_inspection)
            c->best_inspection = insp.rows[i].rank;
    }
    /* The tenth of ranked preschools with the highest index. */
    size_t tenth = pre.ranked / 10;
    for (size_t i = 0; i < pre.nrows; i++) {
        const rank_row_t *row = &pre.rows[i];
        bool difficult = row->rank && (size_t)row->rank <= tenth;
        if (!difficult && !row->organiser_injunction)
            continue;
        org_candidate_t *c = slot(&list, &n, &cap, a, row->organiser_id, row->organiser);
        c->difficult_preschools += difficult;
        c->preschool_injunction = row->organiser_injunction;
    }
    db_stmt_t *st = db_prepare(db, "SELECT p.organiser_id, p.organiser, p.conditions, p.development FROM"
                                   " round_preschool_inspections p WHERE p.round_id = ?");
    db_bind_int(st, 1, r->id);
    while (db_step(st) == DB_ROW) {
        org_candidate_t *c = slot(&list, &n, &cap, a, db_col_int(st, 0), arena_strdup(a, db_col_text(st, 1)));
        c->preschool_injunction = true;
        c->conditions = db_col_int(st, 2) != 0;
        c->development = db_col_int(st, 3) != 0;
    }
    db_done(st);
    st = db_prepare(db, "SELECT organiser_id, COUNT(*) FROM round_choices WHERE round_id = ? GROUP BY organiser_id");
    db_bind_int(st, 1, r->id);
    while (db_step(st) == DB_ROW)
        for (size_t i = 0; i < n; i++)
            if (list[i].organiser_id == db_col_int(st, 0))
                list[i].chosen = db_col_int(st, 1);
    db_done(st);
    qsort(list, n, sizeof *list, cmp_candidates);
    for (size_t i = 0; i < n; i++)
        list[i].rank = (int)i + 1;
    *out = list;
    return n;
}

char *organisers_view_explain(const org_candidate_t *c, arena_t *a)
{
    buf_t b = BUF_INIT;
    if (c->inspection_units)
        buf_printf(&b, "%lld %s i Skolinspektionens underlag (%lld med vite), bästa plats %d. ",
                   (long long)c->inspection_units, c->inspection_units == 1 ? "skolenhet" : "skolenheter",
                   (long long)c->with_fine, c->best_inspection);
    if (c->preschool_injunction) {
        buf_puts(&b, "Föreläggande för förskolan");
        if (c->conditions || c->development)
            buf_printf(&b, " (%s%s%s)", c->conditions ? "förutsättningar" : "", c->conditions && c->development ? " och " : "",
                       c->development ? "utveckling" : "");
        buf_puts(&b, ". ");
    }
    if (c->difficult_preschools)
        buf_printf(&b, "%lld %s bland den tiondel av landets förskolor som har svårast förutsättningar enligt indexet.",
                   (long long)c->difficult_preschools, c->difficult_preschools == 1 ? "förskola" : "förskolor");
    char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}
