/* later.h — requests held for a while without a worker: a connection is suspended in
 * libmicrohttpd and resumed by one timer thread when its time has come (the growing wait
 * of password attempts). Internal to the server. */
#ifndef SV_LATER_H
#define SV_LATER_H
#include <stdbool.h>

struct MHD_Connection;

void later_start(void);
/* Resumes every held connection at once, then stops the thread (before the daemon stops:
 * a daemon may not stop with connections suspended). */
void later_stop(void);
/* Suspends conn (from its access handler) and resumes it after ms milliseconds; false
 * (and nothing held) while the server stops. */
bool later_hold(struct MHD_Connection *conn, int ms);

#endif
