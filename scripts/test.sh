#!/usr/bin/env bash
# The test command: installs the real clients the tests talk to (junitparser, check-jsonschema,
# pre-commit, cmarkgfm) into a local, ignored virtual environment `.venv`, pinned by
# tests/requirements.txt, then runs every Rust test with them. Nothing is installed outside the
# repository. Extra arguments go to `cargo test` (for example a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$PWD/.venv"
reqs="tests/requirements.txt"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$reqs" | cut -d' ' -f1)"

# (Re)install only when the pins changed, so a second run needs no network.
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$reqs"
    echo "$want" > "$stamp"
fi

export STOCHECK_VENV="$venv"
# A changed snapshot (tests/snapshots/, tests/cmd/) fails the run; nothing is written aside or
# accepted on the way, whatever the caller's environment says. To accept a reviewed change, run
# `cargo insta review` or `TRYCMD=overwrite cargo test --test cmd` yourself.
export INSTA_UPDATE=no INSTA_FORCE_PASS=0
unset TRYCMD
cargo test --locked "$@"
