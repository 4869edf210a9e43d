#!/usr/bin/env bash
# Captures the table report of a failing example the way a user sees it: in a real terminal
# (tmux) of 80 columns and of 160 columns, in Dutch, and once in English. Redo it after changing
# the report:  bash scripts/capture-docs.sh
# Writes docs/rapport-80.txt, docs/rapport-160.txt, docs/rapport-80-en.txt (plain text) and
# docs/rapport-80.ansi (the same as rapport-80.txt with its colours, for `cat` in a terminal);
# then the HTML report of the same example, docs/html-rapport.html, and the picture of it that headless
# Chromium draws, docs/html-rapport.png (needs Debian's chromium, as scripts/test.sh installs).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux is needed: apt-get install tmux" >&2; exit 2; }
cargo build --quiet
bin_dir="$PWD/target/debug"
example=examples/2025-2028/fouten/cofinanciering-te-laag/cofinanciering-te-laag.yaml

# capture WIDTH OUTPUT_FILE COLOUR(yes|no) ARGS...
capture() {
  local width=$1 out=$2 colour=$3
  shift 3
  local session="stocheck-docs-$$-$width-$RANDOM"
  # The pane shows the command as typed at a prompt, then runs it in a clean environment; it
  # stays open until captured.
  local cmd="stocheck $*"
  tmux new-session -d -s "$session" -x "$width" -y 300 \
    "env -i HOME=\"$HOME\" TERM=xterm-256color PATH=\"$bin_dir:/usr/bin:/bin\" bash --norc --noprofile -c 'printf \"\$ %s\\n\" \"$cmd\"; $cmd; tmux wait-for -S $session; sleep 600'"
  tmux wait-for "$session"
  if [ "$colour" = yes ]; then
    tmux capture-pane -e -p -t "$session" -S - -E - > "$out"
  else
    tmux capture-pane -p -t "$session" -S - -E - > "$out"
  fi
  tmux kill-session -t "$session"
  # Drop the trailing empty rows of the pane and the prompt left after the report.
  sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$out"
}

mkdir -p docs
capture 80 docs/rapport-80.txt no --color never check "$example"
capture 160 docs/rapport-160.txt no --color never check "$example"
capture 80 docs/rapport-80-en.txt no --color never --lang en check "$example"
capture 80 docs/rapport-80.ansi yes check "$example"
echo "docs/rapport-80.txt docs/rapport-160.txt docs/rapport-80-en.txt docs/rapport-80.ansi"

command -v chromium >/dev/null || { echo "chromium is needed for docs/html-rapport.png: apt-get install chromium" >&2; exit 2; }
"$bin_dir/stocheck" check "$example" --peildatum 2026-11-29 --format html=docs/html-rapport.html >/dev/null || true
plan="$(mktemp)"
python3 - "$plan" "$PWD" <<'PY'
import json, sys
root = sys.argv[2]
json.dump({"chromium": "chromium", "probe": "1",
           "pages": [{"file": root + "/docs/html-rapport.html", "screenshot": root + "/docs/html-rapport.png"}]}, open(sys.argv[1], "w"))
PY
python3 tests/html/render.py "$plan" >/dev/null
rm -f "$plan"
echo "docs/html-rapport.html docs/html-rapport.png"
