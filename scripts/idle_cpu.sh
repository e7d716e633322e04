#!/usr/bin/env bash
# Idle CPU of the viewer left alone on the built-in sample, against a bare eframe window with the
# same features and window options (examples/idle.rs), each under its own Xvfb server.
#
# usage: scripts/idle_cpu.sh [PROFILE] [SECONDS] [RUNS]     (defaults: release 10 3)
#        IDLE_PROGRAM=path/to/idle scripts/idle_cpu.sh ...   (measure that build, e.g. an older one)
#
# Each run starts the program, waits WARMUP seconds for start-up to finish, then reads the CPU
# time (user + system, /proc/PID/stat) it uses over SECONDS of no input. Prints every run and
# the median, in CPU seconds per second (1.0 = one core busy).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
seconds=${2:-10}
runs=${3:-3}
warmup=3
if [ -n "${IDLE_PROGRAM:-}" ]; then
  program=$IDLE_PROGRAM
elif [ "$profile" = release ]; then
  cargo build --release --quiet --example idle
  program=$PWD/target/release/examples/idle
else
  cargo build --quiet --example idle
  program=$PWD/target/debug/examples/idle
fi
tick=$(getconf CLK_TCK)
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT

measure() { # mode -> CPU seconds per second
  HOME=$home KAIRAN_CONFIG_DIR=$home/config XDG_RUNTIME_DIR=$home \
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
      "$1" "$2" >/dev/null 2>&1 & pid=$!
      cpu() { awk "{print \$14 + \$15}" /proc/$pid/stat; }
      sleep "$3"; before=$(cpu); sleep "$4"; after=$(cpu)
      kill $pid; wait $pid 2>/dev/null || true
      echo "$before $after"' _ "$program" "$1" "$warmup" "$seconds" |
    awk -v tick="$tick" -v s="$seconds" '{printf "%.3f\n", ($2 - $1) / tick / s}'
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

for mode in bare kairan; do
  results=()
  for _ in $(seq "$runs"); do
    results+=("$(measure "$mode")")
  done
  echo "$mode: runs ${results[*]} median $(printf '%s\n' "${results[@]}" | median)"
done
