"""`samverkan index` on the real files: the preschool index over the two variables the
preschool file has, and expected results joining the 2024/25 results with the 2023/24
background file. n, coefficients and the top of each ranking are recomputed here,
independently, from the files themselves."""
import csv
import io
import json
import math
from harness import demo_db, run_cli, data_file, have_data, eq, Skip, skolverket_rows

db = None


def setup(tmp):
    global db
    if not have_data():
        raise Skip("../shared/data saknas")
    db = demo_db(tmp, with_data=True)


def num(s):
    s = s.strip().replace("\u00a0", "").replace(" ", "").lstrip("~").replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def test_preschool_index_matches_an_independent_computation():
    rows = list(csv.DictReader(open(data_file("preschool/forskolor_rows_national_2025.csv"), encoding="utf-8")))
    deg = {r["skolverkets_id"]: num(r["Andel med förskollärarexamen"]) for r in rows}
    cps = {r["skolverkets_id"]: num(r["Personaltäthet"]) for r in rows}
    def stats(values):
        v = [x for x in values if x is not None]
        mu = sum(v) / len(v)
        return mu, math.sqrt(sum((x - mu) ** 2 for x in v) / len(v))
    mu_d, sd_d = stats(deg.values())
    mu_c, sd_c = stats(cps.values())
    expect = {}
    for code in deg:
        if deg[code] is None or cps[code] is None:
            continue
        expect[code] = (-(deg[code] - mu_d) / sd_d + (cps[code] - mu_c) / sd_c) / 2
    ranked = sorted(expect, key=lambda c: (-expect[c], len(c), c))
    out = run_cli(["index", "preschool", "--year", "2025", "--vars", "degree_share,children_per_staff"], db=db).stdout
    got = list(csv.DictReader(io.StringIO(out)))
    eq(list(got[0])[:5], ["rank", "code", "name", "organiser", "value"])
    with_rank = [g for g in got if g["rank"]]
    eq(len(with_rank), len(expect), "rangordnade förskolor")
    eq(len(got) - len(with_rank), len(rows) - len(expect), "förskolor som saknar en variabel listas")
    assert all(g["note"].startswith("saknar ") for g in got if not g["rank"]), "skälet står för varje orangordnad"
    for i in range(25):
        eq(got[i]["code"], ranked[i], f"plats {i + 1}")
        assert abs(float(got[i]["value"]) - expect[ranked[i]]) < 1e-5, (got[i], expect[ranked[i]])
        eq(int(got[i]["rank"]), i + 1)
    top = got[0]
    pct = 100 * sum(1 for v in cps.values() if v is not None and v <= cps[top["code"]]) / sum(1 for v in cps.values() if v is not None)
    assert abs(float(top["children_per_staff_percentile"]) - pct) < 1e-5
    contrib = (cps[top["code"]] - mu_c) / sd_c / 2
    assert abs(float(top["children_per_staff_contribution"]) - contrib) < 1e-5


def solve3(a, b):
    """Gaussian elimination for the 3×3 normal equations."""
    m = [row[:] + [v] for row, v in zip(a, b)]
    for c in range(3):
        p = max(range(c, 3), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, 3):
            f = m[r][c] / m[c][c]
            m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    x = [0.0] * 3
    for r in (2, 1, 0):
        x[r] = (m[r][3] - sum(m[r][k] * x[k] for k in range(r + 1, 3))) / m[r][r]
    return x


def test_expected_results_match_an_independent_regression():
    merit = {r[1]: num(r[10]) for r in skolverket_rows(data_file("skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"))}
    bg = {r[1]: (num(r[11]), num(r[12])) for r in skolverket_rows(data_file("skolverket/grundskola_antal_elever_bakgrund_2023-24_skolenhet.csv"))}
    data = [(c, merit[c], *bg[c]) for c in merit if merit[c] is not None and c in bg and None not in bg[c]]
    n = len(data)
    xtx = [[0.0] * 3 for _ in range(3)]
    xty = [0.0] * 3
    for _, y, a, b in data:
        row = (1.0, a, b)
        for i in range(3):
            xty[i] += row[i] * y
            for j in range(3):
                xtx[i][j] += row[i] * row[j]
    beta = solve3(xtx, xty)
    resid = {c: y - (beta[0] + beta[1] * a + beta[2] * b) for c, y, a, b in data}
    ybar = sum(y for _, y, _, _ in data) / n
    r2 = 1 - sum(r * r for r in resid.values()) / sum((y - ybar) ** 2 for _, y, _, _ in data)
    out = run_cli(["index", "results", "--year", "2025", "--result", "merit17", "--background",
                   "foreign_bg,parents_post_sec", "--background-year", "2024", "--format", "json"], db=db).stdout
    got = json.loads(out)
    eq(got["n"], n, "enheter i modellen")
    for key, want in (("intercept", beta[0]), ("foreign_bg", beta[1]), ("parents_post_sec", beta[2])):
        assert abs(got["coefficients"][key] - want) < 1e-6 * max(1, abs(want)), (key, got["coefficients"][key], want)
    assert abs(got["r2"] - r2) < 1e-9
    lowest = sorted(resid, key=lambda c: (resid[c], c))[:10]
    eq([r["code"] for r in got["rows"][:10]], lowest, "lägst residual först")
    assert abs(got["rows"][0]["residual"] - resid[lowest[0]]) < 1e-6
    csv_out = run_cli(["index", "results", "--year", "2025", "--background-year", "2024"], db=db).stdout
    eq(csv_out.splitlines()[0].split(",")[:5], ["rank", "code", "name", "organiser", "value"])
