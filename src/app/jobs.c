/* jobs.c — the background round (jobs.h): areas' ticks and the outbox, with its own
 * database connection in its own thread. */
#include "jobs.h"
#include "area.h"
#include "../base/fmt.h"
#include "../base/log.h"
#include "../db/outbox.h"
#include "../io/mail.h"
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static bool send_smtp(void *ctx, const char *to, const char *subject, const char *body, char *error, size_t size)
{
    return mail_send(ctx, to, subject, body, error, size);
}

int jobs_round(db_t *db, const jobs_config_t *c, const char *today)
{
    tick_t t = {db, today, c->remind_days};
    areas_tick(&t);
    if (!c->smtp || !*c->smtp || !c->from || !*c->from)
        return 0;
    mail_server_t server = {c->smtp, c->from};
    return outbox_deliver(db, send_smtp, &server);
}

static struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stop;
    jobs_config_t config;
} loop = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *run(void *arg)
{
    (void)arg;
    char *err = NULL;
    db_t *db = db_open_worker(loop.config.db_url, &err);
    if (!db) {
        log_error("bakgrundsrundan: kan inte öppna databasen: %s", err ? err : "");
        free(err);
        return NULL;
    }
    pthread_mutex_lock(&loop.lock);
    while (!loop.stop) {
        pthread_mutex_unlock(&loop.lock);
        char day[11];
        fmt_today(day, 0);
        int64_t before = outbox_count(db);
        int sent = jobs_round(db, &loop.config, day);
        int64_t queued = outbox_count(db) - before;
        if (queued || sent)
            log_info("bakgrundsrundan: %lld nya i utkorgen, %d skickade", (long long)queued, sent);
        pthread_mutex_lock(&loop.lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += loop.config.interval;
        while (!loop.stop && pthread_cond_timedwait(&loop.wake, &loop.lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&loop.lock);
    db_close(db);
    return NULL;
}

void jobs_start(const jobs_config_t *c)
{
    if (c->interval <= 0)
        return;
    loop.config = *c;
    loop.stop = false;
    loop.running = pthread_create(&loop.thread, NULL, run, NULL) == 0;
}

void jobs_stop(void)
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
