/* reminder_loop.c — the server's background round of reminders: queue what is due, send
 * the outbox, wait, again; with its own database connection. Stopping wakes it at once. */
#include "deadlines.h"
#include "../base/fmt.h"
#include "../base/log.h"
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stop;
    const char *db_url, *smtp, *from;
    int interval, days;
} loop = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};


static void *run(void *arg)
{
    (void)arg;
    char *err = NULL;
    db_t *db = db_open(loop.db_url, &err);
    if (!db) {
        log_error("påminnelser: kan inte öppna databasen: %s", err ? err : "");
        free(err);
        return NULL;
    }
    pthread_mutex_lock(&loop.lock);
    while (!loop.stop) {
        pthread_mutex_unlock(&loop.lock);
        char day[11];
        fmt_today(day, 0);
        int queued = deadlines_queue_reminders(db, day, loop.days);
        int sent = deadlines_send_outbox(db, loop.smtp, loop.from);
        if (queued || sent)
            log_info("påminnelser: %d nya i utkorgen, %d skickade", queued, sent);
        pthread_mutex_lock(&loop.lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += loop.interval;
        while (!loop.stop && pthread_cond_timedwait(&loop.wake, &loop.lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&loop.lock);
    db_close(db);
    return NULL;
}

void reminders_start(const char *db_url, int interval, int days, const char *smtp, const char *from)
{
    if (interval <= 0)
        return;
    loop.db_url = db_url;
    loop.interval = interval;
    loop.days = days;
    loop.smtp = smtp;
    loop.from = from;
    loop.stop = false;
    loop.running = pthread_create(&loop.thread, NULL, run, NULL) == 0;
}

void reminders_stop(void)
{
    if (!loop.running)
        return;
    pthread_mutex_lock(&loop.lock);
    loop.stop = true;
    pthread_cond_broadcast(&loop.wake);
    pthread_mutex_unlock(&loop.lock);
    pthread_join(loop.thread, NULL);
    loop.running = false;
}
