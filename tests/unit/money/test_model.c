/* test_model.c — a grant's balances on a hand-worked agreement, what a payout or a claim
 * may be, and the cost table seed 003 reports for 2017. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "money/money.h"
#include <string.h>

#define KR(x) ((int64_t)(x) * 100)

/* Granted 830 000 kr on two lines, planned in two payouts; 500 000 paid and approved,
 * 330 000 registered and waiting; the reports say 150 000 then 400 000 used on line 1
 * (the later counts) and 200 000 on line 2, finance's figure for line 2 a term later is
 * 250 000; a repayment of 60 000 is paid and a claim of 10 000 raised, another written off. */
static void balances_of_a_hand_worked_grant(void **state)
{
    (void)state;
    money_payout_fact_t p[] = {{KR(500000), true}, {KR(330000), false}};
    money_use_fact_t u[] = {{1, "2026-06-30", KR(150000)}, {1, "2026-12-31", KR(400000)},
                            {2, "2026-06-30", KR(200000)}, {2, "2027-01-15", KR(250000)}};
    money_claim_fact_t c[] = {{KR(60000), "paid"}, {KR(10000), "raised"}, {KR(5000), "written_off"}};
    money_balance_t b = money_balance(KR(830000), KR(830000), p, 2, u, 4, c, 3);
    assert_int_equal(b.granted, KR(830000));
    assert_int_equal(b.planned, KR(830000));
    assert_int_equal(b.paid, KR(500000));
    assert_int_equal(b.pending, KR(330000));
    assert_int_equal(b.used, KR(650000));
    assert_int_equal(b.unused, 0); /* used more than paid so far: nothing unused */
    assert_int_equal(b.claimed, KR(70000));
    assert_int_equal(b.repaid, KR(60000));
    assert_int_equal(b.open, KR(10000));
    assert_int_equal(b.written_off, KR(5000));
    /* Once the rest is paid: 830 000 − 650 000 = 180 000 unused. */
    p[1].approved = true;
    b = money_balance(KR(830000), KR(830000), p, 2, u, 4, c, 3);
    assert_int_equal(b.paid, KR(830000));
    assert_int_equal(b.unused, KR(180000));
    /* Two figures for the same line and date: the one given last counts. */
    money_use_fact_t same[] = {{0, "2026-06-30", KR(100)}, {0, "2026-06-30", KR(300)}};
    b = money_balance(KR(1000), KR(1000), NULL, 0, same, 2, NULL, 0);
    assert_int_equal(b.used, KR(300));
}

static void payouts_and_claims_within_their_limits(void **state)
{
    (void)state;
    money_balance_t b = {.granted = KR(830000), .paid = KR(500000), .pending = KR(300000), .claimed = KR(10000)};
    char why[200];
    assert_true(money_payout_allowed(&b, KR(30000), why, sizeof why));
    assert_false(money_payout_allowed(&b, KR(30000) + 1, why, sizeof why));
    assert_non_null(strstr(why, "30\xC2\xA0" "000\xC2\xA0kr"));
    assert_false(money_payout_allowed(&b, 0, why, sizeof why));
    assert_false(money_payout_allowed(&b, -KR(5), why, sizeof why));
    assert_true(money_claim_allowed(&b, KR(490000), why, sizeof why));
    assert_false(money_claim_allowed(&b, KR(490000) + 1, why, sizeof why));
    assert_non_null(strstr(why, "redan krävs tillbaka"));
}

/* Seed 003 §11: 35 101 180 + 52 751 361 + 22 216 891 + 2 293 074 = 112 362 506 kr, with
 * communication (1 069 tkr) a sub-line of the second intervention category. */
static void the_cost_table_of_2017(void **state)
{
    (void)state;
    money_cost_sum_t sums[] = {
        {"team", "", KR(35101180)},          {"grants", "", KR(52751361)},
        {"services", "", KR(21147891)},      {"services", "Kommunikation", KR(1069000)},
        {"evaluation", "", KR(2293074)},
    };
    int64_t forecast[] = {KR(36000000), -1, KR(20000000), KR(3000000)};
    money_cost_table_t t;
    money_cost_table(2017, sums, 5, forecast, &t);
    assert_int_equal(t.year, 2017);
    assert_int_equal(t.rows[0].outcome, KR(35101180));
    assert_int_equal(t.rows[1].outcome, KR(52751361));
    assert_int_equal(t.rows[2].outcome, KR(22216891));
    assert_int_equal(t.rows[2].nsublines, 1);
    assert_string_equal(t.rows[2].sublines[0]->subline, "Kommunikation");
    assert_int_equal(t.rows[3].outcome, KR(2293074));
    assert_int_equal(t.total, KR(112362506));
    assert_int_equal(t.rows[1].forecast, -1);
    assert_int_equal(t.total_forecast, KR(59000000));
    assert_string_equal(t.rows[0].label, "Teamkostnader");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(balances_of_a_hand_worked_grant),
        cmocka_unit_test(payouts_and_claims_within_their_limits),
        cmocka_unit_test(the_cost_table_of_2017),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
