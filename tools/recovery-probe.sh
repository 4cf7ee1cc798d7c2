#!/usr/bin/env bash
# Measures how `./finpulse up` recovers from a kill -9, as an operator meets it:
#   1. a clean start on a fresh state directory, until news is ingested and scored again;
#   2. kill -9 of that JVM once it has scored some news;
#   3. the same `up` again on the same state directory, until news is ingested and scored again.
# For each start it prints the seconds to the first ingested and to the first scored article
# (from the status lines), the longest silence on the terminal before that, and how many
# stack-trace lines the terminal showed until then (and while the run was stopped); then when each phase ended (the broker up, each service
# started) from the log lines. Ends both runs and waits for each to exit; leaves no process behind.
#
#   tools/recovery-probe.sh [STATE_DIR]        (default: a new directory under /tmp)
#
# FINPULSE (default: ./finpulse next to this script's directory) runs FinPulse; point it at another
# launcher to measure another build. Uses the ports of `up` (19092/19093/18086/18088/18090).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FINPULSE="${FINPULSE:-$ROOT/finpulse}"
STATE="${1:-$(mktemp -d /tmp/finpulse-probe.XXXXXX)}"
SCORED_BEFORE_KILL="${SCORED_BEFORE_KILL:-30}"
LIMIT_S="${LIMIT_S:-180}"
LOGS="$STATE/probe-logs"
mkdir -p "$LOGS"

now() { date +%s.%N; }

# $1: log file; prints "<pid>" of the started up (its JVM: the launcher execs java)
start_up() {
  setsid "$FINPULSE" up --source simulate:spike --speed 60 --status-every 1s --state-dir "$STATE" \
    >"$1" 2>&1 </dev/null &
  echo $!
}

# Time-stamps every line of the log as it grows: <seconds since start> <line>
stamp() { # $1: log, $2: stamped log, $3: start time
  tail -n +1 -F "$1" 2>/dev/null \
    | T0="$3" perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%.1f %s", time - $ENV{T0}, $_' >"$2"
}

stop_stamper() { pkill -P "$1" 2>/dev/null || true; kill "$1" 2>/dev/null || true; }

# Waits until a status line shows articles in > 0 and scored >= $3; prints the seconds of both.
wait_resumed() { # $1: stamped log, $2: pid, $3: scored threshold
  local t_in="" t_scored="" deadline=$((SECONDS + LIMIT_S))
  while ((SECONDS < deadline)); do
    kill -0 "$2" 2>/dev/null || { echo "up exited early; see $1" >&2; return 1; }
    [[ -f "$1" ]] || { sleep 0.5; continue; }
    if [[ -z "$t_in" ]]; then
      t_in="$(awk '/articles in [1-9]/ {print $1; exit}' "$1")"
    fi
    t_scored="$(awk -v n="$3" '/\| scored / {for (i = 1; i <= NF; i++) if ($i == "scored" && $(i + 1) + 0 >= n) {print $1; exit}}' "$1")"
    if [[ -n "$t_in" && -n "$t_scored" ]]; then
      echo "$t_in $t_scored"
      return 0
    fi
    sleep 0.5
  done
  echo "no progress within ${LIMIT_S}s; see $1" >&2
  return 1
}

# The longest silence (seconds between two consecutive lines) up to time $2
longest_gap() { awk -v end="$2" '$1 <= end {if (NR > 1 && $1 - prev > gap) gap = $1 - prev; prev = $1} END {printf "%.1f", gap}' "$1"; }
# Stack-trace lines up to time $2 (the recovery), or after it when $3 is "after" (the stop)
stack_lines() {
  awk -v end="$2" -v after="${3:-}" '$0 ~ /^[0-9.]+ [[:space:]]*(at |\.\.\. [0-9]+ more|Caused by:)/ \
    && ((after == "" && $1 <= end) || (after != "" && $1 > end)) {n++} END {print n + 0}' "$1"
}

# The seconds of the first line matching $2, or "-"
first_at() { awk -v re="$2" '$0 ~ re {print $1; found = 1; exit} END {if (!found) print "-"}' "$1"; }

report() { # $1: label, $2: stamped log, $3: "t_in t_scored"
  local t_in t_scored
  read -r t_in t_scored <<<"$3"
  printf '%-10s ingest resumed %6.1f s | first scored %6.1f s | longest silence %5.1f s | stack-trace lines %d (%d more at the stop)\n' \
    "$1" "$t_in" "$t_scored" "$(longest_gap "$2" "$t_scored")" "$(stack_lines "$2" "$t_scored")" \
    "$(stack_lines "$2" "$t_scored" after)"
  printf '%-10s   phases: broker up %s s | ingest started %s s | alerts started %s s | processor started %s s\n' \
    "" "$(first_at "$2" 'Kafka broker up on')" "$(first_at "$2" 'Service ingest started')" \
    "$(first_at "$2" 'Service alerts started')" "$(first_at "$2" 'Service processor started')"
}

# Waits until the process $1 has exited (it is not a child of this shell: wait cannot)
await_exit() {
  local deadline=$((SECONDS + 120))
  while kill -0 "$1" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$1" 2>/dev/null; then
    echo "up did not stop within 120 s of SIGTERM; killing it" >&2
    kill -9 "$1" 2>/dev/null || true
  fi
}

echo "state directory: $STATE" >&2
t0="$(now)"
pid="$(start_up "$LOGS/clean.log")"
stamp "$LOGS/clean.log" "$LOGS/clean.stamped" "$t0" &
stamper=$!
clean="$(wait_resumed "$LOGS/clean.stamped" "$pid" "$SCORED_BEFORE_KILL")" || { kill -TERM "$pid" 2>/dev/null || true; await_exit "$pid"; stop_stamper "$stamper"; exit 1; }
kill -9 "$pid"
await_exit "$pid"
stop_stamper "$stamper"

t0="$(now)"
pid="$(start_up "$LOGS/restart.log")"
stamp "$LOGS/restart.log" "$LOGS/restart.stamped" "$t0" &
stamper=$!
restart="$(wait_resumed "$LOGS/restart.stamped" "$pid" 1)" || { kill -TERM "$pid" 2>/dev/null || true; await_exit "$pid"; stop_stamper "$stamper"; exit 1; }
kill -TERM "$pid"
await_exit "$pid"
stop_stamper "$stamper"

report clean "$LOGS/clean.stamped" "$clean"
report "kill -9" "$LOGS/restart.stamped" "$restart"
