#!/usr/bin/env bash
# Real processes, real signals: SIGTERM to `npm run mock` and `npm run bench` (what Docker
# and CI send) must leave no node process behind and free the port; a parent killed with
# SIGKILL must not leave an orphan either. Prints one line per check; exits 1 on a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
port=$((20000 + RANDOM % 20000))
say() { echo "$*"; }
check() { if eval "$2"; then say "ok: $1"; else say "FAILED: $1"; fail=1; fi; }
# Children of $1 (the npm process), transitively.
descendants() { local kids; kids="$(pgrep -P "$1" || true)"; for k in $kids; do echo "$k"; descendants "$k"; done; }
# Running, not merely a zombie waiting for an init that may never reap it.
alive() { for p in $1; do state="$(ps -o stat= -p "$p" 2>/dev/null)"; [ -n "$state" ] && [ "${state#Z}" = "$state" ] && return 0; done; return 1; }
wait_gone() { for _ in $(seq 1 100); do alive "$1" || return 0; sleep 0.1; done; return 1; }
port_free() { ! (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# 1. npm run mock, then SIGTERM to npm.
npm run mock -- --port "$port" >$logs/mock.log 2>&1 &
npm_pid=$!
for _ in $(seq 1 100); do grep -q listening $logs/mock.log && break; sleep 0.1; done
kids="$(descendants "$npm_pid")"
kill -TERM "$npm_pid"
check "SIGTERM to npm run mock leaves no process (npm $npm_pid, children: $(echo $kids))" "wait_gone '$npm_pid $kids'"
check "and frees port $port" "port_free $port"

# 2. npm run bench (a real-clock run that takes a while), then SIGTERM to npm.
out="$(mktemp -d)"
npm run bench -- --clock real --latency 2s --requests 50 --out "$out" >$logs/bench.log 2>&1 &
npm_pid=$!
sleep 3
kids="$(descendants "$npm_pid")"
kill -TERM "$npm_pid"
check "SIGTERM to npm run bench leaves no process (npm $npm_pid, children: $(echo $kids))" "wait_gone '$npm_pid $kids'"
check "and saves the interrupted run beside, not over, complete results" "[ -s '$out/strategies.partial.json' ] && [ ! -e '$out/strategies.json' ]"
rm -rf "$out"

# 3. A parent killed with SIGKILL cannot pass anything on: the child notices and stops.
port=$((port + 1))
bash -c "node --conditions=llm-concurrency-bench-source --import tsx src/cli.ts mock --port $port >$logs/orphan.log 2>&1 & echo \$! >$logs/orphan.pid; sleep 60" &
wrapper=$!
for _ in $(seq 1 100); do grep -q listening $logs/orphan.log 2>/dev/null && break; sleep 0.1; done
orphan="$(cat $logs/orphan.pid)"
kill -KILL "$wrapper"
wait "$wrapper" 2>/dev/null
check "a mock whose parent was SIGKILLed stops by itself (pid $orphan)" "wait_gone '$orphan'"
check "and frees port $port" "port_free $port"
[ "$fail" = 0 ] && echo "signal checks passed" || { echo "signal checks FAILED"; exit 1; }
