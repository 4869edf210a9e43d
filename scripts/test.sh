#!/usr/bin/env bash
# The test command: installs the real clients the tests talk to (junitparser, check-jsonschema,
# pre-commit, cmarkgfm) and the packaging tools (dist, maturin, uv) into a local, ignored virtual
# environment `.venv`, pinned by tests/requirements.txt and tests/packaging-requirements.txt,
# builds what a release ships for this machine (scripts/package.sh: archive, installers, wheel,
# `cargo publish --dry-run`), then runs every Rust test with them. Nothing is installed outside
# the repository. Extra arguments go to `cargo test` (for example a test name).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="$PWD/.venv"
reqs=(tests/requirements.txt tests/packaging-requirements.txt)
stamp="$venv/.requirements.sha256"
want="$(cat "${reqs[@]}" | sha256sum | cut -d' ' -f1)"

# (Re)install only when the pins changed, so a second run needs no network.
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${reqs[@]/#/-r}"
    echo "$want" > "$stamp"
fi

export STOCHECK_VENV="$venv"
scripts/package.sh
cargo test --locked "$@"
