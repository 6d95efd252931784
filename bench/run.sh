#!/usr/bin/env bash
# make bench: measures Samverkan against a ceiling built in the same run and prints a
# table of ratios, so runs on different machines compare.
#   - import of each real file: seconds and peak memory, beside sqlite3's own .import
#     of the same file (the floor for getting rows into SQLite at all);
#   - pages and API calls under wrk at a few concurrencies: requests per second and
#     latency p50/p99, beside a bare libmicrohttpd "hello" (bench/hello.c);
#   - each selection ranking over all units (median of five runs), beside sqlite3 reading
#     the same values (the floor for getting the inputs at all), and the round pages;
#   - each role's start page with a national-scale demo (about 300 cases, 2,000
#     meetings), and the time to render an agreement as PDF;
#   - the server's peak memory during a 60 MB import and under 24 parallel 60 MB uploads
#     (anonymous, and signed in but over the limit), beside its idle memory;
#   - a survey of 10 000 respondents × 40 questions: the results' time beside sqlite3
#     grouping the same answers, and the answer page's writes per second;
#   - the size of the binary.
# BENCH_SECONDS (default 5) sets each wrk run's length.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-5}
data=${SAMVERKAN_DATA:-../shared/data}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
bin=./build/samverkan
[[ -d $data ]] || { echo "bench: $data saknas"; exit 1; }

cc -O2 -o "$work/hello" bench/hello.c $(pkg-config --cflags --libs libmicrohttpd)

declare -A sqlite_import_ms page_rps page_p50 page_plain page_pair
page_names=()
imports=(
  "municipalities geo/municipality_county.csv"
  "organisers register/SER_2020-08_Huvudmän.csv"
  "units register/SER_2020-08_Grundskola.csv"
  "units register/SER_2020-08_Gymnasieskola.csv"
  "results skolverket/grundskola_slutbetyg_ak9_2024-25_skolenhet.csv"
  "background skolverket/grundskola_antal_elever_bakgrund_2023-24_skolenhet.csv"
  "preschools preschool/forskolor_rows_national_2025.csv --year 2025"
)
median3() { tr ' ' '\n' <<<"$1" | grep . | sort -n | sed -n 2p; }
# The files in the demo's order into a fresh database (new_db names it), three times;
# each file's median wall time in milliseconds, and its peak memory from a run before.
declare -A import_ms import_kb import_rows
import_runs() { # label new_db
  local label=$1 new_db=$2 rep spec kind rel extra db t0 t1
  for rep in 0 1 2 3; do
    db=$($new_db "$rep")
    $bin init --db "$db" >/dev/null 2>&1
    for spec in "${imports[@]}"; do
      read -r kind rel extra <<<"$spec"
      local name; name=$(basename "$rel")
      if [[ $rep == 0 ]]; then # the memory, under /usr/bin/time; the times come from the bare runs
        /usr/bin/time -f "%M" -o "$work/t" $bin import "$kind" "$data/$rel" $extra --db "$db" >"$work/out" 2>/dev/null
        import_kb["$label|$name"]=$(tail -1 "$work/t")
        import_rows[$name]=$(sed -nE 's/^ +rader lästa: +([0-9]+)$/\1/p' "$work/out")
        continue
      fi
      t0=$(date +%s%N)
      $bin import "$kind" "$data/$rel" $extra --db "$db" >/dev/null 2>&1
      t1=$(date +%s%N)
      import_ms["$label|$name"]+=" $(( (t1 - t0) / 1000000 ))"
    done
  done
}
sqlite_db() { rm -f "$work/bench$1.db"*; echo "$work/bench$1.db"; }
echo "## Import (en ny databas, filerna i den ordning demo läser dem; ms, median av 3 körningar)"
printf "%-58s %8s %9s %10s %12s %8s\n" fil rader ms "rader/s" "sqlite3 .import" kvot
import_runs SQLite sqlite_db
for spec in "${imports[@]}"; do
  read -r kind rel extra <<<"$spec"
  f="$data/$rel" name=$(basename "$rel")
  sep=','; head -c 4000 "$f" | grep -q ';' && sep=';'
  raws=""
  for _ in 1 2 3; do
    rm -f "$work/raw.db"
    t0=$(date +%s%N)
    sqlite3 "$work/raw.db" ".mode csv" ".separator '$sep'" ".import '$f' raw" 2>/dev/null || true
    t1=$(date +%s%N)
    raws+=" $(( (t1 - t0) / 1000000 ))"
  done
  raw=$(median3 "$raws") ms=$(median3 "${import_ms[SQLite|$name]}") rows=${import_rows[$name]}
  printf "%-58s %8s %9s %10s %12s %8s   (toppminne %d MiB)\n" "$name" "$rows" "$ms" \
    "$(awk -v r="$rows" -v s="$ms" 'BEGIN { if (s > 0) printf "%d", r * 1000 / s; else print "–" }')" "$raw" \
    "$(awk -v a="$ms" -v b="$raw" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }')" \
    $((${import_kb[SQLite|$name]:-0} / 1024))
  sqlite_import_ms[$name]=$ms
done
db="$work/bench3.db" # the last run's: every file in it, for the demo below

# The pages and API calls measured, one "name|path" per line: the name says what it is,
# without the ids that differ between the databases, so the summary can set them side by side.
page_entries() { # db-url port analyst-session
  # The demo's objects (their ids differ between the databases): the first contact person,
  # Borås kommun's case, its unit analysis, its plan and an intervention.
  local url=$1 port=$2 kept_sid=$3
  q() { if [[ $url == postgres* ]]; then psql -X -At "$url" -c "$1"; else sqlite3 "$url" "$1"; fi; }
  local contact boras analysis plan intervention
  contact=$(q "SELECT MIN(id) FROM case_people WHERE role = 'contact'")
  local contact_case; contact_case=$(q "SELECT case_id FROM case_people WHERE id = $contact")
  boras=$(q "SELECT MIN(c.id) FROM cases c JOIN organisers o ON o.id = c.organiser_id WHERE o.orgnr = '2120001561'")
  analysis=$(q "SELECT MIN(id) FROM analyses WHERE case_id = $boras AND unit_id IS NOT NULL")
  plan=$(q "SELECT MIN(id) FROM plans WHERE case_id = $boras")
  intervention=$(q "SELECT MIN(id) FROM interventions WHERE plan_id = $plan")
  local university; university=$(q "SELECT id FROM universities WHERE name = 'Karlstads universitet'")
  local commission; commission=$(q "SELECT MIN(id) FROM commission_documents WHERE case_id = $boras")
  local grant; grant=$(q "SELECT MIN(id) FROM grants WHERE case_id = $boras")
  local network; network=$(q "SELECT MIN(id) FROM networks")
  local nmeeting; nmeeting=$(q "SELECT MIN(id) FROM network_meetings WHERE network_id = $network")
  local conference; conference=$(q "SELECT MIN(id) FROM conferences")
  local survey; survey=$(q "SELECT MIN(id) FROM surveys")
  # The indicator read most often (three years of months at national scale) and its case.
  local indicator; indicator=$(q "SELECT indicator_id FROM indicator_readings GROUP BY indicator_id ORDER BY COUNT(*) DESC, indicator_id LIMIT 1")
  local indicator_case; indicator_case=$(q "SELECT case_id FROM indicator_readings WHERE indicator_id = $indicator LIMIT 1")
  # Its latest term report (the terms follow the case's dates, which follow today's).
  local term; term=$(curl -s -H "Cookie: sv_session=$kept_sid" "http://127.0.0.1:$port/cases/$indicator_case" |
    grep -o 'reports/[0-9]\{4\}[VH]T' | sed 's|reports/||; s/VT$/1VT/; s/HT$/2HT/' | sort -u | tail -1 | sed 's/[12]\([VH]T\)$/\1/')
  local entry
  for entry in "/|/" "/organisers|/organisers" "/organisers?q=kommun|/organisers?q=kommun" "/units|/units" \
                 "/organisers/BORÅS|/organisers/2120001561" "/units/ENHET|/units/13746989" \
                 "/api/v1/organisers|/api/v1/organisers" "/api/v1/units/ENHET|/api/v1/units/13746989" \
                 "/rounds/1|/rounds/1" "/rounds/2/rankings/inspection|/rounds/2/rankings/inspection" \
                 "/rounds/2/rankings/preschool|/rounds/2/rankings/preschool" \
                 "/rounds/2/rankings/results|/rounds/2/rankings/results" \
                 "/api/v1/rounds/2/rankings/preschool|/api/v1/rounds/2/rankings/preschool" "/import|/import" \
                 "/cases|/cases" "/cases/1|/cases/1" "/cases/ÄRENDE/people/KONTAKT|/cases/$contact_case/people/$contact" \
                 "/api/v1/cases/1|/api/v1/cases/1" "/cases/BORÅS|/cases/$boras" "/analyses/ANALYS|/analyses/$analysis" \
                 "/analyses/ANALYS/versions|/analyses/$analysis/versions" \
                 "/api/v1/analyses/ANALYS|/api/v1/analyses/$analysis" \
                 "/api/v1/cases/BORÅS/analyses|/api/v1/cases/$boras/analyses" "/plans/PLAN|/plans/$plan" \
                 "/interventions/INSATS|/interventions/$intervention" "/api/v1/plans/PLAN|/api/v1/plans/$plan" \
                 "/api/v1/interventions/INSATS|/api/v1/interventions/$intervention" \
                 "/api/v1/cases/BORÅS/plans|/api/v1/cases/$boras/plans" \
                 "/cases/BORÅS/traceability|/cases/$boras/traceability" \
                 "/cases/BORÅS/traceability.csv|/cases/$boras/traceability.csv" "/interventions.csv|/interventions.csv" \
                 "/universities|/universities" "/universities/KAU|/universities/$university" \
                 "/indicators/INDIKATOR|/indicators/$indicator" \
                 "/indicators/INDIKATOR/readings.csv|/indicators/$indicator/readings.csv" \
                 "/api/v1/indicators/INDIKATOR|/api/v1/indicators/$indicator" \
                 "/cases/INDIKATORNS-ÄRENDE|/cases/$indicator_case" \
                 "/cases/INDIKATORNS-ÄRENDE/readings|/cases/$indicator_case/readings" \
                 "/cases/INDIKATORNS-ÄRENDE/readings.csv|/cases/$indicator_case/readings.csv" \
                 "/cases/INDIKATORNS-ÄRENDE/reports/TERMIN|/cases/$indicator_case/reports/$term" \
                 "/cases/BORÅS/reports/slut|/cases/$boras/reports/final" \
                 "/cases/BORÅS/capacity|/cases/$boras/capacity" "/cases/BORÅS/capacity/start|/cases/$boras/capacity/start" \
                 "/quality|/quality" "/cases/BORÅS/yearwheel|/cases/$boras/yearwheel" \
                 "/cases/BORÅS/reports/slut/submissions|/cases/$boras/reports/final/submissions" \
                 "/cases/BORÅS/commission|/cases/$boras/commission" "/commission/UPPDRAGSPLAN|/commission/$commission" \
                 "/commission/UPPDRAGSPLAN/submissions|/commission/$commission/submissions" \
                 "/api/v1/cases/BORÅS/commission|/api/v1/cases/$boras/commission" \
                 "[ekonomi] /cases/BORÅS/money|/cases/$boras/money" "[ekonomi] /grants|/grants" \
                 "[ekonomi] /grants/BIDRAG|/grants/$grant" "[ekonomi] /claims|/claims" \
                 "[ekonomi] /ledger?year=2017|/ledger?year=2017" "[ekonomi] /api/v1/grants|/api/v1/grants" \
                 "[ekonomi] /api/v1/grants/BIDRAG|/api/v1/grants/$grant" \
                 "[ekonomi] /api/v1/ledger/2017|/api/v1/ledger/2017" "/networks|/networks" \
                 "/networks/NÄTVERK|/networks/$network" "/network-meetings/MÖTE|/network-meetings/$nmeeting" \
                 "/api/v1/networks/NÄTVERK|/api/v1/networks/$network" "/conferences|/conferences" \
                 "/conferences/KONFERENS|/conferences/$conference" \
                 "/api/v1/conferences/KONFERENS|/api/v1/conferences/$conference" "/surveys|/surveys" \
                 "/surveys/bank|/surveys/bank" "/surveys/ENKÄT|/surveys/$survey" \
                 "/surveys/ENKÄT/results|/surveys/$survey/results" "/api/v1/surveys/ENKÄT/results|/api/v1/surveys/$survey/results" \
                 "/api/v1/surveys/ENKÄT|/api/v1/surveys/$survey" "/api/v1/surveys|/api/v1/surveys" \
                 "/surveys/ENKÄT/results.csv|/surveys/$survey/results.csv" "/surveys/ENKÄT/texts|/surveys/$survey/texts" \
                 "/surveys/ENKÄT/answers.csv|/surveys/$survey/answers.csv"; do
    echo "$entry"
  done
}

# With a partner (PostgreSQL's run: the SQLite database and a free port), each page is
# measured on SQLite too, right before, so that PostgreSQL/SQLite compares the same minute
# of a machine whose speed drifts.
pages() { # label db-url port [partner-db-url partner-port]
  local label=$1 url=$2 port=$3 partner_url=${4:-} partner_port=${5:-}
  echo
  echo "## Sidor och API på $label (wrk, ${secs}s per körning; kvot = samverkan / hello)"
  $bin serve --db "$url" --listen 127.0.0.1:$port >"$work/serve.out" 2>"$work/serve.err" &
  spid=$!
  sleep 0.8
  jar="$work/jar-$port"
  curl -s -c "$jar" -b "$jar" -o /dev/null http://127.0.0.1:$port/login
  tok=$(awk '$6 == "sv_csrf" { print $7 }' "$jar")
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$tok" --data-urlencode "email=analytiker@exempel.se" \
    --data-urlencode "password=samverkan-demo-2026" http://127.0.0.1:$port/login
  sid=$(awk '$6 == "sv_session" { print $7 }' "$jar")
  [[ -n $sid ]] || { echo "bench: inloggningen misslyckades"; exit 1; }
  # The same pages rendered anew on every request (nothing kept): the work behind a first
  # look after a change, beside the kept answers a second look gets.
  SAMVERKAN_CACHE=off $bin serve --db "$url" --listen 127.0.0.1:$((port + 50)) >/dev/null 2>&1 &
  local plain_pid=$!
  sleep 0.8
  local kept_sid=$sid plain_sid kept_fin plain_fin
  plain_sid=$(login_as analytiker@exempel.se $((port + 50)))
  # The money is finance's: its pages are measured signed in as the finance officer.
  kept_fin=$(login_as ekonomi@exempel.se $port)
  plain_fin=$(login_as ekonomi@exempel.se $((port + 50)))
  local -a entries partner_entries=()
  mapfile -t entries < <(page_entries "$url" "$port" "$kept_sid")
  local partner_pid="" partner_kept="" partner_fin=""
  if [[ -n $partner_url ]]; then
    $bin serve --db "$partner_url" --listen 127.0.0.1:$partner_port >/dev/null 2>&1 &
    partner_pid=$!
    sleep 0.8
    partner_kept=$(login_as analytiker@exempel.se $partner_port)
    partner_fin=$(login_as ekonomi@exempel.se $partner_port)
    mapfile -t partner_entries < <(page_entries "$partner_url" "$partner_port" "$partner_kept")
  fi
  printf "%-44s %4s %10s %9s %9s %10s %10s   %10s %9s %10s%s\n" sida c "req/s" "p50 ms" "p99 ms" "req/s-kvot" "p50-kvot" \
    "utan cache" "p50 ms" "req/s-kvot" "${partner_url:+"   SQLite req/s samma minut  $label/SQLite"}"
  for c in 1 16; do
    read -r hrps hp50 hp99 <<<"$(measure http://127.0.0.1:18098/ "$c")"
    printf "%-44s %4s %10s %9s %9s %10s %10s\n" "hello (tak)" "$c" "$hrps" "$(ms "$hp50")" "$(ms "$hp99")" "1.00" "1.00"
    [[ $c == 1 ]] && page_rps["$label|hello"]=$hrps
    local k
    for k in "${!entries[@]}"; do
      local entry=${entries[$k]}
      local name=${entry%%|*} path=${entry#*|} prps=" " pp50=" " pratio=" " as_kept=$kept_sid as_plain=$plain_sid
      local pair="" pair_ratio=""
      [[ $name == "[ekonomi]"* ]] && { as_kept=$kept_fin; as_plain=$plain_fin; }
      sid=$as_kept
      if [[ $c == 1 ]]; then
        # A page that does not answer 200 would be measured as its error page.
        local status; status=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: sv_session=$as_kept" "http://127.0.0.1:$port$path")
        [[ $status == 200 ]] || { echo "bench: $path svarar $status på $label" >&2; exit 1; }
        sid=$as_plain
        read -r prps pp50 _ <<<"$(measure "http://127.0.0.1:$((port + 50))$path" 1)"
        pratio=$(awk -v a="$prps" -v b="$hrps" 'BEGIN { printf "%.3f", a / b }')
        pp50=$(ms "$pp50")
        page_plain["$label|$name"]=$prps
        if [[ -n $partner_url ]]; then
          local partner=${partner_entries[$k]:-}
          [[ ${partner%%|*} == "$name" ]] || { echo "bench: sidorna skiljer sig mellan databaserna vid $name" >&2; exit 1; }
          sid=$partner_kept
          [[ $name == "[ekonomi]"* ]] && sid=$partner_fin
          read -r pair _ _ <<<"$(measure "http://127.0.0.1:$partner_port${partner#*|}" 1)"
          page_pair["$name"]=$pair
        fi
        sid=$as_kept
      fi
      read -r rps p50 p99 <<<"$(measure "http://127.0.0.1:$port$path" "$c")"
      if [[ $c == 1 ]]; then page_rps["$label|$name"]=$rps; page_p50["$label|$name"]=$(ms "$p50"); fi
      [[ $c == 1 && ! " ${page_names[*]} " =~ " $name " ]] && page_names+=("$name")
      [[ -n $pair ]] && pair_ratio=$(printf "   %24s %12s" "$pair" "$(awk -v a="$rps" -v b="$pair" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }')")
      printf "%-44s %4s %10s %9s %9s %10s %10s   %10s %9s %10s%s\n" "$path" "$c" "$rps" "$(ms "$p50")" "$(ms "$p99")" \
        "$(awk -v a="$rps" -v b="$hrps" 'BEGIN { printf "%.3f", a / b }')" \
        "$(awk -v a="$(ms "$p50")" -v b="$(ms "$hp50")" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }')" \
        "$prps" "$pp50" "$pratio" "$pair_ratio"
    done
  done
  rss=$(awk '/VmHWM/ { print $2 }' /proc/$spid/status)
  kill -TERM $spid $plain_pid $partner_pid; wait $spid $plain_pid $partner_pid 2>/dev/null || true
  echo "serverns toppminne (VmHWM) på $label: $((rss / 1024)) MiB"
}

# A few kept pages with the server reached through its local socket instead of TCP: what
# the one round trip a kept page needs costs there.
socket_pages() { # db-url port
  local url=$1 port=$2
  echo
  echo "## PostgreSQL genom sin lokala socket i stället för TCP, sparade sidor (wrk ${secs}s, 1 anslutning)"
  printf "%-44s %10s %9s %12s %12s\n" sida "req/s" "p50 ms" "kvot mot TCP" "PG/SQLite"
  $bin serve --db "$url" --listen 127.0.0.1:$port >/dev/null 2>&1 &
  local spid=$!
  sleep 0.8
  sid=$(login_as analytiker@exempel.se $port)
  for entry in "/|/" "/units/ENHET|/units/13746989" "/cases/1|/cases/1" "/api/v1/units/ENHET|/api/v1/units/13746989"; do
    local name=${entry%%|*} path=${entry#*|} rps p50
    read -r rps p50 _ <<<"$(measure "http://127.0.0.1:$port$path" 1)"
    printf "%-44s %10s %9s %12s %12s\n" "$name" "$rps" "$(ms "$p50")" \
      "$(awk -v a="$rps" -v b="${page_rps[PostgreSQL|$name]:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }')" \
      "$(awk -v a="$rps" -v b="${page_rps[SQLite|$name]:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "–" }')"
  done
  kill -TERM $spid; wait $spid 2>/dev/null || true
}

measure() { # url concurrency -> "rps p50 p99"
  local out threads=2
  [[ $2 -lt 2 ]] && threads=1
  out=$(wrk -t$threads -c"$2" -d"${secs}s" --latency -H "Cookie: sv_session=$sid" "$1" 2>&1)
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  echo "$rps $p50 $p99"
}
ms() { # wrk's "1.23ms"/"850.00us"/"1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

median_ms() { # command... -> median wall time of five runs, in milliseconds
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done | sort -n | sed -n 3p | awk '{ printf "%.1f", $1 / 1000 }'
}

rankings() { # db-url
  local url=$1
  echo
  echo "## Rangordningar över alla enheter (median av 5 körningar; kvot = samverkan index / sqlite3 som läser samma värden)"
  printf "%-70s %10s %12s %6s\n" rangordning "ms" "sqlite3 ms" kvot
  local read_sql="SELECT u.code, u.name, o.name, s.value FROM unit_stats s JOIN units u ON u.id = s.unit_id JOIN organisers o ON o.id = u.organiser_id WHERE"
  local specs=(
    "inspection|SELECT u.code, d.fine, d.work_areas, d.critical_factors FROM inspection_decisions d JOIN units u ON u.id = d.unit_id"
    "results --year 2025 --background-year 2024|$read_sql (s.year = 2025 AND s.variable = 'merit17') OR (s.year = 2024 AND s.variable IN ('foreign_bg', 'parents_post_sec'))"
    "preschool --year 2025 --vars degree_share,children_per_staff|$read_sql s.year = 2025 AND s.variable IN ('degree_share', 'children_per_staff')"
    "criteria --year 2025 --background-year 2024 --criteria-set 1|$read_sql (s.year = 2025 AND s.variable IN ('merit17', 'eligible_voc')) OR (s.year = 2024 AND s.variable = 'parents_post_sec')"
    "preschool --round 2|SELECT code, value FROM round_values WHERE round_id = 2 AND year = 2025 AND variable IN ('degree_share', 'children_per_staff')"
  )
  for spec in "${specs[@]}"; do
    local args=${spec%%|*} sql=${spec#*|}
    # shellcheck disable=SC2086
    local t; t=$(median_ms $bin index $args --db "$url")
    local b; b=$(median_ms sqlite3 "$url" "$sql")
    printf "%-70s %10s %12s %6s\n" "index $args" "$t" "$b" "$(awk -v a="$t" -v b="$b" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }')"
  done
}

$bin demo --db "$db" --data "$data" >/dev/null 2>&1
rankings "$db"
"$work/hello" 18098 & sleep 0.3

login_as() { # email port -> session id
  local jar="$work/jar-$1-$2"
  curl -s -c "$jar" -b "$jar" -o /dev/null http://127.0.0.1:$2/login
  local tok; tok=$(awk '$6 == "sv_csrf" { print $7 }' "$jar")
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$tok" --data-urlencode "email=$1" \
    --data-urlencode "password=samverkan-demo-2026" http://127.0.0.1:$2/login
  awk '$6 == "sv_session" { print $7 }' "$jar"
}

# Every role's start page: as served (its sections kept per viewer until the data
# changes) and rendered anew on every request (SAMVERKAN_CACHE=off), the work a first
# visit after a change costs.
start_pages() { # label db-url port
  local label=$1 url=$2 port=$3
  echo
  echo "## Startsidor på $label i nationell skala (wrk ${secs}s, 1 anslutning; kvot = samverkan / hello)"
  printf "%-28s %10s %9s %9s %10s   %10s %9s\n" "roll (startsida /)" "req/s" "p50 ms" "p99 ms" "req/s-kvot" \
    "utan cache" "p50 ms"
  read -r hrps hp50 hp99 <<<"$(measure http://127.0.0.1:18098/ 1)"
  $bin serve --db "$url" --listen 127.0.0.1:$port --remind-every 0 >/dev/null 2>&1 &
  local cached_pid=$!
  SAMVERKAN_CACHE=off $bin serve --db "$url" --listen 127.0.0.1:$((port + 1)) --remind-every 0 >/dev/null 2>&1 &
  local plain_pid=$!
  sleep 0.8
  for email in admin@exempel.se analytiker@exempel.se processtod1@exempel.se ekonomi@exempel.se huvudman@exempel.se \
               rektor@exempel.se analysgrupp@exempel.se larosate@exempel.se lasare@exempel.se; do
    sid=$(login_as "$email" $port)
    read -r rps p50 p99 <<<"$(measure http://127.0.0.1:$port/ 1)"
    sid=$(login_as "$email" $((port + 1)))
    read -r crps cp50 cp99 <<<"$(measure http://127.0.0.1:$((port + 1))/ 1)"
    printf "%-28s %10s %9s %9s %10s   %10s %9s\n" "$email" "$rps" "$(ms "$p50")" "$(ms "$p99")" \
      "$(awk -v a="$rps" -v b="$hrps" 'BEGIN { printf "%.3f", a / b }')" "$crps" "$(ms "$cp50")"
  done
  kill -TERM $cached_pid $plain_pid; wait $cached_pid $plain_pid 2>/dev/null || true
}

echo
scale_db="$work/scale.db"
$bin demo --db "$scale_db" --data "$data" --scale 300 >/dev/null 2>&1
echo "## Nationell skala: $(sqlite3 "$scale_db" 'SELECT COUNT(*) FROM cases') ärenden, $(sqlite3 "$scale_db" 'SELECT COUNT(*) FROM meetings') möten, $(sqlite3 "$scale_db" 'SELECT COUNT(*) FROM units') enheter, $(sqlite3 "$scale_db" 'SELECT COUNT(*) FROM indicators') indikatorer med $(sqlite3 "$scale_db" 'SELECT COUNT(*) FROM indicator_readings') avläsningar"
pages SQLite "$scale_db" 18099
start_pages SQLite "$scale_db" 18101

echo
$bin serve --db "$scale_db" --listen 127.0.0.1:18101 --remind-every 0 >/dev/null 2>&1 &
scale_pid=$!
sleep 0.8
read -r hrps hp50 hp99 <<<"$(measure http://127.0.0.1:18098/ 1)"
sid=$(login_as analytiker@exempel.se 18101)
agreement=$(sqlite3 "$scale_db" "SELECT id FROM agreements WHERE registry_number NOT LIKE 'demo:%' LIMIT 1")
read -r rps p50 p99 <<<"$(measure "http://127.0.0.1:18101/agreements/$agreement/document.pdf" 1)"
echo "överenskommelse som PDF (ÖK1, $(curl -s -b "sv_session=$sid" "http://127.0.0.1:18101/agreements/$agreement/document.pdf" | wc -c) byte): p50 $(ms "$p50") ms, p99 $(ms "$p99") ms, $rps st/s"
# A unit's analysis with its statistics, and an ÖK2 drafted from two approved plans and
# carrying them as attachment, in a case of the national-scale demo.
analysis=$(sqlite3 "$scale_db" "SELECT MIN(y.id) FROM analyses y JOIN cases c ON c.id = y.case_id WHERE y.unit_id IS NOT NULL AND c.phase = 'genomforande'")
scase=$(sqlite3 "$scale_db" "SELECT case_id FROM analyses WHERE id = $analysis")
read -r rps p50 p99 <<<"$(measure "http://127.0.0.1:18101/analyses/$analysis" 1)"
echo "en enhets nulägesanalys med statistik och riket (analys $analysis): p50 $(ms "$p50") ms, p99 $(ms "$p99") ms, $rps st/s, kvot $(awk -v a="$rps" -v b="$hrps" 'BEGIN { printf "%.3f", a / b }')"
jar="$work/jar-analytiker@exempel.se-18101"
tok=$(curl -s -b "$jar" "http://127.0.0.1:18101/cases/$scase" | sed -nE 's/.*name="csrf" value="([0-9a-f]+)".*/\1/p' | head -1)
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" --data-urlencode "csrf=$tok" "http://127.0.0.1:18101/cases/$scase/agreements/ok2")
ok2=$(sed -nE 's#.*/agreements/([0-9]+).*#\1#p' <<<"$loc")
plans=$(sqlite3 "$scale_db" "SELECT COUNT(*) FROM plans WHERE case_id = $scase AND version > 0")
read -r rps p50 p99 <<<"$(measure "http://127.0.0.1:18101/agreements/$ok2/document.pdf" 1)"
echo "ÖK2 som PDF med $plans godkända åtgärdsplaner som bilaga ($(curl -s -b "sv_session=$sid" "http://127.0.0.1:18101/agreements/$ok2/document.pdf" | wc -c) byte): p50 $(ms "$p50") ms, p99 $(ms "$p99") ms, $rps st/s"
# The cost ledger: an SIE4 file of 100 000 transactions (50 000 vouchers, a cost and its
# counter-entry each) read through the upload as the finance officer, against sqlite3
# .import of the same 50 000 cost rows; then the year's cost table, built anew.
python3 bench/sie_file.py "$work/ledger.se" 50000
python3 bench/sie_file.py "$work/ledger.csv" 50000 --csv
fjar="$work/jar-ekonomi@exempel.se-18101"
login_as ekonomi@exempel.se 18101 >/dev/null
ftok=$(curl -s -b "$fjar" "http://127.0.0.1:18101/ledger" | sed -nE 's/.*name="csrf" value="([0-9a-f]+)".*/\1/p' | head -1)
t0=$(date +%s%N)
curl -s -o "$work/ledger.html" -b "$fjar" -F "csrf=$ftok" -F "file=@$work/ledger.se" "http://127.0.0.1:18101/ledger/import"
t1=$(date +%s%N)
base=$(median_ms sqlite3 "$work/base.db" "CREATE TABLE IF NOT EXISTS x (booked_on, account, cost_centre, amount_ore, text, voucher)" ".mode csv" ".import --skip 1 $work/ledger.csv x")
t2=$(date +%s%N)
curl -s -o /dev/null -b "$fjar" "http://127.0.0.1:18101/api/v1/ledger/2026"
t3=$(date +%s%N)
read -r rps p50 p99 <<<"$(sid=$(awk '$6 == "sv_session" { print $7 }' "$fjar"); measure "http://127.0.0.1:18101/ledger?year=2026" 1)"
echo "SIE4-import, 100 000 transaktioner ($(stat -c %s "$work/ledger.se") byte): $(( (t1 - t0) / 1000000 )) ms" \
     "($(sed -nE 's/.*(ledger\.se: [^<]*)<.*/\1/p' "$work/ledger.html" | head -1)); sqlite3 .import av samma 50 000" \
     "kostnadsrader: $base ms; kvot $(awk -v a="$(( (t1 - t0) / 1000000 ))" -v b="$base" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }')"
echo "årets kostnadstabell efter importen (API, byggd på nytt): $(( (t3 - t2) / 1000000 )) ms; sidan /ledger?year=2026: p50 $(ms "$p50") ms, $rps st/s"
kill -TERM $scale_pid; wait $scale_pid 2>/dev/null || true

# The survey at the national scale: 10 000 respondents who answered all 40 questions (about
# 390 000 answers). The results page and API computed anew (nothing kept), against sqlite3
# grouping the same answers by question, group and value (the floor for counting them at
# all); and the answer page's writes per second (each "save" writes the 40 answers of one
# respondent in one transaction), against hello.
echo
echo "## Enkät i nationell skala"
sdb="$work/survey.db"
$bin init --db "$sdb" >/dev/null 2>&1
read -r survey token <<<"$(python3 bench/survey_data.py "$sdb" 10000)"
echo "samverkan-demo-2026" | $bin user add --email analytiker@exempel.se --name Analytiker --role analyst --db "$sdb" >/dev/null 2>&1
SAMVERKAN_CACHE=off $bin serve --db "$sdb" --listen 127.0.0.1:18105 >/dev/null 2>&1 &
survey_pid=$!
sleep 0.8
ssid=$(login_as analytiker@exempel.se 18105)
page_ms=$(median_ms curl -s -o /dev/null -b "sv_session=$ssid" "http://127.0.0.1:18105/surveys/$survey/results")
api_ms=$(median_ms curl -s -o /dev/null -b "sv_session=$ssid" "http://127.0.0.1:18105/api/v1/surveys/$survey/results")
floor_ms=$(median_ms sqlite3 "$sdb" "SELECT a.item_id, r.group_key, a.value, COUNT(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = $survey AND r.complete = 1 GROUP BY 1, 2, 3")
echo "resultatet för $(sqlite3 "$sdb" "SELECT COUNT(*) FROM survey_responses") svarande × 40 frågor ($(sqlite3 "$sdb" "SELECT COUNT(*) FROM survey_answers") svar):" \
     "sidan $page_ms ms, API $api_ms ms; sqlite3 som grupperar samma svar $floor_ms ms;" \
     "kvot $(awk -v a="$page_ms" -v b="$floor_ms" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "–" }')"
form="sv$(head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n')"
cat >"$work/answer.lua" <<LUA
wrk.method = "POST"
wrk.body = "csrf=$form&action=save&a1=I+ganska+stor+utstr%C3%A4ckning&a2=I+mycket+stor+utstr%C3%A4ckning&a31=2&a35=1,3&a38=7&a40=Mer+tid"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "sv_csrf=$form"
LUA
printf "%-44s %4s %10s %9s %9s %10s\n" "svarssidan (skriver)" anslutningar "svar/s" "p50 ms" "p99 ms" "kvot hello"
for c in 1 8; do
  threads=2; [[ $c -lt 2 ]] && threads=1
  out=$(wrk -t$threads -c$c -d"${secs}s" --latency -s "$work/answer.lua" "http://127.0.0.1:18105/enkat/$token" 2>&1)
  hout=$(wrk -t$threads -c$c -d"${secs}s" http://127.0.0.1:18098/ 2>&1)
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  bad=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  hrps=$(awk '/Requests\/sec/ { print $2 }' <<<"$hout")
  printf "%-44s %4s %10s %9s %9s %10s%s\n" "POST /enkat/LÄNK (spara 40 svar)" "$c" "$rps" \
    "$(ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")" "$(ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")" \
    "$(awk -v a="$rps" -v b="$hrps" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "–" }')" \
    "${bad:+   (fel: $bad)}"
done
kill -TERM $survey_pid; wait $survey_pid 2>/dev/null || true

if [[ ${BENCH_POSTGRES:-1} == 1 ]]; then
  pgdir=$(mktemp -d)   # its own directory: the postgres user cannot enter $work
  # Flushing at every commit, as SQLite does here (synchronous=FULL): a fair comparison.
  pgurl=$(PG_DURABLE=1 scripts/pg-test-server.sh start "$pgdir")
  # The same server through its local socket (the directory the test server puts it in,
  # %2F-encoded), for the comparison after the pages.
  pgsock="postgresql://postgres@${pgdir//\//%2F}:$(cat "$pgdir/port")"
  trap 'scripts/pg-test-server.sh stop "$pgdir"; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work" "$pgdir"' EXIT
  echo
  echo "## Import på PostgreSQL (samma filer, samma ordning; ms, median av 3 körningar; kvot = PostgreSQL / SQLite)"
  pg_db() {
    psql -X -q "$pgurl/postgres" -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS bench$1" \
      -c "CREATE DATABASE bench$1" >/dev/null
    echo "$pgurl/bench$1"
  }
  import_runs PostgreSQL pg_db
  for spec in "${imports[@]}"; do
    read -r kind rel extra <<<"$spec"
    name=$(basename "$rel") ms=$(median3 "${import_ms[PostgreSQL|$name]}")
    printf "%-58s %8s %9s ms %10s rader/s %7s   (toppminne %d MiB)\n" "$name" "${import_rows[$name]}" "$ms" \
      "$(awk -v r="${import_rows[$name]}" -v s="$ms" 'BEGIN { if (s > 0) printf "%d", r * 1000 / s; else print "–" }')" \
      "$(awk -v a="$ms" -v b="${sqlite_import_ms[$name]}" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "–" }')" \
      $((${import_kb[PostgreSQL|$name]:-0} / 1024))
  done
  psql -X -q "$pgurl/postgres" -c "CREATE DATABASE scale" >/dev/null
  $bin demo --db "$pgurl/scale" --data "$data" --scale 300 >/dev/null 2>&1
  # Settled as a running server's database is: without this, autovacuum works through the
  # demo's fresh rows during the first minutes of measuring and takes one of two cores.
  psql -X -q "$pgurl/scale" -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
  pages PostgreSQL "$pgurl/scale" 18100 "$scale_db" 18097
  start_pages PostgreSQL "$pgurl/scale" 18103
  socket_pages "$pgsock/scale" 18104
fi

# One line per page: its rate against hello on each database, and PostgreSQL against SQLite.
echo
echo "## Sammanfattning i nationell skala, 1 anslutning (kvot mot hello; PG/SQLite = PostgreSQL:s req/s / SQLite:s samma minut)"
printf "%-44s %10s %9s %10s %9s %9s   %12s %12s\n" sida "SQLite" "p50 ms" "PostgreSQL" "p50 ms" "PG/SQLite" \
  "SQLite ny" "PG ny"
for name in "${page_names[@]}"; do
  sr=${page_rps["SQLite|$name"]:-0} pr=${page_rps["PostgreSQL|$name"]:-0} same=${page_pair["$name"]:-0}
  printf "%-44s %10s %9s %10s %9s %9s   %12s %12s\n" "$name" \
    "$(awk -v a="$sr" -v b="${page_rps[SQLite|hello]:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "–" }')" \
    "${page_p50["SQLite|$name"]:-–}" \
    "$(awk -v a="$pr" -v b="${page_rps[PostgreSQL|hello]:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "–" }')" \
    "${page_p50["PostgreSQL|$name"]:-–}" \
    "$(awk -v a="$pr" -v b="$same" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "–" }')" \
    "$(awk -v a="${page_plain["SQLite|$name"]:-0}" -v b="${page_rps[SQLite|hello]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.3f", a / b; else print "–" }')" \
    "$(awk -v a="${page_plain["PostgreSQL|$name"]:-0}" -v b="${page_rps[PostgreSQL|hello]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.3f", a / b; else print "–" }')"
done
echo "(SQLite ny, PG ny: samma sida gjord på nytt vid varje förfrågan, utan det som sparas mellan förfrågningar)"
if ((${#page_pair[@]})); then
  for name in "${page_names[@]}"; do
    awk -v a="${page_rps["PostgreSQL|$name"]:-0}" -v b="${page_pair["$name"]:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.3f\n", a / b }'
  done | sort -n | awk '{ r[NR] = $1; if ($1 < 0.5) low++ }
    END { if (NR) printf "PG/SQLite samma minut över %d sidor: median %.2f, lägst %.2f, högst %.2f, %d under 0,50\n",
                         NR, (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2), r[1], r[NR], low }'
fi

echo
python3 bench/memory.py "$bin" "$work/memory"

echo
echo "## Övrigt"
start_ms() { # command... -> median of 21 runs, in milliseconds
  for _ in $(seq 21); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 ))
  done | sort -n | sed -n 11p | awk '{ printf "%.1f", $1 / 1000 }'
}
echo "start: samverkan --version $(start_ms $bin --version) ms, samverkan init på en befintlig databas" \
  "$(start_ms $bin init --db "$db") ms; sqlite3 som läser samma databas $(start_ms sqlite3 "$db" "SELECT 1") ms"
echo "binärens storlek: $(stat -c %s $bin) byte ($(( $(stat -c %s $bin) / 1024 )) KiB, med felsökningsinformation); strippad: $(strip -o "$work/s" $bin && stat -c %s "$work/s") byte"
