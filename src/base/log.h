/* log.h — one-line log messages on standard error with a UTC timestamp. */
#ifndef SV_LOG_H
#define SV_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Silences info lines (warnings and errors still print). */
void log_set_quiet(int quiet);

#endif
