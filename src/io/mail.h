/* mail.h — sending one message by SMTP (libcurl): UTF-8 text, the subject encoded as
 * RFC 2047 words. */
#ifndef SV_IO_MAIL_H
#define SV_IO_MAIL_H
#include <stdbool.h>
#include <stddef.h>

typedef struct mail_server {
    const char *url;   /* smtp://host:port (smtps:// for TLS) */
    const char *from;  /* the sender's address */
} mail_server_t;

/* Sends a plain-text message; on failure false with curl's reason in error[size]. */
bool mail_send(const mail_server_t *server, const char *to, const char *subject, const char *body, char *error,
               size_t size);

#endif
