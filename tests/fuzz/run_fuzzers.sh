#!/usr/bin/env bash
# Runs the libFuzzer targets of a build (cmake -DATTNLAB_BUILD_FUZZ=ON, see README "Robustness checks") for a
# bounded time each, starting from the seeds in tests/fuzz/corpus/<name>/. Inputs the fuzzer finds go to a
# scratch corpus, so the committed seeds stay a small, reviewed set.
#
#   tests/fuzz/run_fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET…]     (default 25 s, every fuzz_* target)
#
# FUZZ_SEED (default 1) fixes libFuzzer's random choices, so that a run (CI's) replays the same inputs and a
# finding is not a matter of luck; set another seed to explore further.
# Prints executions per target; exits 1 when any target crashed, leaked, hung (> 10 s for one input) or broke
# an invariant, after running the others. The failing input is kept in BUILD_DIR/fuzz-artifacts/.
set -uo pipefail

build=${1:?usage: run_fuzzers.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET…]}
seconds=${2:-25}
shift $(($# < 2 ? $# : 2))
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/tests/fuzz"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for t in "$bin"/fuzz_*; do [ -f "$t" ] && [ -x "$t" ] && targets+=("$(basename "$t")"); done
fi
[ ${#targets[@]} -gt 0 ] || { echo "error: no fuzz_* executables in $bin (build the 'fuzzers' target)" >&2; exit 2; }

artifacts="$build/fuzz-artifacts"
scratch="$build/fuzz-corpus"
mkdir -p "$artifacts" "$scratch"
failed=()
printf '%-24s %12s %10s %8s\n' target executions exec/s result
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  seeds="$here/corpus/$name"
  [ -d "$seeds" ] || { echo "error: no seed corpus $seeds for $target" >&2; exit 2; }
  mkdir -p "$scratch/$name"
  log="$artifacts/$target.log"
  "$bin/$target" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$here/attnlab.dict" -artifact_prefix="$artifacts/$target-" "$scratch/$name" "$seeds" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  if [ $status -ne 0 ]; then
    result="FAILED ($status)"
    failed+=("$target")
  fi
  printf '%-24s %12s %10s %8s\n' "$target" "${runs:-?}" "${rate:-?}" "$result"
done
for target in "${failed[@]}"; do
  echo "---- $target: $artifacts/$target.log" >&2
  grep -E -A30 '^==[0-9]+==ERROR|runtime error|invariant failed|ALARM|Test unit written' "$artifacts/$target.log" | head -60 >&2
done
[ ${#failed[@]} -eq 0 ]
