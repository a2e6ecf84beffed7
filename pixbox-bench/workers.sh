#!/usr/bin/env bash
# End-to-end benchmark of scaling out: how many variants per second Pixbox delivers from uploads over HTTP with one
# and with two worker processes on RabbitMQ, PostgreSQL and an S3 store. Prints a Markdown report for
# docs/benchmarks.md on stdout; progress and failures go to stderr.
#
# Usage: pixbox-bench/workers.sh [CORPUS_DIR]       (from any directory)
#   ROUNDS=5      rounds; each runs both topologies once, the one that goes first alternating from round to round,
#                 so that load from elsewhere on the machine falls on both alike.
#   WORKERS       jobs each worker process runs at once (PIXBOX_PROCESSING_CONCURRENCY); default nproc, what a
#                 worker on a machine of its own would run.
#   RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT=5672 RABBITMQ_USER=guest RABBITMQ_PASSWORD=guest: the broker. Each run has
#                 queues of its own (pixbox.bench.<pid>.<run>.<round>…), deleted afterwards with rabbitmqctl when
#                 it may be used.
#   CORPUS_DIR, N, C, POLL_MS, PGHOST…, KEEP_WORK: as for pipeline.sh, whose parts this script shares
#                 (bench-common.sh).
#
# The topologies, each a fresh set of `./pixbox serve` processes per run, all on this machine:
#   rabbitmq-1-worker    one process with the roles api and scheduler, which takes the uploads and runs no job, and
#                        one with the role worker;
#   rabbitmq-2-workers   the same with two worker processes.
# Both on a new schema in PostgreSQL and a new bucket of one S3Proxy (io.pixbox.bench.pipeline.S3Server).
# shellcheck disable=SC2016  # backticks in single quotes are Markdown, not command substitution
set -euo pipefail

ROUNDS=${ROUNDS:-5}
# shellcheck source=bench-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

rabbit_host=${RABBITMQ_HOST:-127.0.0.1} rabbit_port=${RABBITMQ_PORT:-5672}
rabbit_user=${RABBITMQ_USER:-guest} rabbit_password=${RABBITMQ_PASSWORD:-guest}
(exec 3<>"/dev/tcp/$rabbit_host/$rabbit_port") 2>/dev/null || die "cannot reach RabbitMQ at $rabbit_host:$rabbit_port"

# Deletes the queues whose names start with $1, when rabbitmqctl may be used here; else says what is left.
delete_queues() {
  local queue
  if ! command -v rabbitmqctl >/dev/null || ! rabbitmqctl -q list_queues name >/dev/null 2>&1; then
    log "workers.sh: cannot use rabbitmqctl here: delete the queues $1* yourself"
    return
  fi
  for queue in $(rabbitmqctl -q list_queues name | grep -F "$1" || true); do
    [[ $queue == "$1"* ]] && rabbitmqctl -q delete_queue "$queue" >/dev/null
  done
}

# One topology: $1 worker processes, in round $2.
run_rabbitmq() {
  local processes=$1 round=$2 name queue
  name=rabbitmq-$processes-worker$([[ $processes == 1 ]] || echo s)
  queue=pixbox.bench.$$.$name.$round
  worker_processes=$processes
  run_postgres_s3 "$name" "$round" PIXBOX_QUEUE_TYPE=rabbitmq PIXBOX_QUEUE_RABBITMQ_QUEUE="$queue" \
    SPRING_RABBITMQ_HOST="$rabbit_host" SPRING_RABBITMQ_PORT="$rabbit_port" \
    SPRING_RABBITMQ_USERNAME="$rabbit_user" SPRING_RABBITMQ_PASSWORD="$rabbit_password"
  worker_processes=0
  delete_queues "$queue"
}

# Builds pixbox.jar if stale, before several processes start from it at once; then warms up the backends with one
# untimed run of a few images, so that round 1 does not pay alone for it.
"$pixbox" --version >/dev/null
warm_up() {
  local inputs=("${inputs[@]:0:4}")
  run_rabbitmq 1 warmup
}
log "Warm-up: a run of the first 4 images with one worker, untimed"
warm_up

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
log "Rounds: $rounds; $images images, $clients upload clients, $workers jobs at once per worker; work directory $work"
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2 == 1)); then
    run_rabbitmq 1 "$r"
    run_rabbitmq 2 "$r"
  else
    run_rabbitmq 2 "$r"
    run_rabbitmq 1 "$r"
  fi
done

# --- report ------------------------------------------------------------------------------------
one=rabbitmq-1-worker two=rabbitmq-2-workers
variants=$((images * ${#recipes[@]}))
# The median over rounds of the awk expression $2 of run $1's keys, each key a variable, with n the variants.
med_of() {
  local r vars
  for ((r = 1; r <= rounds; r++)); do
    vars=$(tr ' ' '\n' <<<"${results["$1 $r"]}" | grep -E '^[a-z_0-9]+=[0-9.]+$' | sed 's/^/-v /' | tr '\n' ' ')
    # shellcheck disable=SC2086  # vars is a list of awk options
    awk $vars -v n="$variants" "BEGIN { print $2 }"
  done | median
}
# The median over rounds of two workers' key $1 ÷ one worker's in the same round.
med_ratio() {
  local r
  for ((r = 1; r <= rounds; r++)); do
    awk -v a="$(field "$1" "${results["$two $r"]}")" -v b="$(field "$1" "${results["$one $r"]}")" 'BEGIN { print a / b }'
  done | median
}

echo "### One and two worker processes on RabbitMQ: $images images × ${#recipes[@]} recipes, $(date -u +%Y-%m-%d)"
echo
echo "Medians over $rounds rounds; in each, both topologies, the one that goes first alternating. Each run: a fresh"
echo "process with the roles api and scheduler (takes the uploads, runs no job) and 1 or 2 fresh worker processes of"
echo "$workers jobs at once each, on RabbitMQ, a new PostgreSQL schema and a new S3Proxy bucket, all on this machine."
echo "$images uploads from $clients concurrent clients, one file per request. Ratio: two workers ÷ one worker in the"
echo "same round, median over rounds."
echo
echo '| run | variants/s | ÷ one worker | uploads/s | first variant p50 / p99 s | job s | occupancy | CPU s per variant |'
echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
for run in "$one" "$two"; do
  ratio=$([[ $run == "$two" ]] && printf '**%.2f**' "$(med_ratio variants_per_s)" || echo 1)
  printf '| %s | %.2f | %s | %.2f | %.2f / %.2f | %.3f | %.0f%% | %.3f |\n' "$run" "$(med "$run" variants_per_s)" "$ratio" \
    "$(med "$run" uploads_per_s)" "$(med "$run" first_p50_s)" "$(med "$run" first_p99_s)" "$(med "$run" job_s)" \
    "$(med_of "$run" 'occupancy * 100')" "$(med_of "$run" '(service_cpu_s + backends_cpu_s) / n')"
done
echo
echo 'Each round, variants/s:'
echo
echo '| round | load average | first | one worker | two workers | ÷ |'
echo '| ---: | ---: | --- | ---: | ---: | ---: |'
for ((r = 1; r <= rounds; r++)); do
  awk -v r="$r" -v l="$(field load_avg "${results["$one $r"]}")" -v first="$( ((r % 2 == 1)) && echo one || echo two)" \
    -v a="$(field variants_per_s "${results["$one $r"]}")" -v b="$(field variants_per_s "${results["$two $r"]}")" \
    'BEGIN { printf "| %d | %.1f | %s | %.2f | %.2f | %.2f |\n", r, l, first, a, b, b / a }'
done
cat <<EOF

Job s: a job's \`finishedAt − startedAt\` (fetch the original, process, store and record the variant), median.
Occupancy: the jobs' time ÷ (jobs at once in all workers × the span). CPU per variant: every Pixbox process's
user + system time during the load, the S3 server's and the run's PostgreSQL connections'; the load client's apart.
Load average: the 1-minute load when the round's one-worker run started.

Machine: $(nproc) cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),
$(free -g | awk '/^Mem:/ { print $2 }') GiB memory, shared with other work; started $started_at; load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end.
Versions: libvips $(vips --version 2>/dev/null | sed 's/^vips-//' || echo '?'); JDK $("$java" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }');
PostgreSQL $(psql -X -At -c 'SHOW server_version'); RabbitMQ $(rabbitmqctl -q version 2>/dev/null || echo '?'); S3Proxy $(grep -o 's3proxy/[0-9.]*/' <<<"$classpath" | head -n 1 | cut -d/ -f2) over files.

Command: \`ROUNDS=$rounds N=$images C=$clients WORKERS=$workers POLL_MS=$poll_ms pixbox-bench/workers.sh $corpus\`. Per run:

\`\`\`
COMMON="SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=NEW PIXBOX_STORAGE_TYPE=s3 … PIXBOX_QUEUE_TYPE=rabbitmq PIXBOX_QUEUE_RABBITMQ_QUEUE=NEW SPRING_RABBITMQ_HOST=$rabbit_host"
env \$COMMON PIXBOX_ROLES=api,scheduler PIXBOX_ACCOUNT_LOCALMODE=true SERVER_PORT=0 pixbox serve
env \$COMMON PIXBOX_ROLES=worker PIXBOX_PROCESSING_CONCURRENCY=$workers SERVER_PORT=0 pixbox serve     # once or twice
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC io.pixbox.bench.pipeline.PipelineLoad --url API --clients $clients --workers $workers×PROCESSES --poll-ms $poll_ms INPUTS...
\`\`\`
EOF
