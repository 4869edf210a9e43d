#!/usr/bin/env bash
# Builds what a release ships, for this machine only, and checks the crate:
#   target/distrib/   the archive with its checksum, the shell and PowerShell installers (dist build)
#   target/wheels/    the Python wheel that carries the binary (maturin)
# and `cargo publish --dry-run --locked`. The archive and the wheel come from one release build
# (profile `dist`, this machine's target triple), so the second costs only packing.
# tests/packaging.rs tries each of them. Needs the tools scripts/test.sh installs into .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${STOCHECK_VENV:-$PWD/.venv}"
host="$(rustc -vV | sed -n 's/^host: //p')"

# The release plan for every platform; fails when .github/workflows/release.yml no longer matches
# dist-workspace.toml (regenerate it with `.venv/bin/dist generate`).
mkdir -p target
"$venv/bin/dist" plan --output-format=json > target/dist-plan.json 2> target/dist-plan.log \
    || { cat target/dist-plan.log >&2; exit 1; }
"$venv/bin/dist" generate --check

# The installers for every platform (the PowerShell one among them), then the archive and its
# checksum for this machine, with the shell installer again, now holding the archive's checksum.
"$venv/bin/dist" build --artifacts=global
"$venv/bin/dist" build --artifacts=all --target "$host"

# The wheel, from the same build (pyproject.toml: profile dist, locked).
rm -rf target/wheels
"$venv/bin/maturin" build --quiet --target "$host" --out target/wheels

# The crate as crates.io would get it. Work in progress (uncommitted changes) is packed as it is;
# a clean checkout, as in CI, runs exactly `cargo publish --dry-run --locked`.
dirty=()
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then dirty=(--allow-dirty); fi
cargo publish --dry-run --locked "${dirty[@]}"
