/* mail.c — one message by SMTP through libcurl. */
#include "mail.h"
#include "../base/buf.h"
#include "dynlib.h"
/* The functions are called through pointers: curl.h's type-checking wrappers are
 * function-like macros that would take the calls over. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct mail_body {
    const char *data;
    size_t len, pos;
} mail_body_t;

static size_t read_upload(char *buf, size_t size, size_t nmemb, void *p)
{
    mail_body_t *u = p;
    size_t room = size * nmemb, left = u->len - u->pos, n = left < room ? left : room;
    memcpy(buf, u->data + u->pos, n);
    u->pos += n;
    return n;
}

/* Encodes a header value as one RFC 2047 base64 UTF-8 word. */
static void header_word(buf_t *out, const char *s)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    buf_puts(out, "=?UTF-8?B?");
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)s[i] << 16 | (i + 1 < n ? (unsigned char)s[i + 1] << 8 : 0) |
                     (i + 2 < n ? (unsigned char)s[i + 2] : 0);
        buf_putc(out, b64[v >> 18 & 63]);
        buf_putc(out, b64[v >> 12 & 63]);
        buf_putc(out, i + 1 < n ? b64[v >> 6 & 63] : '=');
        buf_putc(out, i + 2 < n ? b64[v & 63] : '=');
    }
    buf_puts(out, "?=");
}

/* libcurl, opened by the first message rather than at every start (dynlib.h): with the
 * libraries it pulls in (TLS, HTTP/2, SSH, LDAP) it cost every command 2 ms. */
#define CURL_SONAME "libcurl.so.4"
#define CURL_FUNCTIONS(X)                                                                            \
    X(CURL_SONAME, curl_global_init)                                                                 \
    X(CURL_SONAME, curl_global_cleanup)                                                              \
    X(CURL_SONAME, curl_easy_init)                                                                   \
    X(CURL_SONAME, curl_easy_setopt)                                                                 \
    X(CURL_SONAME, curl_easy_perform)                                                                \
    X(CURL_SONAME, curl_easy_strerror)                                                               \
    X(CURL_SONAME, curl_easy_cleanup)                                                                \
    X(CURL_SONAME, curl_slist_append)                                                                \
    X(CURL_SONAME, curl_slist_free_all)

static struct {
    CURL_FUNCTIONS(DYNLIB_FIELD)
} cl;
static bool curl_loaded;
static pthread_once_t curl_ready = PTHREAD_ONCE_INIT;

/* Once, whichever thread comes first: opens libcurl and sets up its global state (the
 * TLS library among it). */
static void curl_setup(void)
{
    curl_loaded = true;
#define CURL_RESOLVE(soname, name) curl_loaded = dynlib_resolve(soname, #name, (void **)&cl.name) && curl_loaded;
    CURL_FUNCTIONS(CURL_RESOLVE)
#undef CURL_RESOLVE
    if (curl_loaded && cl.curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
        atexit(cl.curl_global_cleanup);
}

bool mail_send(const mail_server_t *server, const char *to, const char *subject, const char *body, char *error,
               size_t size)
{
    buf_t msg = BUF_INIT;
    buf_printf(&msg, "From: Samverkan <%s>\r\nTo: <%s>\r\nSubject: ", server->from, to);
    header_word(&msg, subject);
    buf_puts(&msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: 8bit\r\n\r\n");
    buf_puts(&msg, body);
    pthread_once(&curl_ready, curl_setup);
    CURL *curl = curl_loaded ? cl.curl_easy_init() : NULL;
    if (!curl) {
        snprintf(error, size, "libcurl kunde inte startas");
        buf_free(&msg);
        return false;
    }
    char to_addr[320], from_addr[320];
    snprintf(to_addr, sizeof to_addr, "<%s>", to);
    snprintf(from_addr, sizeof from_addr, "<%s>", server->from);
    struct curl_slist *rcpt = cl.curl_slist_append(NULL, to_addr);
    mail_body_t up = {msg.data, msg.len, 0};
    cl.curl_easy_setopt(curl, CURLOPT_URL, server->url);
    cl.curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from_addr);
    cl.curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    cl.curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    cl.curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    cl.curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    cl.curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    cl.curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = cl.curl_easy_perform(curl);
    if (rc != CURLE_OK)
        snprintf(error, size, "%s", cl.curl_easy_strerror(rc));
    cl.curl_slist_free_all(rcpt);
    cl.curl_easy_cleanup(curl);
    buf_free(&msg);
    return rc == CURLE_OK;
}
