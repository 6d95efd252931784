/* parts.h — what the analyses area's files share among themselves. */
#ifndef SV_ANALYSES_PARTS_H
#define SV_ANALYSES_PARTS_H
#include "../app/area.h"
#include "../base/buf.h"
#include "../base/vec.h"
#include "analyses.h"

/* The viewer's reach inside one case's analyses (the same rule as ACCESS_ANALYSIS_SCOPE,
 * for units whose analysis is not started yet). */
typedef struct analysis_reach {
    bool all, administration;  /* every analysis; a member of the administration's group */
    int64_t head_unit, own_unit;
    int64_t *member_units;     /* the units of the groups the viewer belongs to */
    size_t nmember_units;
} analysis_reach_t;
void analyses_reach(db_t *db, const viewer_t *v, int64_t case_id, arena_t *a, analysis_reach_t *r); /* store.c */
bool analyses_reach_reads(const analysis_reach_t *r, int64_t unit_id);
bool analyses_reach_writes(const viewer_t *v, const analysis_reach_t *r, int64_t unit_id);

/* What a case's page lists: each selected unit and the organiser level, with its
 * analysis when one has been started (id 0 when not) and visible to the viewer. */
typedef struct analysis_slot {
    int64_t unit_id;             /* 0: organiser level */
    const char *level, *name;
    const analysis_t *analysis;  /* NULL: not started, or out of the viewer's reach */
    bool visible;                /* the viewer may read this unit's analysis */
} analysis_slot_t;
/* The slots of a case in the viewer's reach r (the caller's, which its page also uses). */
size_t analyses_slots(request_t *req, const case_row_t *c, const analysis_reach_t *r, analysis_slot_t **out);
/* Whether the viewer is one of the analysis's writers, whatever its state. */
bool analyses_writer_of(db_t *db, const viewer_t *v, const analysis_t *an);

/* An approved version's content as JSON (write.c), and as the text the difference
 * between versions is drawn from, one entry per heading (pages.c). */
char *analyses_snapshot(db_t *db, const analysis_t *an, arena_t *a);

/* The templates' headings (template_store.c). */
typedef struct analysis_heading {
    int64_t id;
    int position, version;
    bool active;
    const char *level, *kind, *title, *guidance;
} analysis_heading_t;
size_t analyses_headings(db_t *db, arena_t *a, analysis_heading_t **out);
bool analyses_add_heading(db_t *db, const viewer_t *v, const char *level, int position, const char *kind,
                          const char *title, const char *guidance, arena_t *a, char **err);
write_result_t analyses_edit_heading(db_t *db, const viewer_t *v, int64_t id, int based_on, const char *title,
                                     const char *guidance, const char *kind, int position, bool active, arena_t *a,
                                     char **err);

/* What waits for the viewer's approval (store.c), for the start page (start.c). */
typedef struct awaiting {
    int64_t id;
    bool plan;                       /* an action plan, else an analysis */
    const char *unit, *organiser;    /* unit "" at organiser level */
} awaiting_t;
size_t analyses_awaiting_approval(db_t *db, const viewer_t *v, arena_t *a, awaiting_t **out);
extern const start_section_t analyses_start_sections[];

void analyses_case_section(request_t *req, const case_row_t *c);   /* pages.c */
/* The analysis page (answering status), for handlers that re-render it with errors. */
int analyses_view(request_t *req, int status);                     /* pages.c */
/* The analysis a form names, or NULL with the answer sent in *status: 404 out of reach,
 * the page again with the form's errors (pages.c). */
analysis_t *analyses_of_form(request_t *req, int *status);
void analyses_problems_section(request_t *req, const analysis_t *an, bool writer); /* problems.c */
extern const route_t analyses_problem_routes[];                    /* problems.c */
extern const route_t analyses_version_routes[];                    /* versions.c */
extern const route_t analyses_page_routes[];                       /* pages.c */
extern const route_t analyses_document_routes[];                   /* documents.c */
extern const route_t analyses_template_routes[];                   /* templates.c */
extern const route_t analyses_api_routes[];                        /* api.c */
void analyses_demo(demo_t *d);                                     /* demo.c */
/* The unit's statistics over the years with the national figure beside them (evidence.c). */
void analyses_evidence_table(request_t *req, const analysis_t *an);
/* The analysis as a printable document (pdf.c). */
bool analyses_pdf(db_t *db, const analysis_t *an, arena_t *a, buf_t *out);
const char *analyses_pdf_name(const analysis_t *an, arena_t *a);

#endif
