/* door.h — the server's listening socket, and a look at each connection's first request
 * before libmicrohttpd takes the connection over.
 *
 * Why the look: libmicrohttpd 0.9.75 (Debian 12) answers a Cookie header whose value is a
 * lone or unbalanced quote with its own 431 page, sent twice on the same connection. A
 * client that sends such a cookie sends it with the first request of every connection, so
 * refusing it here with a proper 400 (JSON under /api/, Swedish HTML elsewhere) answers it
 * once and cleanly. Owning the socket also lets the server say plainly that an address is
 * already in use instead of sharing the port with another server. */
#ifndef SV_DOOR_H
#define SV_DOOR_H
#include <stdbool.h>
#include <stddef.h>

struct MHD_Daemon;
typedef struct door door_t;

/* Binds and listens on host:port (IPv4 or IPv6 literal; port 0 picks one). On failure
 * returns NULL with a Swedish message in err. */
door_t *door_open(const char *host, unsigned short port, char *err, size_t errlen);
unsigned short door_port(const door_t *d);
/* Starts the thread that accepts connections and hands them to the daemon (started with
 * MHD_USE_NO_LISTEN_SOCKET). */
bool door_start(door_t *d, struct MHD_Daemon *daemon);
/* Stops accepting, closes the socket and every connection not yet handed over. */
void door_close(door_t *d);

/* Whether a request's header block (up to the blank line) has a Cookie header that is not
 * well formed: a value with a quote that does not open and close it. Exposed for tests. */
bool door_cookie_malformed(const char *head, size_t len);

#endif
