# The parts pixbox-bench's end-to-end scripts share, sourced by pipeline.sh and workers.sh: their settings, the
# checks, the inputs made from the corpus, the build, the timing helpers, the S3 server and PostgreSQL schemas,
# and one run of the service under load (run_service). Not a script of its own.
# shellcheck shell=bash
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
die() { log "${0##*/}: $*"; exit 2; }
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
# shellcheck source=bench-corpus.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-corpus.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/pixbox-pipeline.XXXXXX")
service_pids=() service_urls=() s3_pid='' schema=''
# Stops the run's processes, the workers first, each given the time it takes to stop.
stop_service() {
  local i
  for ((i = ${#service_pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${service_pids[i]}" 2>/dev/null || true
    wait "${service_pids[i]}" 2>/dev/null || true
  done
  service_pids=() service_urls=()
}
drop_schema() {
  if [[ -n $schema ]]; then
    psql -X -q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null || log "${0##*/}: could not drop schema $schema"
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

# --- helpers -----------------------------------------------------------------------------------
# Waits until log $1 has a line matching $2, printing it; dies, with the log's end, when process $3 exits first
# or 120 s pass.
await_line() {
  local deadline=$((SECONDS + 120)) line
  while ! line=$(grep -s -m 1 -E "$2" "$1"); do
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

declare -A results=() # "<run> <round>" -> "key=value ..." line

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

# Starts `pixbox serve` with data directory $1, its output in log $2 and the environment "${@:3}", and waits until
# it is up; adds its pid to service_pids and its URL to service_urls.
start_pixbox() {
  local data=$1 log=$2 pid
  shift 2
  # Local mode: the load client uploads without an account, as a laptop's single user does.
  env PIXBOX_DATA_DIR="$data" SERVER_PORT=0 PIXBOX_PROCESSING_CONCURRENCY="$workers" PIXBOX_ACCOUNT_LOCALMODE=true "$@" \
    "$pixbox" serve >"$log" 2>&1 &
  pid=$!
  service_pids+=("$pid")
  service_urls+=("$(await_line "$log" 'Pixbox is up at http://[^/ ]+' "$pid" | grep -oE 'http://[^/ ]+' \
    | sed 's/localhost/127.0.0.1/')")
}

# The CPU seconds the run's processes have used so far.
service_cpu() {
  local pid total=0
  for pid in "${service_pids[@]}"; do total=$(awk -v a="$total" -v b="$(cpu_of "$pid")" 'BEGIN { print a + b }'); done
  echo "$total"
}

# One topology: a fresh service with the environment given as "$@", the load, the service stopped. With
# worker_processes=N above 0 the service is one process with the roles api and scheduler, which takes the uploads,
# and N processes with the role worker, each running $workers jobs at once; with 0, one process with every role.
worker_processes=0
run_service() {
  local name=$1 round=$2 url service_before backends_before service_cpu backends_cpu engine_part t line load i
  local threads=$workers roles=()
  shift 2
  load=$(cut -d' ' -f1 /proc/loadavg)
  local data=$work/data-$name-$round
  if ((worker_processes > 0)); then
    roles=(PIXBOX_ROLES=api,scheduler) threads=$((workers * worker_processes))
  fi
  start_pixbox "$data" "$work/serve-$name-$round.log" "${roles[@]}" "$@"
  url=${service_urls[0]}
  for ((i = 1; i <= worker_processes; i++)); do
    start_pixbox "$data-worker-$i" "$work/worker-$i-$name-$round.log" PIXBOX_ROLES=worker "$@"
  done
  service_before=$(service_cpu) backends_before=$(backends_cpu)
  # C1 only and one GC thread: the client is short-lived, and what it compiles and collects competes with the
  # workers for the same cores (about a third less CPU than the default for the same uploads).
  t=$(timed "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$classpath" io.pixbox.bench.pipeline.PipelineLoad \
    --url "$url" --clients "$clients" --workers "$threads" --poll-ms "$poll_ms" \
    --jobs-tsv "$work/jobs-$name-$round.tsv" "${inputs[@]}") || true
  line=$(tail -n 1 "$work/last.out")
  cat "$work/last.err" >&2
  if [[ $(field valid "$line") != yes ]]; then
    shout "INVALID RUN: $name, round $round: ${line:-the load client printed no result}" \
      "service logs: $work/*-$name-$round.log (kept: KEEP_WORK=1)"
    KEEP_WORK=1
    exit 1
  fi
  service_cpu=$(awk -v a="$service_before" -v b="$(service_cpu)" 'BEGIN { printf "%.2f", b - a }')
  backends_cpu=$(awk -v a="$backends_before" -v b="$(backends_cpu)" 'BEGIN { printf "%.2f", b - a }')
  # The engine's part of the jobs' time, from the pixbox.processing timers of the processes that ran jobs.
  engine_part=$(for url in "${service_urls[@]}"; do curl -fsS "$url/actuator/prometheus"; done \
    | awk '/^pixbox_processing_seconds_sum/ { s += $2 } END { printf "%.3f", s }')
  stop_service
  rm -rf "$data" "$data"-worker-*
  results["$name $round"]="load_avg=$load $line processing_s=$engine_part service_cpu_s=$service_cpu backends_cpu_s=$backends_cpu client_cpu_s=${t#* }"
  echo "$name $round ${results["$name $round"]}" >>"$work/results.txt"
  log "round $round/$rounds  $name  $(field variants_per_s "$line") variants/s"
}

# run_service NAME ROUND [ENV...] on PostgreSQL (a new schema, dropped afterwards) and the S3 server (a new bucket).
run_postgres_s3() {
  local name=$1 round=$2
  shift 2
  schema=pixbox_bench_$$_${name//-/_}_$round
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE SCHEMA $schema" >/dev/null
  run_service "$name" "$round" \
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$schema&ApplicationName=$schema" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" PIXBOX_STORAGE_TYPE=s3 PIXBOX_STORAGE_S3_ENDPOINT="$s3_url" \
    PIXBOX_STORAGE_S3_REGION=us-east-1 PIXBOX_STORAGE_S3_BUCKET="pixbox-bench-$name-$round" \
    PIXBOX_STORAGE_S3_ACCESSKEY="$s3_access_key" PIXBOX_STORAGE_S3_SECRETKEY="$s3_secret_key" \
    PIXBOX_STORAGE_S3_PATHSTYLE=true PIXBOX_STORAGE_S3_CREATEBUCKETS=true "$@"
  drop_schema
}

# One S3 server for the whole script, keeping its objects as files in the work directory.
"$java" -cp "$classpath" io.pixbox.bench.pipeline.S3Server "$work/s3" "$s3_access_key" "$s3_secret_key" \
  >"$work/s3.log" 2>&1 &
s3_pid=$!
s3_url=$(await_line "$work/s3.log" '^S3 is up at ' "$s3_pid" | grep -oE 'http://[^ ]+')

# The median over rounds of key $2 of run $1.
med() {
  local r
  for ((r = 1; r <= rounds; r++)); do field "$2" "${results["$1 $r"]}"; done | median
}
