#!/usr/bin/env bash
# End-to-end benchmark of the pipeline service: how many variants per second `pixbox serve` delivers from
# uploads over HTTP, against what the raw engine (`pixbox process`) makes of the same files with the same three
# recipes and as many threads as the service has workers. Prints a Markdown report for docs/benchmarks.md on
# stdout; progress and failures go to stderr.
#
# Usage: pixbox-bench/pipeline.sh [CORPUS_DIR]       (from any directory)
#   CORPUS_DIR or PIXBOX_CORPUS: an existing corpus; else ../shared/corpus/make-corpus.sh builds one.
#   ROUNDS=3      rounds; each runs the engine, the embedded service and the PostgreSQL + S3 service once, in
#                 that order, so that load from elsewhere on the machine falls on all of them alike.
#   N=26          images per run: the corpus files, cycled, each copy with 16 random bytes appended.
#   C=4           concurrent upload clients, one file per request.
#   WORKERS       jobs the service runs at once (PIXBOX_PROCESSING_CONCURRENCY) and the engine's --threads;
#                 default nproc.
#   POLL_MS=100   how often the load client reads the oldest unfinished job.
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres PGDATABASE=test: the PostgreSQL to use, without a password;
#                 each run gets a fresh schema, dropped afterwards.
#   KEEP_WORK=1   keep the work directory (service logs, every run's figures in results.txt, per-job times in
#                 jobs-*.tsv) instead of deleting it.
#
# The two topologies, each a fresh `./pixbox serve` per run:
#   embedded      H2, files and the database queue in a new data directory;
#   postgres-s3   a new schema in PostgreSQL, and a new bucket in S3Proxy (io.pixbox.bench.pipeline.S3Server,
#                 one process for the whole script, keeping objects as files in the work directory).
# Both write to the disk under TMPDIR (default /tmp). The load is io.pixbox.bench.pipeline.PipelineLoad; see
# docs/benchmarks.md for what it measures and how.
# shellcheck disable=SC2016  # backticks in single quotes are Markdown, not command substitution
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
pixbox=$repo/pixbox
rounds=${ROUNDS:-3}
images=${N:-26}
clients=${C:-4}
workers=${WORKERS:-$(nproc)}
poll_ms=${POLL_MS:-100}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-test}
recipes=(fit:256:256/format:jpeg/quality:80 fit:1024:1024/format:jpeg/quality:85 format:jpeg/quality:75)
# Local test credentials of the S3 server started below, which listens on 127.0.0.1 only.
s3_access_key=pixbox-bench s3_secret_key=pixbox-bench-secret

log() { printf '%s\n' "$*" >&2; }
die() { log "pipeline.sh: $*"; exit 2; }
shout() {
  log ''
  log '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  for line in "$@"; do log "!!! $line"; done
  log '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  log ''
}

for setting in rounds images clients workers poll_ms; do
  [[ ${!setting} =~ ^[1-9][0-9]*$ ]] || die "$setting must be a positive whole number, got '${!setting}'"
done
command -v psql >/dev/null || die "psql is needed for the PostgreSQL schemas: apt-get install postgresql-client"
command -v curl >/dev/null || die "curl is needed to read the service's metrics: apt-get install curl"
psql -X -q -c 'SELECT 1' >/dev/null || die "cannot reach PostgreSQL as $PGUSER@$PGHOST:$PGPORT/$PGDATABASE"

# The JDK 25 the launcher would pick, for the load client and the S3 server.
jdk=${JAVA_HOME:-}
if [[ ! -x $jdk/bin/java ]] || ! "$jdk/bin/java" -version 2>&1 | grep -q 'version "25'; then
  for jdk in /usr/lib/jvm/temurin-25*; do [[ -x $jdk/bin/java ]] && break; done
fi
[[ -x $jdk/bin/java ]] || die "JDK 25 not found: set JAVA_HOME"
java=$jdk/bin/java

# --- the corpus and the inputs -----------------------------------------------------------------
corpus=${1:-${PIXBOX_CORPUS:-}}
if [[ -z $corpus ]]; then
  make_corpus=$repo/../shared/corpus/make-corpus.sh
  [[ -x $make_corpus ]] || die "no corpus given and $make_corpus not found: pass a corpus directory"
  log "Building the corpus with $make_corpus"
  corpus=$("$make_corpus")
fi
[[ -d $corpus ]] || die "corpus $corpus is not a directory"
corpus=$(cd "$corpus" && pwd)
mapfile -t files < <(find "$corpus" -maxdepth 1 -type f \
  \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) | sort)
((${#files[@]} > 0)) || die "no JPEG, PNG or WebP files in $corpus"

work=$(mktemp -d "${TMPDIR:-/tmp}/pixbox-pipeline.XXXXXX")
service_pid='' s3_pid='' schema=''
stop_service() {
  if [[ -n $service_pid ]]; then
    kill -TERM "$service_pid" 2>/dev/null || true
    wait "$service_pid" 2>/dev/null || true
    service_pid=''
  fi
}
drop_schema() {
  if [[ -n $schema ]]; then
    psql -X -q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || log "pipeline.sh: could not drop schema $schema"
    schema=''
  fi
}
clean_up() {
  stop_service
  drop_schema
  if [[ -n $s3_pid ]]; then kill -TERM "$s3_pid" 2>/dev/null || true; wait "$s3_pid" 2>/dev/null || true; fi
  if [[ ${KEEP_WORK:-} == 1 ]]; then log "Kept $work"; else rm -rf "$work"; fi
}
trap clean_up EXIT
trap 'exit 130' INT TERM

# Each copy gets unique bytes, so that the service cannot reuse one image's variants for another. JPEG and PNG
# decoders stop at their end marker; a WebP's RIFF header states its length, which the copy now exceeds:
# Pixbox's header check allows a file longer than its RIFF data and libwebp ignores what follows it. The engine
# runs on these very copies, so a copy any decoder refused would fail the engine's run as well as the service's.
mkdir "$work/inputs"
inputs=()
for ((i = 0; i < images; i++)); do
  source=${files[i % ${#files[@]}]}
  input=$(printf '%s/inputs/%04d-%s' "$work" "$i" "${source##*/}")
  { cat "$source"; head -c 16 /dev/urandom; } >"$input"
  inputs+=("$input")
done
log "Inputs: $images copies of the ${#files[@]} images in $corpus, in $work/inputs"

# --- building ----------------------------------------------------------------------------------
log "Building pixbox-bench and the pixbox launcher's jar"
(cd "$repo" && JAVA_HOME=$jdk MAVEN_OPTS="--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}" \
  ./mvnw -q -B -DskipTests -pl pixbox-bench -am package) >&2 || die "the build of pixbox-bench failed"
classpath=$here/target/classes:$(<"$here/target/classpath.txt")
# The warm-up, untimed, as in compare.sh: it builds pixbox.jar if stale (and the launcher's class-data archive is
# then written from this run, as for a user's), reads every input once, and shows that the engine takes every copy.
log "Warm-up: pixbox process --recipe ${recipes[0]} over the inputs"
"$pixbox" process --recipe "${recipes[0]}" --threads "$workers" --out "$work/engine-out" "${inputs[@]}" >/dev/null 2>"$work/warmup.err" \
  || { mapfile -t tail_lines < <(tail -n 15 "$work/warmup.err"); shout "the engine's warm-up failed" "${tail_lines[@]}"; exit 1; }

# --- helpers -----------------------------------------------------------------------------------
# Waits until log $1 has a line matching $2, printing it; dies, with the log's end, when process $3 exits first
# or 120 s pass.
await_line() {
  local deadline=$((SECONDS + 120)) line
  while ! line=$(grep -m 1 -E "$2" "$1"); do
    if ! kill -0 "$3" 2>/dev/null || ((SECONDS > deadline)); then
      mapfile -t tail_lines < <(tail -n 20 "$1")
      shout "no '$2' in $1" "${tail_lines[@]}"
      exit 1
    fi
    sleep 0.2
  done
  printf '%s\n' "$line"
}

# The CPU seconds (user + system, all threads) process $1 has used so far.
cpu_of() {
  awk -v tick="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / tick }' "/proc/$1/stat"
}

# Runs command "$@", printing "WALL CPU" in seconds (CPU: user + system, children included); its output is in
# $work/last.out and $work/last.err.
timed() {
  local TIMEFORMAT='%R %U %S' t
  t=$({ time "$@" >"$work/last.out" 2>"$work/last.err"; } 2>&1) || return 1
  awk '{ print $1, $2 + $3 }' <<<"$t"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# The value of key $1 in the "key=value ..." line $2.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# --- the runs ----------------------------------------------------------------------------------
declare -A results=() # "<run> <round>" -> "key=value ..." line

# The raw engine: one `pixbox process` per recipe over all inputs, plus `pixbox --version` for the JVM's start-up.
run_engine() {
  local round=$1 t wall=0 cpu=0 inproc=0 startup startup_cpu
  t=$(timed "$pixbox" --version) || die "$pixbox --version failed"
  startup=${t% *} startup_cpu=${t#* }
  for recipe in "${recipes[@]}"; do
    rm -rf "$work/engine-out"
    if ! t=$(timed "$pixbox" process --recipe "$recipe" --threads "$workers" --out "$work/engine-out" --json "${inputs[@]}") \
       || ! grep -q "^{\"done\":$images,\"failed\":0," "$work/last.out"; then
      mapfile -t tail_lines < <(tail -n 15 "$work/last.err")
      shout "INVALID RUN: the engine failed on $recipe (round $round)" "${tail_lines[@]}"
      exit 1
    fi
    wall=$(awk -v a="$wall" -v b="${t% *}" 'BEGIN { print a + b }')
    cpu=$(awk -v a="$cpu" -v b="${t#* }" 'BEGIN { print a + b }')
    inproc=$(awk -v a="$inproc" -v b="$(grep -o '"elapsedSeconds":[0-9.]*' "$work/last.out" | cut -d: -f2)" 'BEGIN { print a + b }')
  done
  results["engine $round"]="load_avg=$(cut -d' ' -f1 /proc/loadavg) "$(awk -v w="$wall" -v s="$startup" -v i="$inproc" \
    -v c="$cpu" -v sc="$startup_cpu" -v n=$((images * ${#recipes[@]})) 'BEGIN {
    printf "wall_s=%.3f startup_s=%.3f net_s=%.3f inproc_s=%.3f variants_per_s=%.3f inproc_variants_per_s=%.3f cpu_s=%.2f net_cpu_s=%.2f",
      w, s, w - 3 * s, i, n / (w - 3 * s), n / i, c, c - 3 * sc }')
  echo "engine $round ${results["engine $round"]}" >>"$work/results.txt"
  log "round $round/$rounds  engine       $(field variants_per_s "${results["engine $round"]}") variants/s" \
    "(wall − start-up; in-process $(field inproc_variants_per_s "${results["engine $round"]}"))"
}

# The CPU seconds the backends of the current run have used so far: the S3 server and this run's PostgreSQL
# connections (found by their application name, the schema's), none for the embedded service.
backends_cpu() {
  [[ -n $schema ]] || { echo 0; return; }
  local pid total
  total=$(cpu_of "$s3_pid")
  for pid in $(psql -X -At -c "SELECT pid FROM pg_stat_activity WHERE application_name = '$schema'"); do
    [[ -r /proc/$pid/stat ]] && total=$(awk -v a="$total" -v b="$(cpu_of "$pid")" 'BEGIN { print a + b }')
  done
  echo "$total"
}

# One topology: a fresh service with the environment given as "$@", the load, the service stopped.
run_service() {
  local name=$1 round=$2 url service_before backends_before service_cpu backends_cpu engine_part t line load
  shift 2
  load=$(cut -d' ' -f1 /proc/loadavg)
  local data=$work/data-$name-$round
  # Local mode: the load client uploads without an account, as a laptop's single user does.
  env PIXBOX_DATA_DIR="$data" SERVER_PORT=0 PIXBOX_PROCESSING_CONCURRENCY="$workers" PIXBOX_ACCOUNT_LOCALMODE=true "$@" \
    "$pixbox" serve >"$work/serve-$name-$round.log" 2>&1 &
  service_pid=$!
  url=$(await_line "$work/serve-$name-$round.log" 'Pixbox is up at http://[^/ ]+' "$service_pid" \
    | grep -oE 'http://[^/ ]+' | sed 's/localhost/127.0.0.1/')
  service_before=$(cpu_of "$service_pid") backends_before=$(backends_cpu)
  # C1 only and one GC thread: the client is short-lived, and what it compiles and collects competes with the
  # workers for the same cores (about a third less CPU than the default for the same uploads).
  t=$(timed "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" io.pixbox.bench.pipeline.PipelineLoad \
    --url "$url" --clients "$clients" --workers "$workers" --poll-ms "$poll_ms" \
    --jobs-tsv "$work/jobs-$name-$round.tsv" "${inputs[@]}") || true
  line=$(tail -n 1 "$work/last.out")
  cat "$work/last.err" >&2
  if [[ $(field valid "$line") != yes ]]; then
    shout "INVALID RUN: $name, round $round: ${line:-the load client printed no result}" \
      "service log: $work/serve-$name-$round.log (kept: KEEP_WORK=1)"
    KEEP_WORK=1
    exit 1
  fi
  service_cpu=$(awk -v a="$service_before" -v b="$(cpu_of "$service_pid")" 'BEGIN { printf "%.2f", b - a }')
  backends_cpu=$(awk -v a="$backends_before" -v b="$(backends_cpu)" 'BEGIN { printf "%.2f", b - a }')
  # The engine's part of the jobs' time, from the service's pixbox.processing timer.
  engine_part=$(curl -fsS "$url/actuator/prometheus" | awk '/^pixbox_processing_seconds_sum/ { s += $2 } END { printf "%.3f", s }')
  stop_service
  rm -rf "$data"
  results["$name $round"]="load_avg=$load $line processing_s=$engine_part service_cpu_s=$service_cpu backends_cpu_s=$backends_cpu client_cpu_s=${t#* }"
  echo "$name $round ${results["$name $round"]}" >>"$work/results.txt"
  log "round $round/$rounds  $name  $(field variants_per_s "$line") variants/s"
}

run_postgres_s3() {
  local round=$1
  schema=pixbox_bench_$$_$round
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $schema" >/dev/null
  run_service postgres-s3 "$round" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema&ApplicationName=$schema" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" PIXBOX_STORAGE_TYPE=s3 PIXBOX_STORAGE_S3_ENDPOINT="$s3_url" \
    PIXBOX_STORAGE_S3_REGION=us-east-1 PIXBOX_STORAGE_S3_BUCKET="pixbox-bench-$round" \
    PIXBOX_STORAGE_S3_ACCESSKEY="$s3_access_key" PIXBOX_STORAGE_S3_SECRETKEY="$s3_secret_key" \
    PIXBOX_STORAGE_S3_PATHSTYLE=true PIXBOX_STORAGE_S3_CREATEBUCKETS=true
  drop_schema
}

"$java" -cp "$classpath" io.pixbox.bench.pipeline.S3Server "$work/s3" "$s3_access_key" "$s3_secret_key" \
  >"$work/s3.log" 2>&1 &
s3_pid=$!
s3_url=$(await_line "$work/s3.log" '^S3 is up at ' "$s3_pid" | grep -oE 'http://[^ ]+')

# S3Proxy and PostgreSQL run for the whole script, unlike the service (a fresh JVM in every round alike): one
# untimed postgres-s3 run of a few images first, so that round 1 does not pay alone for warming them up.
warm_up_backends() {
  local inputs=("${inputs[@]:0:4}")
  run_postgres_s3 warmup
}
log "Warm-up: a postgres-s3 run of the first 4 images, untimed"
warm_up_backends

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
log "Rounds: $rounds; $images images, $clients upload clients, $workers workers; work directory $work"
for ((r = 1; r <= rounds; r++)); do
  run_engine "$r"
  run_service embedded "$r"
  run_postgres_s3 "$r"
done

# --- report ------------------------------------------------------------------------------------
variants=$((images * ${#recipes[@]}))
# The median over rounds of key $2 of run $1.
med() {
  local r
  for ((r = 1; r <= rounds; r++)); do field "$2" "${results["$1 $r"]}"; done | median
}
# The median over rounds of the awk expression $2 of run $1's keys (each key a variable), with the same round's
# engine keys as variables prefixed e_.
med_of() {
  local r engine_keys vars
  for ((r = 1; r <= rounds; r++)); do
    engine_keys=" ${results["engine $r"]}"
    vars=$(tr ' ' '\n' <<<"${results["$1 $r"]}${engine_keys// / e_}" | grep -E '^[a-z_0-9]+=[0-9.]+$' | sed 's/^/-v /' | tr '\n' ' ')
    # shellcheck disable=SC2086  # vars is a list of awk options
    awk $vars -v n="$variants" -v t="$workers" "BEGIN { print $2 }"
  done | median
}

echo "### The pipeline service against the raw engine: $images images × ${#recipes[@]} recipes, $(date -u +%Y-%m-%d)"
echo
echo "Medians over $rounds rounds; in each, the engine, then the embedded service, then the PostgreSQL + S3 service."
echo "$images uploads from $clients concurrent clients, one file per request; $workers workers, and \`--threads $workers\` for the engine."
echo 'Ratios: pipeline variants/s ÷ engine variants/s of the same round, median over rounds.'
echo
echo 'By CPU: the engine'"'"'s CPU time for the variants (user + system, less 3 × that of `pixbox --version`) ÷ the'
echo 'pipeline'"'"'s (the service during the load, its backends and the load client; or without the client): the ratio if'
echo 'every process were bound by the same cores and nothing waited. It moves far less with load from elsewhere.'
echo
echo '| run | variants/s | ÷ engine, wall − start-up | ÷ engine, in-process | ÷ engine by CPU: all / without the client | uploads/s | first variant p50 / p99 s |'
echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'
printf '| raw engine, wall − JVM start-up | %.2f | | | | | |\n' "$(med engine variants_per_s)"
printf '| raw engine, in-process time | %.2f | | | | | |\n' "$(med engine inproc_variants_per_s)"
for run in embedded postgres-s3; do
  printf '| %s | %.2f | **%.2f** | %.2f | %.2f / %.2f | %.2f | %.2f / %.2f |\n' "$run" "$(med "$run" variants_per_s)" \
    "$(med_of "$run" 'variants_per_s / e_variants_per_s')" "$(med_of "$run" 'variants_per_s / e_inproc_variants_per_s')" \
    "$(med_of "$run" 'e_net_cpu_s / (service_cpu_s + backends_cpu_s + client_cpu_s)')" \
    "$(med_of "$run" 'e_net_cpu_s / (service_cpu_s + backends_cpu_s)')" \
    "$(med "$run" uploads_per_s)" "$(med "$run" first_p50_s)" "$(med "$run" first_p99_s)"
done
echo
echo "Each round, variants/s:"
echo
echo '| round | load average | engine, wall − start-up | engine, in-process | embedded | ÷ engine | postgres-s3 | ÷ engine |'
echo '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
for ((r = 1; r <= rounds; r++)); do
  awk -v r="$r" -v l="$(field load_avg "${results["engine $r"]}")" -v e="$(field variants_per_s "${results["engine $r"]}")" \
    -v i="$(field inproc_variants_per_s "${results["engine $r"]}")" \
    -v a="$(field variants_per_s "${results["embedded $r"]}")" -v b="$(field variants_per_s "${results["postgres-s3 $r"]}")" \
    'BEGIN { printf "| %d | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", r, l, e, i, a, a / e, b, b / e }'
done
echo
echo "Load average: the 1-minute load when the round's engine run started; the load from elsewhere is that minus about $workers."
cat <<EOF

Where the time goes (medians). Job s: a job's \`finishedAt − startedAt\` (fetch the original, process, store and
record the variant), over all jobs / those started while uploads were still coming / the rest; for the engine,
its in-process time × threads ÷ variants. Engine part: the service's \`pixbox.processing\` timer per job, the
decoding, processing and encoding alone. Occupancy: the jobs' time ÷ ($workers workers × the span). First job: when
the first job was queued, after the first upload started. Idle: worker-seconds with a worker free and a job
queued. CPU per variant: the engine's user + system time less 3 × that of \`pixbox --version\`; the service's during the load plus,
for postgres-s3, the S3 server's and the PostgreSQL connections'; the load client's apart.

| run | job s: all / during uploads / after | engine part s | occupancy | first job s | idle s | variants/s after uploads | CPU s per variant | load client CPU s |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
EOF
printf '| raw engine | %.3f | | | | | | %.3f | |\n' "$(med_of engine 'e_inproc_s * t / n')" "$(med_of engine 'e_net_cpu_s / n')"
for run in embedded postgres-s3; do
  printf '| %s | %.3f / %.3f / %.3f | %.3f | %.0f%% | %.2f | %.2f | %.2f | %.3f | %.1f |\n' "$run" "$(med "$run" job_s)" \
    "$(med "$run" job_during_uploads_s)" "$(med "$run" job_after_uploads_s)" "$(med_of "$run" 'processing_s / n')" \
    "$(med_of "$run" 'occupancy * 100')" \
    "$(med "$run" first_job_queued_s)" "$(med "$run" idle_with_job_queued_s)" "$(med "$run" after_uploads_variants_per_s)" \
    "$(med_of "$run" '(service_cpu_s + backends_cpu_s) / n')" "$(med "$run" client_cpu_s)"
done
echo
echo "Machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"
echo "$(free -g | awk '/^Mem:/ { print $2 }') GiB memory; started $started_at; load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Versions: libvips $(vips --version 2>/dev/null | sed 's/^vips-//' || echo '?'); JDK $("$java" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }');"
echo "PostgreSQL $(psql -X -At -c 'SHOW server_version'); S3Proxy $(grep -o 's3proxy/[0-9.]*/' <<<"$classpath" | head -n 1 | cut -d/ -f2) over files."
echo
echo "Command: \`ROUNDS=$rounds N=$images C=$clients WORKERS=$workers POLL_MS=$poll_ms pixbox-bench/pipeline.sh $corpus\`. Per round:"
echo
echo '```'
echo "pixbox --version"
for recipe in "${recipes[@]}"; do echo "pixbox process --recipe $recipe --threads $workers --out DIR --json INPUTS..."; done
echo "PIXBOX_DATA_DIR=NEW SERVER_PORT=0 PIXBOX_PROCESSING_CONCURRENCY=$workers pixbox serve          # embedded"
echo "… SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=NEW PIXBOX_STORAGE_TYPE=s3 … pixbox serve  # postgres-s3"
echo "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC io.pixbox.bench.pipeline.PipelineLoad --url URL --clients $clients --workers $workers --poll-ms $poll_ms INPUTS...   # against each"
echo '```'
