/* mail.c — one message by SMTP through libcurl. */
#include "mail.h"
#include "../base/buf.h"
#include <curl/curl.h>
#include <stdio.h>
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

bool mail_send(const mail_server_t *server, const char *to, const char *subject, const char *body, char *error,
               size_t size)
{
    buf_t msg = BUF_INIT;
    buf_printf(&msg, "From: Samverkan <%s>\r\nTo: <%s>\r\nSubject: ", server->from, to);
    header_word(&msg, subject);
    buf_puts(&msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                   "Content-Transfer-Encoding: 8bit\r\n\r\n");
    buf_puts(&msg, body);
    CURL *curl = curl_easy_init();
    char to_addr[320], from_addr[320];
    snprintf(to_addr, sizeof to_addr, "<%s>", to);
    snprintf(from_addr, sizeof from_addr, "<%s>", server->from);
    struct curl_slist *rcpt = curl_slist_append(NULL, to_addr);
    mail_body_t up = {msg.data, msg.len, 0};
    curl_easy_setopt(curl, CURLOPT_URL, server->url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from_addr);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        snprintf(error, size, "%s", curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    buf_free(&msg);
    return rc == CURLE_OK;
}
