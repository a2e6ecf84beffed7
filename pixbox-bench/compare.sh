#!/usr/bin/env bash
# End-to-end comparison: Pixbox (libvips and Java engines) against sharp and vipsthumbnail, each
# making 400×400 JPEG thumbnails of the whole corpus with all cores. Prints a Markdown report for
# docs/benchmarks.md on stdout; progress and failures go to stderr.
#
# Usage: pixbox-bench/compare.sh [CORPUS_DIR]        (from any directory)
#   CORPUS_DIR or PIXBOX_CORPUS: an existing corpus; else ../shared/corpus/make-corpus.sh builds one.
#   ROUNDS=5        timed rounds; each round runs every tool once, in turn, so that load from
#                   elsewhere on the machine falls on all of them alike. Medians are reported.
#                   Each run is timed by hyperfine when it and jq are installed, else by bash's time.
#   PIXBOX          the pixbox launcher to time, by default ./pixbox at the root of this repository.
#   SHARP_VERSION   the sharp release to install (pinned below) into SHARP_HOME, by default
#                   ${XDG_CACHE_HOME:-$HOME/.cache}/pixbox-bench/node, outside the repository.
#
# The task, the same for every tool: fit inside 400×400 keeping the aspect ratio, never enlarge,
# turn upright from EXIF orientation, strip metadata, JPEG quality 85. Before any timing each tool
# makes the thumbnails once (the warm-up), and its output is checked: one JPEG per input, with the
# expected dimensions and no EXIF, XMP or ICC data. A tool that fails is reported loudly, left out
# of the timed rounds, and the script carries on; it then exits 1.
# shellcheck disable=SC2016  # backticks in single quotes are Markdown, not command substitution
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
rounds=${ROUNDS:-5}
threads=$(nproc)
box=400
recipe="fit:$box:$box/format:jpeg/quality:85"
sharp_version=${SHARP_VERSION:-0.35.5}
sharp_home=${SHARP_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/pixbox-bench/node}

log() { printf '%s\n' "$*" >&2; }
die() { log "compare.sh: $*"; exit 2; }
shout() {
  log ''
  log '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  log "!!! FAILED: $1"
  shift
  for line in "$@"; do log "!!!   $line"; done
  log '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  log ''
}

[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive whole number, got '$rounds'"
command -v vipsheader >/dev/null || die "vipsheader is needed to check outputs: apt-get install libvips-tools"

# --- the corpus --------------------------------------------------------------------------------
# shellcheck source=bench-corpus.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-corpus.sh"
count=${#files[@]}
corpus_sum=$(cd "$corpus" && md5sum "${files[@]##*/}")

work=$(mktemp -d "${TMPDIR:-/tmp}/pixbox-compare.XXXXXX")
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
log "Corpus: $count images in $corpus; outputs, logs and timings in $work"

# Prints "FILE<tab>FIELD<tab>VALUE" for the header fields the checks use, skipping unreadable files.
header_fields() {
  vipsheader -a "$@" 2>/dev/null | sed -nE \
    's/^(.*): (width|height|orientation|vips-loader|exif-data|xmp-data|icc-profile-data): (.*)$/\1\t\2\t\3/p'
}

# The thumbnail each input should give: NAME.jpg inside box×box, never enlarged, upright.
expected=$work/expected.tsv
header_fields "${files[@]}" | awk -F'\t' -v box=$box '
  { n = $1; sub(/.*\//, "", n); sub(/\.[^.]*$/, ".jpg", n); v[n, $2] = $3; names[n] }
  END { for (n in names) {
    w = v[n, "width"]; h = v[n, "height"]; o = v[n, "orientation"]
    if (o >= 5 && o <= 8) { t = w; w = h; h = t }
    s = box / w; if (box / h < s) s = box / h; if (s > 1) s = 1
    printf "%s\t%d\t%d\n", n, int(w * s + 0.5), int(h * s + 0.5) } }' >"$expected"
(($(wc -l <"$expected") == count)) || die "vipsheader cannot read every input in $corpus (or two share a name)"

# --- the tools ---------------------------------------------------------------------------------
quoted_files=$(printf '%q ' "${files[@]}")
names=() cmds=() failed=()

add_tool() { names+=("$1"); cmds+=("$2"); failed+=("${3:-}"); }
out_dir() { printf '%s/out-%s' "$work" "$1"; }

pixbox=${PIXBOX:-$repo/pixbox}
for engine in vips java; do
  if [[ -x $pixbox ]]; then
    add_tool "pixbox-$engine" "$(printf '%q ' "$pixbox" process --recipe "$recipe" \
      --out "$(out_dir "pixbox-$engine")" --engine "$engine" --threads "$threads")$quoted_files"
  else
    add_tool "pixbox-$engine" "" "no executable launcher at $pixbox"
  fi
done

sharp_error=""
if ! command -v node >/dev/null; then
  sharp_error="node is not installed: apt-get install nodejs npm"
elif [[ $(node -p "require('$sharp_home/node_modules/sharp/package.json').version" 2>/dev/null) != "$sharp_version" ]]; then
  log "Installing sharp@$sharp_version into $sharp_home"
  mkdir -p "$sharp_home"
  npm install --prefix "$sharp_home" --no-save --silent "sharp@$sharp_version" >&2 \
    || sharp_error="npm install sharp@$sharp_version into $sharp_home failed"
fi
add_tool sharp "$(printf '%q ' env SHARP_HOME="$sharp_home" node "$here/sharp-thumbs.mjs" \
  "$(out_dir sharp)")$quoted_files" "$sharp_error"

# A relative -o is resolved against each input's directory and would write into the corpus:
# out_dir is absolute. The trailing > means shrink only.
if command -v vipsthumbnail >/dev/null; then
  add_tool vipsthumbnail "printf '%s\\0' $quoted_files| xargs -0 -n 1 -P $threads vipsthumbnail \
-s $(printf %q "${box}x$box>") -o $(printf %q "$(out_dir vipsthumbnail)/%s.jpg[Q=85,strip]")"
else
  add_tool vipsthumbnail "" "vipsthumbnail is not installed: apt-get install libvips-tools"
fi

# The JVM's start-up alone, timed alongside, so that the reader can subtract it from pixbox's times.
if [[ -x $pixbox ]]; then
  add_tool pixbox-startup "$(printf %q "$pixbox") --version"
fi

# --- checking outputs --------------------------------------------------------------------------
# Prints what is wrong with tool $1's outputs, nothing when they are all right.
check_outputs() {
  local dir made
  dir=$(out_dir "$1")
  made=$(find "$dir" -maxdepth 1 -type f | wc -l)
  ((made == count)) || echo "made $made files for $count inputs in $dir"
  header_fields "$dir"/*.jpg | awk -F'\t' '
    FNR == NR { want[$1] = $2 " " $3; next }
    { n = $1; sub(/.*\//, "", n); v[n, $2] = $3 }
    $2 ~ /-data$/ { print n " kept metadata: " $2 }
    END { for (n in want) {
      if (v[n, "vips-loader"] != "jpegload") { print n ": missing, unreadable or not a JPEG"; continue }
      split(want[n], e, " "); dw = v[n, "width"] - e[1]; dh = v[n, "height"] - e[2]
      if (dw * dw > 1 || dh * dh > 1)
        print n " is " v[n, "width"] "×" v[n, "height"] ", expected " e[1] "×" e[2] " (±1)" } }' "$expected" -
}

# "WALL CPU": seconds that one run of command $2 by tool $1 took, and the CPU seconds (user + system,
# children included) it used; or a non-zero status, with the command's output in the log.
if command -v hyperfine >/dev/null && command -v jq >/dev/null; then
  timer="hyperfine $(hyperfine --version | cut -d' ' -f2)"
else
  timer="bash's time (hyperfine or jq absent)"
fi
time_once() {
  local dir json log
  dir=$(out_dir "$1") json=$work/$1-$3.json log=$work/$1-$3.log
  if [[ $timer == hyperfine* ]]; then
    # hyperfine writes only standard output to the log: the command's errors are wanted there too.
    hyperfine --runs 1 --shell bash --style basic --output "$log" --prepare "$(printf 'rm -rf %q && mkdir %q' "$dir" "$dir")" \
      --export-json "$json" "{ $2; } 2>&1" >/dev/null 2>"$log.err" || { cat "$log.err" >>"$log"; return 1; }
    jq -r '.results[0] | "\(.times[0]) \(.user + .system)"' "$json"
  else
    rm -rf "$dir" && mkdir "$dir"
    local TIMEFORMAT='%R %U %S' t
    t=$({ time bash -c "$2" >"$log" 2>&1; } 2>&1) || return 1
    awk '{ print $1, $2 + $3 }' <<<"$t"
  fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- warm-up and checks ------------------------------------------------------------------------
declare -A times=() cpu=() summary=()
for i in "${!names[@]}"; do
  name=${names[i]}
  [[ -n ${failed[i]} ]] && { shout "$name" "${failed[i]}"; continue; }
  log "Warm-up and check: $name"
  if ! time_once "$name" "${cmds[i]}" warmup >/dev/null; then
    failed[i]="exited non-zero in the warm-up run; log: $work/$name-warmup.log"
    mapfile -t tail_lines < <(tail -n 15 "$work/$name-warmup.log")
    shout "$name" "${failed[i]}" "${tail_lines[@]}"
    continue
  fi
  [[ $name == pixbox-startup ]] && continue
  problems=$(check_outputs "$name")
  if [[ -n $problems ]]; then
    failed[i]="wrong output ($(wc -l <<<"$problems") problems; first: $(head -n 1 <<<"$problems"))"
    mapfile -t problem_lines < <(head -n 15 <<<"$problems")
    shout "$name" "${problem_lines[@]}"
    continue
  fi
  [[ $name == pixbox-* ]] && summary[$name]=$(grep -v '^\s*$' "$work/$name-warmup.log" | tail -n 2 || true)
done

# --- timed rounds, every tool in turn ----------------------------------------------------------
for ((r = 1; r <= rounds; r++)); do
  for i in "${!names[@]}"; do
    name=${names[i]}
    [[ -n ${failed[i]} ]] && continue
    if t=$(time_once "$name" "${cmds[i]}" "round$r"); then
      times[$name]+="${t% *} " cpu[$name]+="${t#* } "
      log "$(printf "round %d/%d  %-15s %6.2f s wall, %6.2f s CPU" "$r" "$rounds" "$name" "${t% *}" "${t#* }")"
    else
      failed[i]="exited non-zero in round $r; log: $work/$name-round$r.log"
      shout "$name" "${failed[i]}"
    fi
  done
done

# The outputs of the last round are checked too; the corpus must be exactly as it was.
for i in "${!names[@]}"; do
  name=${names[i]}
  [[ -n ${failed[i]} || $name == pixbox-startup ]] && continue
  problems=$(check_outputs "$name")
  [[ -z $problems ]] || { failed[i]="wrong output in the last round: $(head -n 1 <<<"$problems")"; shout "$name" "${failed[i]}"; }
done
[[ $(cd "$corpus" && md5sum "${files[@]##*/}") == "$corpus_sum" ]] \
  || { shout "the corpus in $corpus changed during the run" "a tool wrote into it: rebuild it"; exit 1; }

# --- report ------------------------------------------------------------------------------------
declare -A medians=() cpu_medians=()
for i in "${!names[@]}"; do
  name=${names[i]}
  if [[ -z ${failed[i]} ]]; then
    medians[$name]=$(tr ' ' '\n' <<<"${times[$name]}" | grep . | median)
    cpu_medians[$name]=$(tr ' ' '\n' <<<"${cpu[$name]}" | grep . | median)
  fi
done
sharp_median=${medians[sharp]:-}

label() {
  case $1 in
    pixbox-vips) echo 'Pixbox, libvips engine' ;;
    pixbox-java) echo 'Pixbox, Java engine' ;;
    pixbox-startup) echo 'Pixbox start-up only (`pixbox --version`)' ;;
    *) echo "$1" ;;
  esac
}

java_bin=${JAVA_HOME:+$JAVA_HOME/bin/java}
if [[ ! -x ${java_bin:-} ]]; then
  for java_bin in /usr/lib/jvm/temurin-25*/bin/java; do [[ -x $java_bin ]] && break; done
fi

echo "### Thumbnails of the corpus: $count images, ${box}×$box JPEG q85, $(date -u +%Y-%m-%d)"
echo
echo "Median of $rounds rounds, each tool in turn in every round, after one warm-up run each."
echo "Wall time of the whole batch, start-up included. Ratio: sharp's median ÷ the tool's (≥ 1 is faster than sharp)."
echo "CPU: user + system seconds of the batch, all processes and threads; steadier than wall time on a busy machine."
echo
echo '| tool | median s | images/s | vs sharp | CPU s |'
echo '| --- | ---: | ---: | ---: | ---: |'
failures=0
for i in "${!names[@]}"; do
  name=${names[i]}
  if [[ -n ${failed[i]} ]]; then
    failures=$((failures + 1))
    echo "| $(label "$name") | **FAILED**: ${failed[i]//|/\\|} | | | |"
  elif [[ $name == pixbox-startup ]]; then
    printf '| %s | %.2f | | | %.2f |\n' "$(label "$name")" "${medians[$name]}" "${cpu_medians[$name]}"
  else
    awk -v t="${medians[$name]}" -v c="${cpu_medians[$name]}" -v n="$count" -v s="$sharp_median" \
      -v l="$(label "$name")" 'BEGIN {
      printf "| %s | %.2f | %.1f | %s | %.2f |\n", l, t, n / t, s == "" ? "n/a" : sprintf("%.2f×", s / t), c }'
  fi
done
if ((${#summary[@]} > 0)); then
  echo
  echo "The last lines Pixbox printed in its warm-up run (its own in-process figures, if it reports any):"
  echo
  for name in "${!summary[@]}"; do printf -- '- %s: `%s`\n' "$(label "$name")" "$(tr '\n' ' ' <<<"${summary[$name]}")"; done
fi
echo
echo "Machine: $threads cores, $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"
echo "$(free -g | awk '/^Mem:/ { print $2 }') GiB memory; load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Versions: libvips $(vips --version 2>/dev/null | sed 's/^vips-//' || echo '?') (the system's, used by vipsthumbnail and Pixbox's libvips engine);"
echo "sharp $sharp_version with its own libvips $(node -p "require('$sharp_home/node_modules/sharp').versions.vips" 2>/dev/null || echo '?'),"
echo "Node.js $(node --version 2>/dev/null || echo '?'); JDK $("$java_bin" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }' || echo '?');"
echo "Timed with $timer."
echo
echo "Command: \`${PIXBOX:+PIXBOX=$PIXBOX }ROUNDS=$rounds pixbox-bench/compare.sh $corpus\`. Per tool:"
echo
echo '```'
for i in "${!names[@]}"; do
  if [[ -n ${cmds[i]} ]]; then
    line=${cmds[i]//"$quoted_files"/FILES... }
    echo "${line//"$work"/WORK}"
  fi
done
echo '```'
log "Report above; timings in $work"
exit $((failures > 0))
