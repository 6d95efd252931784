/* agreements.h — a case's agreements (SPEC.md §3): ÖK1, ÖK2, supplementary agreements
 * and agreements with universities, as structured documents. Each has a registry number
 * from a configurable series, a state (utkast → för underskrift → undertecknad →
 * avslutad), every saved version, and an approval from each side. A signed agreement is
 * never edited; a supplementary agreement changes what it says. */
#ifndef SV_AGREEMENTS_H
#define SV_AGREEMENTS_H
#include "../cases/cases.h"
#include "../db/tx.h"
#include "../base/buf.h"

/* ---- model (model.c) ---- */

typedef enum agreement_kind { AGR_OK1, AGR_OK2, AGR_SUPPLEMENTARY, AGR_UNIVERSITY, AGR_KIND_COUNT } agreement_kind_t;
extern const char *const agreement_kind_keys[];  /* ok1, ok2, supplementary, university */
const char *agreement_kind_label(agreement_kind_t k); /* "Överenskommelse 1 (ÖK1)" … */
agreement_kind_t agreement_kind_from_key(const char *key);

typedef enum agreement_state { AGS_DRAFT, AGS_FOR_SIGNATURE, AGS_SIGNED, AGS_CLOSED, AGS_COUNT } agreement_state_t;
extern const char *const agreement_state_keys[]; /* draft, for_signature, signed, closed */
const char *agreement_state_label(agreement_state_t s); /* "Utkast" … */
agreement_state_t agreement_state_from_key(const char *key);

/* The text sections of a kind's document, in order (NULL-terminated keys, with labels). */
typedef struct agreement_section {
    const char *key, *label, *hint;
    bool required;             /* must be filled before the agreement is sent for signature */
} agreement_section_t;
/* The sections for a kind; *n receives their number. */
const agreement_section_t *agreement_sections(agreement_kind_t k, size_t *n);

enum { AGREEMENT_MAX_PAYOUTS = 4 };

/* One version's content. */
typedef struct agreement_content {
    const char *period_from, *period_to;
    int64_t amount_ore;                 /* the agency's funding; 0 when none */
    size_t npayouts;
    struct {
        const char *date;
        int64_t amount_ore;
    } payouts[AGREEMENT_MAX_PAYOUTS];
    const char *sections[16];           /* by the kind's section order; "" when empty */
    bool money_hidden;                  /* read by someone who may not see amounts */
} agreement_content_t;
/* The labels of the required sections left empty, "Återbetalning och Utvärderingar"
 * (in a), or NULL when every required section is filled. */
const char *agreement_missing_sections(agreement_kind_t k, const agreement_content_t *c, arena_t *a);

/* Checks a content for its kind: the period in order, payouts within the period and
 * summing to the amount. Returns false with the field and a Swedish message. */
bool agreement_content_check(agreement_kind_t k, const agreement_content_t *c, const char **field, char *why,
                             size_t size);
/* Content as JSON text (malloc'd) and back (strings allocated in a). */
char *agreement_content_json(agreement_kind_t k, const agreement_content_t *c);
bool agreement_content_parse(agreement_kind_t k, const char *json, arena_t *a, agreement_content_t *c);


/* ---- the agency's standard texts (texts.c) ---- */

typedef struct agreement_texts {
    agreement_kind_t kind;
    int version;
    const char *saved_by;               /* a name where the account is known */
    int64_t saved_at;
    const char *sections[16];           /* by the kind's section order; "" when none */
} agreement_texts_t;

/* The standard texts of a kind at a version (0: the latest). */
bool agreement_texts_get(db_t *db, agreement_kind_t k, int version, arena_t *a, agreement_texts_t *out);
/* Every version of a kind, newest first (without their texts). */
size_t agreement_texts_history(db_t *db, agreement_kind_t k, arena_t *a, agreement_texts_t **out);
/* Saves new standard texts for a kind (an administrator), on top of the version the form
 * was based on. */
write_result_t agreement_texts_save(db_t *db, const viewer_t *v, agreement_kind_t k, int based_on,
                                    const char *const *sections, arena_t *a, char **err);

/* ---- store (store.c) ---- */

typedef struct agreement {
    int64_t id, case_id, supersedes_id;
    agreement_kind_t kind;
    agreement_state_t state;
    const char *registry_number, *supersedes_number;
    int version;
    const char *agency_approved_by, *counterpart_approved_by, *created_by;
    int standard_version;                /* the standard texts it started from; 0 unknown */
    int64_t agency_approved_at, counterpart_approved_at, updated_at;
} agreement_t;

/* The agreements of a case the caller has read through its scope, those the viewer may
 * read (a university its own). */
size_t agreements_of_case(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, agreement_t **out);
/* One agreement and its case, or NULL when out of the viewer's reach. */
agreement_t *agreements_get(db_t *db, const viewer_t *v, int64_t id, arena_t *a, case_row_t **case_out);
/* A version's content (the latest when version is 0), as the viewer may see it: without
 * amounts and payouts (money_hidden) for those who may not see the money. v NULL: the
 * system's own reading (due dates), whole. */
bool agreements_content(db_t *db, const viewer_t *v, const agreement_t *g, int version, arena_t *a,
                        agreement_content_t *c, const char **saved_by, int64_t *saved_at);

/* Creates a draft with the next registry number in a case the caller has read; returns
 * its id or 0 with *err. */
int64_t agreements_create(db_t *db, const viewer_t *v, const case_row_t *c, agreement_kind_t k, int64_t supersedes,
                          const agreement_content_t *content, arena_t *a, char **err);
/* Saves a new version of an agreement the caller has read, on top of the version the
 * user's form was based on (only before signing; a draft sent for signature returns to
 * draft). WRITE_STALE when another version was saved meanwhile: nothing is written. */
write_result_t agreements_save(db_t *db, const viewer_t *v, const agreement_t *g, int based_on,
                               const agreement_content_t *c, arena_t *a, char **err);
/* send: draft → for signature, once every required section is filled; approve: this
 * side's approval (both: signed), only when the user confirmed having read it; close. */
bool agreements_act(db_t *db, const viewer_t *v, const agreement_t *g, const char *action, bool confirmed, arena_t *a,
                    char **err);
/* Drafts the case's ÖK2 from the funded interventions of its approved plans
 * (from_plans.c); returns its id or 0 with *err. */
int64_t agreements_draft_ok2(db_t *db, const viewer_t *v, const case_row_t *c, arena_t *a, char **err);
/* The period ends of the agreements out for signature or signed in every case the viewer
 * may see, in one read (for due dates over many cases). */
typedef struct agreement_period {
    int64_t id, case_id;
    agreement_kind_t kind;
    const char *registry_number, *period_to;
} agreement_period_t;
size_t agreements_periods_in_reach(db_t *db, const viewer_t *v, arena_t *a, agreement_period_t **out);
/* The kinds of which a case has a signed (or closed) agreement, as bits (1u << kind). */
unsigned agreements_signed_kinds(db_t *db, int64_t case_id);

/* ---- the document (pdf.c) ---- */

/* The agreement as a PDF (A4, the agency's header); an ÖK2 read with db carries the
 * case's approved plans as its attachment. False on failure. */
bool agreement_pdf(db_t *db, const case_row_t *c, const agreement_t *g, const agreement_content_t *content,
                   buf_t *out);


#endif
