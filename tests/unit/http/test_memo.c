/* test_memo.c — what a request keeps of its own reads (req_memo_get) is given back only
 * while the request has written nothing: a SELECT leaves it, any write, commit or
 * rollback on the connection makes it unread. On a real SQLite database. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "http/request.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char key_a = 0, key_b = 0;
static const int list_one[] = {1, 2, 3}, list_two[] = {4};

typedef struct fixture {
    char path[64];
    request_t req;
} fixture_t;

static int open_db(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    snprintf(f->path, sizeof f->path, "/tmp/sv-memo-%d.db", (int)getpid());
    unlink(f->path);
    char *err = NULL;
    f->req.db = db_open(f->path, &err);
    if (!f->req.db) {
        fprintf(stderr, "%s\n", err ? err : "db_open");
        free(err);
        free(f);
        return -1;
    }
    if (db_exec(f->req.db, "CREATE TABLE t (v INTEGER)") != DB_OK)
        return -1;
    *state = f;
    return 0;
}

static int close_db(void **state)
{
    fixture_t *f = *state;
    db_close(f->req.db);
    arena_free(&f->req.arena);
    char side[80];
    unlink(f->path);
    snprintf(side, sizeof side, "%s-wal", f->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", f->path);
    unlink(side);
    free(f);
    return 0;
}

static int count_rows(db_t *db)
{
    return (int)db_query_int(db, "SELECT COUNT(*) FROM t", NULL, -1);
}

static void kept_values_come_back_by_key(void **state)
{
    fixture_t *f = *state;
    size_t n = 99;
    assert_null(req_memo_get(&f->req, &key_a, 0, &n));
    req_memo_keep(&f->req, &key_a, 0, list_one, 3);
    req_memo_keep(&f->req, &key_b, 0, list_two, 1);
    assert_ptr_equal(req_memo_get(&f->req, &key_a, 0, &n), list_one);
    assert_int_equal(n, 3);
    assert_ptr_equal(req_memo_get(&f->req, &key_b, 0, &n), list_two);
    assert_int_equal(n, 1);
}

static void an_empty_list_is_kept_too(void **state)
{
    fixture_t *f = *state;
    size_t n = 99;
    /* A case without units: read once, and the second part of the page finds it kept. */
    req_memo_keep(&f->req, &key_a, 7, NULL, 0);
    assert_non_null(req_memo_get(&f->req, &key_a, 7, &n));
    assert_int_equal(n, 0);
    assert_null(req_memo_get(&f->req, &key_a, 8, &n)); /* another case's: not read */
    assert_int_equal(db_run(f->req.db, "INSERT INTO t (v) VALUES (?)", "i", (int64_t)3), DB_DONE);
    assert_null(req_memo_get(&f->req, &key_a, 7, &n));
}

static void reads_leave_them_and_a_write_drops_them(void **state)
{
    fixture_t *f = *state;
    size_t n = 0;
    req_memo_keep(&f->req, &key_a, 0, list_one, 3);
    assert_int_equal(count_rows(f->req.db), 0); /* a read */
    assert_ptr_equal(req_memo_get(&f->req, &key_a, 0, &n), list_one);

    assert_int_equal(db_run(f->req.db, "INSERT INTO t (v) VALUES (?)", "i", (int64_t)1), DB_DONE);
    assert_null(req_memo_get(&f->req, &key_a, 0, &n));

    /* Read again after the write: the newer value is kept and given back. */
    req_memo_keep(&f->req, &key_a, 0, list_two, 1);
    assert_ptr_equal(req_memo_get(&f->req, &key_a, 0, &n), list_two);
    assert_int_equal(n, 1);
}

static void transactions_drop_them(void **state)
{
    fixture_t *f = *state;
    size_t n = 0;
    req_memo_keep(&f->req, &key_a, 0, list_one, 3);
    assert_int_equal(db_begin_write(f->req.db), DB_OK);
    assert_null(req_memo_get(&f->req, &key_a, 0, &n));

    /* Kept inside the transaction, then rolled back: what it read is gone with it. */
    assert_int_equal(db_run(f->req.db, "INSERT INTO t (v) VALUES (?)", "i", (int64_t)2), DB_DONE);
    req_memo_keep(&f->req, &key_a, 0, list_one, 3);
    assert_int_equal(db_rollback(f->req.db), DB_OK);
    assert_null(req_memo_get(&f->req, &key_a, 0, &n));

    req_memo_keep(&f->req, &key_a, 0, list_one, 3);
    assert_int_equal(db_begin_write(f->req.db), DB_OK);
    assert_int_equal(db_commit(f->req.db), DB_OK);
    assert_null(req_memo_get(&f->req, &key_a, 0, &n));
}

static void a_statement_run_as_text_drops_them(void **state)
{
    fixture_t *f = *state;
    size_t n = 0;
    req_memo_keep(&f->req, &key_a, 0, list_one, 3);
    assert_int_equal(db_exec(f->req.db, "DELETE FROM t"), DB_OK);
    assert_null(req_memo_get(&f->req, &key_a, 0, &n));
}

static void without_a_database_nothing_is_kept(void **state)
{
    (void)state;
    request_t req;
    memset(&req, 0, sizeof req);
    size_t n = 0;
    req_memo_keep(&req, &key_a, 0, list_one, 3);
    assert_null(req_memo_get(&req, &key_a, 0, &n));
    arena_free(&req.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(kept_values_come_back_by_key, open_db, close_db),
        cmocka_unit_test_setup_teardown(an_empty_list_is_kept_too, open_db, close_db),
        cmocka_unit_test_setup_teardown(reads_leave_them_and_a_write_drops_them, open_db, close_db),
        cmocka_unit_test_setup_teardown(transactions_drop_them, open_db, close_db),
        cmocka_unit_test_setup_teardown(a_statement_run_as_text_drops_them, open_db, close_db),
        cmocka_unit_test(without_a_database_nothing_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
