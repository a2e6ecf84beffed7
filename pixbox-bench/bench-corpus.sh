# Sourced by the benchmark scripts after they define repo, log and die: the corpus directory (the first argument,
# or PIXBOX_CORPUS, or one ../shared/corpus/make-corpus.sh builds) and its photos, named one by one in `files` so
# that every tool gets exactly the same inputs (and no marker files).
# shellcheck shell=bash
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
