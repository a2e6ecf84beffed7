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
# What workers.sh shares with this script (settings, inputs, build, helpers, run_service) is in bench-common.sh.
# Both write to the disk under TMPDIR (default /tmp). The load is io.pixbox.bench.pipeline.PipelineLoad; see
# docs/benchmarks.md for what it measures and how.
# shellcheck disable=SC2016  # backticks in single quotes are Markdown, not command substitution
set -euo pipefail

# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

# The warm-up, untimed, as in compare.sh: it builds pixbox.jar if stale (and the launcher's class-data archive is
# then written from this run, as for a user's), reads every input once, and shows that the engine takes every copy.
log "Warm-up: pixbox process --recipe ${recipes[0]} over the inputs"
"$pixbox" process --recipe "${recipes[0]}" --threads "$workers" --out "$work/engine-out" "${inputs[@]}" >/dev/null 2>"$work/warmup.err" \
  || { mapfile -t tail_lines < <(tail -n 15 "$work/warmup.err"); shout "the engine's warm-up failed" "${tail_lines[@]}"; exit 1; }

# --- the runs ----------------------------------------------------------------------------------

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

# S3Proxy and PostgreSQL run for the whole script, unlike the service (a fresh JVM in every round alike): one
# untimed postgres-s3 run of a few images first, so that round 1 does not pay alone for warming them up.
warm_up_backends() {
  local inputs=("${inputs[@]:0:4}")
  run_postgres_s3 postgres-s3 warmup
}
log "Warm-up: a postgres-s3 run of the first 4 images, untimed"
warm_up_backends

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
log "Rounds: $rounds; $images images, $clients upload clients, $workers workers; work directory $work"
for ((r = 1; r <= rounds; r++)); do
  run_engine "$r"
  run_service embedded "$r"
  run_postgres_s3 postgres-s3 "$r"
done

# --- report ------------------------------------------------------------------------------------
variants=$((images * ${#recipes[@]}))
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
