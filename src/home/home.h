/* home.h — the start page for each role. */
#ifndef SV_HOME_H
#define SV_HOME_H
#include "../http/request.h"

int home_page(request_t *req);
int home_health(request_t *req);

#endif
