#!/usr/bin/env bash
# Measures the regression gate (docs/ci-gate.md): how often it raises a false alarm on
# unchanged code and how often it catches a planted regression — the strategies suite
# recorded at --concurrency 20 as the baseline, then run again at 20 (unchanged) and at 16
# (planted). Prints one line per run and a summary. Not a test: nothing here is asserted.
#
#   bash scripts/measure-gate.sh virtual [DIR] [RUNS]   # default 20 runs of each kind
#   bash scripts/measure-gate.sh real [DIR] [RUNS]      # default 5; --clock real --time-scale 0.1 --iterations 3
#
# Runs are kept in DIR (default: a new temporary folder); a run whose results
# are already there is not repeated, so an interrupted measurement can be resumed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
mode="${1:-virtual}"
work="$(realpath -m "${2:-$(mktemp -d)}")"
case "$mode" in
  virtual) runs="${3:-20}"; clock=() ;;
  real) runs="${3:-5}"; clock=(--clock real --time-scale 0.1 --iterations 3) ;;
  *) echo "usage: bash scripts/measure-gate.sh virtual|real [DIR] [RUNS]" >&2; exit 2 ;;
esac
mkdir -p "$work"
cd "$repo"
cli=(node --conditions=llm-concurrency-bench-source --import tsx src/cli.ts)

# Runs the strategies suite at concurrency $2 into folder $1, unless it is already there.
run() {
  if [ -s "$1/strategies.json" ]; then return 0; fi
  "${cli[@]}" bench strategies "${clock[@]}" --concurrency "$2" --no-progress --out "$1" >/dev/null
}

# Compares run folder $1 with the baseline; prints the exit code and the regressed rows.
gate() {
  local code=0
  "${cli[@]}" compare "$work/baseline/strategies.json" "$1/strategies.json" --format json >"$1/compare.json" 2>"$1/compare.err" || code=$?
  local rows
  rows="$(node -e 'const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(c.rows.filter((r) => r.verdict === "regressed").map((r) => r.name).join(",") || "-")' "$1/compare.json" 2>/dev/null || cat "$1/compare.err")"
  local spread
  spread="$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(r.rows.map((x) => `${x.name}=${(x.makespanMs.median).toFixed(1)}`).join(" "))' "$1/strategies.json")"
  echo "$(basename "$1") exit $code regressed: $rows"
  echo "$(basename "$1") makespans(ms): $spread" >>"$work/makespans.txt"
}

echo "mode $mode, $runs runs of each kind, in $work"
started=$SECONDS
run "$work/baseline" 20
: >"$work/makespans.txt"
for i in $(seq 1 "$runs"); do run "$work/same-$i" 20; done
for i in $(seq 1 "$runs"); do run "$work/planted-$i" 16; done
echo "runs took $((SECONDS - started)) s"
for i in $(seq 1 "$runs"); do gate "$work/same-$i"; done | tee "$work/same.txt"
for i in $(seq 1 "$runs"); do gate "$work/planted-$i"; done | tee "$work/planted.txt"
echo "unchanged: $(grep -c 'exit 1' "$work/same.txt" || true) of $runs exited 1 (false alarms)"
echo "planted:   $(grep -c 'exit 1' "$work/planted.txt" || true) of $runs exited 1 (caught)"
echo "rows named as regressed, over the planted runs: $(sed 's/.*regressed: //' "$work/planted.txt" | sort | uniq -c | tr -s ' ' | paste -sd ';')"
if [ "$mode" = virtual ]; then
  # This repository's own gate, as .ci/run calls it: the ci-gate suite against results/baseline.json.
  alarms=0
  for i in $(seq 1 "$runs"); do
    "${cli[@]}" bench ci-gate --baseline results/baseline.json --no-progress --out "$work/gate-$i" >/dev/null 2>&1 || alarms=$((alarms + 1))
  done
  echo "npm run gate (ci-gate vs results/baseline.json): $alarms of $runs runs exited non-zero"
fi
echo "makespan medians per run: $work/makespans.txt"
