/* demo.c — the demo's yearly participant questionnaire, with a Likert question from the
 * bank and a choice of role: last year's closed with its answers, this year's open with
 * invitations to the demo cases' organisers, most of them answered by their links (read
 * back from the outbox, as a respondent would), so that the results have something to
 * show, small groups hidden and the year before beside. */
#include "parts.h"
#include "../base/buf.h"
#include <stdio.h>
#include <string.h>

/* The invitation's link for an address, from the message the outbox holds. */
static survey_link_t *link_of(demo_t *d, const char *email)
{
    db_stmt_t *st = db_prepare(d->db, "SELECT body FROM outbox WHERE recipient = ? AND subject LIKE 'Enkät:%'"
                                      " ORDER BY id DESC LIMIT 1");
    db_bind_text(st, 1, email);
    const char *body = db_step(st) == DB_ROW ? db_col_str(st, 0, d->arena) : NULL;
    db_done(st);
    const char *at = body ? strstr(body, "/enkat/") : NULL;
    if (!at)
        return NULL;
    char token[129];
    size_t n = strspn(at + 7, "0123456789abcdef");
    snprintf(token, sizeof token, "%.*s", (int)(n < 128 ? n : 128), at + 7);
    return surveys_link(d->db, token, d->arena);
}

/* Invites people of each group at the organisers and has the first `answer` of each
 * group's invitees answer. */
static void invite_and_answer(demo_t *d, const viewer_t *an, survey_t *s, const char *const *orgnrs, size_t norg,
                              int year)
{
    static const struct {
        const char *group;
        int invited, answered;
    } plan[] = {{"principal", 4, 3}, {"teacher", 5, 4}, {"lead_teacher", 2, 1}, {"director", 1, 1}, {"officer", 1, 0}};
    buf_t lines = BUF_INIT;
    for (size_t o = 0; o < norg; o++)
        for (size_t g = 0; g < sizeof plan / sizeof plan[0]; g++)
            for (int i = 0; i < plan[g].invited; i++)
                buf_printf(&lines, "%s%d.%zu.%d@exempel.se;%s;%s\n", plan[g].group, year, o, i, plan[g].group, orgnrs[o]);
    char *err = NULL;
    int invited = surveys_invite(d->db, an, s, buf_cstr(&lines), "http://127.0.0.1:8080", d->arena, &err);
    buf_free(&lines);
    if (invited <= 0)
        return;
    static const char *const roles[] = {"1", "2", "3", "4", "5"};
    int k = 0;
    for (size_t o = 0; o < norg; o++)
        for (size_t g = 0; g < sizeof plan / sizeof plan[0]; g++)
            for (int i = 0; i < plan[g].answered; i++, k++) {
                char email[96];
                snprintf(email, sizeof email, "%s%d.%zu.%d@exempel.se", plan[g].group, year, o, i);
                survey_link_t *l = link_of(d, email);
                if (!l || l->nitems < 2)
                    continue;
                /* This year leans more towards "to a great extent" than the last. */
                int scale = year == 2026 ? (k % 5 == 4 ? 2 : k % 2) : k % 3;
                const char *values[2] = {survey_likert[scale], roles[g]};
                size_t bad;
                surveys_answer(d->db, l, values, true, d->arena, &bad, &err);
            }
}

static void surveys_demo(demo_t *d)
{
    viewer_t an = demo_viewer(d, "analytiker@exempel.se");
    if (!an.user_id)
        return;
    const char *field;
    char *err = NULL;
    int64_t id = surveys_create(d->db, &an, "Deltagarenkät", 2026, true,
                                "Enkäten går till dem som deltar i Samverkan för bästa skola. Svaren är anonyma.",
                                d->arena, &field, &err);
    survey_t *s = id ? surveys_get(d->db, &an, id, d->arena) : NULL;
    int64_t sec = s ? surveys_add_section(d->db, &an, s, "Stödet från Skolverket", d->arena, &err) : 0;
    int64_t q1 = surveys_bank_add(d->db, &an, "likert", "I vilken utsträckning har stödet bidragit till ert "
                                  "förbättringsarbete?", "", "", "", d->arena, &field, &err);
    int64_t q2 = surveys_bank_add(d->db, &an, "single", "Vilken roll har du?", "Rektor\nLärare\nFörstelärare\n"
                                  "Förvaltningschef\nTjänsteman\nPolitiker\nVD för enskild huvudman", "", "", d->arena,
                                  &field, &err);
    if (sec && q1)
        surveys_add_item(d->db, &an, s, sec, q1, true, d->arena, &field, &err);
    if (sec && q2)
        surveys_add_item(d->db, &an, s, sec, q2, true, d->arena, &field, &err);
    /* The demo cases' organisers answer; last year's survey asked the same questions. */
    const char *orgnrs[3];
    size_t norg = 0;
    db_stmt_t *st = db_prepare(d->db, "SELECT DISTINCT o.orgnr FROM cases c JOIN organisers o ON o.id = c.organiser_id"
                                      " ORDER BY o.orgnr LIMIT 3");
    while (norg < 3 && db_step(st) == DB_ROW)
        orgnrs[norg++] = db_col_str(st, 0, d->arena);
    db_done(st);
    int64_t last = surveys_create(d->db, &an, "Deltagarenkät", 2025, true, "Förra årets enkät.", d->arena, &field, &err);
    survey_t *ls = last ? surveys_get(d->db, &an, last, d->arena) : NULL;
    int64_t lsec = ls ? surveys_add_section(d->db, &an, ls, "Stödet från Skolverket", d->arena, &err) : 0;
    if (lsec && q1 && q2 && norg) {
        surveys_add_item(d->db, &an, ls, lsec, q1, true, d->arena, &field, &err);
        surveys_add_item(d->db, &an, ls, lsec, q2, true, d->arena, &field, &err);
        ls = surveys_get(d->db, &an, last, d->arena);
        if (ls && surveys_open(d->db, &an, ls, d->arena, &err)) {
            ls = surveys_get(d->db, &an, last, d->arena);
            invite_and_answer(d, &an, ls, orgnrs, norg, 2025);
            surveys_close(d->db, &an, ls, d->arena, &err);
        }
    }
    s = s ? surveys_get(d->db, &an, s->id, d->arena) : NULL;
    if (s && norg && surveys_open(d->db, &an, s, d->arena, &err)) {
        s = surveys_get(d->db, &an, s->id, d->arena);
        invite_and_answer(d, &an, s, orgnrs, norg, 2026);
    }
    fprintf(d->out, "  enkäter:             deltagarenkäten 2025 (stängd) och 2026 (öppen), med svar från %zu huvudmän\n",
            norg);
}

const demo_step_t surveys_demo_steps[] = {{76, surveys_demo}, {0, NULL}};
