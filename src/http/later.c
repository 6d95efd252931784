/* later.c — held requests and the thread that resumes them (later.h). */
#include "later.h"
#include "../base/alloc.h"
#include <microhttpd.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

typedef struct held {
    struct MHD_Connection *conn;
    struct timespec due;
} held_t;

static held_t *held;
static size_t nheld, capheld;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed;
static pthread_t thread;
static bool running, stopping;

static bool before(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void *later_thread(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!stopping || nheld) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        struct timespec next = {now.tv_sec + 3600, 0};
        for (size_t i = 0; i < nheld;) {
            if (stopping || !before(&now, &held[i].due)) {
                MHD_resume_connection(held[i].conn);
                held[i] = held[--nheld];
                continue;
            }
            if (before(&held[i].due, &next))
                next = held[i].due;
            i++;
        }
        if (stopping && !nheld)
            break;
        pthread_cond_timedwait(&changed, &lock, &next);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

void later_start(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&changed, &attr);
    pthread_condattr_destroy(&attr);
    stopping = false;
    running = pthread_create(&thread, NULL, later_thread, NULL) == 0;
}

void later_stop(void)
{
    if (!running)
        return;
    pthread_mutex_lock(&lock);
    stopping = true;
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    running = false;
    free(held);
    held = NULL;
    nheld = capheld = 0;
}

bool later_hold(struct MHD_Connection *conn, int ms)
{
    pthread_mutex_lock(&lock);
    bool open = running && !stopping;
    pthread_mutex_unlock(&lock);
    if (!open)
        return false; /* shutting down: nothing would resume it */
    struct timespec due;
    clock_gettime(CLOCK_MONOTONIC, &due);
    due.tv_sec += ms / 1000;
    due.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (due.tv_nsec >= 1000000000L) {
        due.tv_sec++;
        due.tv_nsec -= 1000000000L;
    }
    MHD_suspend_connection(conn);
    pthread_mutex_lock(&lock);
    if (nheld == capheld) {
        capheld = capheld ? capheld * 2 : 16;
        held = xrealloc(held, capheld * sizeof *held);
    }
    held[nheld++] = (held_t){conn, due};
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    return true;
}
