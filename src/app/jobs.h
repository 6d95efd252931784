/* jobs.h — the background round: every area's periodic work (reminders queued, …) and
 * the mail outbox delivered, by the server every interval or by `samverkan remind` once. */
#ifndef SV_APP_JOBS_H
#define SV_APP_JOBS_H
#include "../db/db.h"

typedef struct jobs_config {
    const char *db_url;
    int interval;          /* seconds between rounds; 0: none */
    int remind_days;       /* how far ahead reminders look */
    const char *smtp;      /* smtp://host:port, or NULL: messages wait in the outbox */
    const char *from;      /* the sender address */
} jobs_config_t;

/* One round on an open database: every area's tick for today, then the outbox sent when
 * SMTP is configured. Returns how many messages were sent. */
int jobs_round(db_t *db, const jobs_config_t *c, const char *today);
/* The server's background thread: a round every interval, with its own connection.
 * Stopping wakes it at once. */
void jobs_start(const jobs_config_t *c);
void jobs_stop(void);

#endif
