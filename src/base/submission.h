/* submission.h — one submission of a document the agency decides on (a report, a
 * university's plan): who handed it in and when, what it said (frozen, JSON), and the
 * decision on it ("" while it waits, "accepted", "returned" with a comment). */
#ifndef SV_BASE_SUBMISSION_H
#define SV_BASE_SUBMISSION_H
#include <stdint.h>

typedef struct doc_submission {
    int64_t document_id;   /* when read for several documents at once */
    int number;
    const char *by, *decision, *decided_by, *comment, *content;
    int64_t at, decided_at;
} doc_submission_t;

#endif
