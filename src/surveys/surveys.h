/* surveys.h — the agency's surveys of the programme's participants (seed 003 §4.2, §5.2):
 * response rates that count complete answers only ("76 procent (243 personer av 318)"),
 * and the rule that no group with fewer than five answers is shown anywhere, nor can be
 * worked out by subtracting the shown groups from a shown total.
 *
 * The pure rules (model.c) take plain counts, so they can be worked by hand; the
 * questionnaires, invitations and answers build on them. */
#ifndef SV_SURVEYS_H
#define SV_SURVEYS_H
#include "../db/tx.h"
#include <stdbool.h>
#include <stddef.h>

enum { SURVEY_MIN_GROUP = 5, SURVEY_MAX_ITEMS = 40 };

/* The response rate in whole percent, rounded half up: complete answers of those invited
 * (a started but unfinished answer does not count). -1 when nobody was invited. */
int survey_rate(int complete, int invited);

/* Which groups of a breakdown to hide, given each group's number of answers and whether
 * the total is shown beside them. A group under min answers is hidden (an empty group has
 * nothing to hide and stays); when that leaves exactly one hidden group whose size could be
 * worked out from the total, the smallest shown group is hidden with it; when every
 * answer would be hidden, or the total itself is under min, the total goes too.
 * hidden[n] is written; returns whether the total may be shown. */
bool survey_suppress(const int *answers, size_t n, bool total_shown, int min, bool *hidden);

/* "76 procent (243 personer av 318)" into out (size bytes); "–" when nobody was invited. */
void survey_rate_text(int complete, int invited, char *out, size_t size);

/* The Likert scale of SPEC §5, from the most to "don't know". */
extern const char *const survey_likert[];   /* NULL-terminated */
extern const char *const survey_kind_keys[]; /* likert, single, multiple, number, text */
const char *survey_kind_label(const char *key);

/* ---- questionnaires and the question bank (store.c) ---- */

typedef struct question {
    int64_t id;
    const char *kind, *text, *options;  /* options: one a line, for the choices */
    bool has_range;
    int min, max;
    const char *years;                  /* the years' surveys it was asked in: "2025, 2026" */
} question_t;
typedef struct survey {
    int64_t id;
    const char *title, *intro, *state;
    int year;
    bool anonymous;
    int sections, items;
} survey_t;
typedef struct survey_section {
    int64_t id;
    int position;
    const char *title;
} survey_section_t;
typedef struct survey_item {
    int64_t id, section_id;
    int position;
    bool required;
    question_t q;
} survey_item_t;

/* The surveys within reach: every one for those who build them; the opened ones for the
 * rest of the agency; for an organiser's users the opened ones its people were invited to. */
size_t surveys_list(db_t *db, const viewer_t *v, arena_t *a, survey_t **out);
survey_t *surveys_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a);
/* The options chosen in a stored choice answer ("1,3": 1-based, comma-separated), at most
 * max into out; how many, or -1 for a value that is no such list (or longer than max). */
enum { SURVEY_MAX_CHOSEN = 64 };
int survey_choices(const char *value, int *out, int max);
/* A question's choices (the Likert scale, or the options one a line); 0 for numbers and
 * free text. */
size_t survey_options(const question_t *q, arena_t *a, const char ***out);
size_t surveys_sections(db_t *db, const survey_t *s, arena_t *a, survey_section_t **out);
size_t surveys_items(db_t *db, const survey_t *s, arena_t *a, survey_item_t **out);
/* The bank, each question with the years it was asked. */
size_t surveys_bank(db_t *db, const viewer_t *v, arena_t *a, question_t **out);

int64_t surveys_create(db_t *db, const viewer_t *v, const char *title, int year, bool anonymous, const char *intro,
                       arena_t *a, const char **field, char **err);
int64_t surveys_add_section(db_t *db, const viewer_t *v, const survey_t *s, const char *title, arena_t *a, char **err);
/* A new question in the bank: choices need two options or more, a number a range. */
int64_t surveys_bank_add(db_t *db, const viewer_t *v, const char *kind, const char *text, const char *options,
                         const char *min, const char *max, arena_t *a, const char **field, char **err);
/* Puts a bank question in a section of a questionnaire still being drafted (once). */
bool surveys_add_item(db_t *db, const viewer_t *v, const survey_t *s, int64_t section_id, int64_t question_id,
                      bool required, arena_t *a, const char **field, char **err);

/* ---- invitations and answers (answers.c) ---- */

/* Opens a drafted questionnaire for answers (it needs a question). */
bool surveys_open(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, char **err);
/* Invites one person a line, "address;group[;organisation number]", whole or not at all
 * (each error names its line); each gets a personal link through the outbox. Returns how
 * many were new, or -1. */
int surveys_invite(db_t *db, const viewer_t *v, const survey_t *s, const char *lines, const char *base_url, arena_t *a,
                   char **err);
/* The same within the caller's transaction (it rolls back on -1). */
int surveys_invite_within(db_t *db, const viewer_t *v, const survey_t *s, const char *lines, const char *base_url,
                          arena_t *a, char **err);
/* Reminds everyone invited who has not submitted; returns how many. */
int surveys_remind(db_t *db, const viewer_t *v, const survey_t *s, const char *base_url, arena_t *a, char **err);

typedef struct survey_group_rate {
    const char *key, *label;
    int invited, complete;
    bool hidden;               /* under five complete answers (or needed to hide one) */
} survey_group_rate_t;
/* Invited and complete per respondent group, with the small groups hidden; *total_shown
 * says whether the totals may be shown. organiser_id 0: everyone's, else that organiser's. */
size_t surveys_rates(db_t *db, const survey_t *s, int64_t organiser_id, arena_t *a, survey_group_rate_t **out,
                     int *invited, int *complete, bool *total_shown);
/* Closes an open survey: its links stop working and its results are final. */
bool surveys_close(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, char **err);

typedef struct survey_link {
    int64_t invitation_id, response_id;
    const char *state, *group_key;
    survey_t survey;
    const char **values;       /* per item of the survey, "" unanswered (parallel to items) */
    survey_item_t *items;
    size_t nitems;
} survey_link_t;
/* The survey a personal link opens (open surveys only), with what was saved by it; NULL
 * for a link that is unknown or of a survey not open. */
survey_link_t *surveys_link(db_t *db, const char *token, arena_t *a);
/* Saves the answers sent (values parallel to the link's items); with submit, every
 * required question must be answered: on a missing or bad answer false, with the item
 * (index) and the message; nothing is submitted then, but what was typed is saved. */
bool surveys_answer(db_t *db, const survey_link_t *l, const char *const *values, bool submit, arena_t *a,
                    size_t *bad_item, char **err);

/* ---- results (results.c): only aggregated, with the small groups hidden ---- */

/* The answers of one group (or all) to one question. A hidden one carries no figures at
 * all (answered, counts and mean are zero), so nothing that writes it can give them away. */
typedef struct survey_dist {
    int answered;           /* respondents who answered the question */
    int *counts;            /* per option (choices and the scale); multiple choice counts each */
    double mean;            /* numbers; NAN when there is none */
    bool hidden;
} survey_dist_t;
typedef struct survey_year {
    int64_t survey_id;
    int year;
    const char *title;
    survey_dist_t total;
} survey_year_t;
typedef struct survey_result {
    const survey_item_t *item;
    const char **options;
    size_t noptions;
    survey_dist_t *groups;  /* parallel to the results' groups */
    survey_dist_t total;
    survey_year_t *years;   /* the same bank question in the other surveys, by year */
    size_t nyears;
} survey_result_t;
typedef struct survey_organiser_rate {
    int64_t id;
    const char *name;
    int invited, complete;
    bool principal;         /* an answer from principal level */
} survey_organiser_rate_t;
typedef struct survey_results {
    int64_t organiser_id;   /* 0: every organiser's answers; else this organiser's only */
    const char *organiser_name;
    survey_group_rate_t *groups;
    size_t ngroups;
    int invited, complete;
    bool total_shown;
    survey_organiser_rate_t *organisers; /* every organiser's rate (the whole survey only) */
    size_t norganisers;
    int covered;            /* organisers with an answer from principal level */
    survey_section_t *sections;
    size_t nsections;
    survey_item_t *items;
    survey_result_t *results; /* parallel to items */
    size_t nitems;
} survey_results_t;

/* The results of an opened survey in reach: the agency reads every organiser's or, with
 * organiser_id, one organiser's; an organiser's users their own organiser's (organiser_id
 * 0 or their own; another's is NULL, as is a draft or an organiser that does not exist). */
survey_results_t *surveys_results(db_t *db, const viewer_t *v, const survey_t *s, int64_t organiser_id, arena_t *a);
/* Every invited organiser's response rate and whether one of its principals answered, with
 * how many did (*covered): the agency's only. */
size_t surveys_organisers(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, survey_organiser_rate_t **out,
                          int *covered);

typedef struct survey_text {
    int64_t item_id;
    const char *value;
} survey_text_t;
/* The free-text answers of the submitted responses, by question (the analysts only). */
size_t surveys_texts(db_t *db, const viewer_t *v, const survey_t *s, arena_t *a, survey_text_t **out);

typedef struct survey_raw_row {
    const char *group;      /* the group's label */
    const char **values;    /* parallel to the items, as the respondent chose (labels) */
} survey_raw_row_t;
/* Every submitted response of an anonymous survey, one a row (the analysts only); false
 * with a message for a survey that is not anonymous. */
bool surveys_raw(db_t *db, const viewer_t *v, const survey_t *s, const survey_item_t *items, size_t nitems, arena_t *a,
                 survey_raw_row_t **out, size_t *n, char **err);

#endif
