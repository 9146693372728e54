#!/usr/bin/env bash
# Stops the broker started by scripts/kafka/start.sh: SIGTERM (controlled shutdown),
# wait up to KAFKA_STOP_TIMEOUT (30 s), then SIGKILL. Idempotent.
#
#   npm run kafka:stop              # keep topics and offsets
#   npm run kafka:stop -- --wipe    # also delete the data dir (next start formats anew)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WIPE=0
for arg in "$@"; do
  case "$arg" in
    --wipe) WIPE=1 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "[kafka] unknown argument: $arg" >&2; exit 2 ;;
  esac
done

T="$(kafka_now)"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

if pid="$(kafka_running_pid)"; then
  kafka_log "stopping broker (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  while kafka_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
  if kafka_alive "$pid"; then
    kafka_log "still alive after ${STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kafka_alive "$pid"; do sleep 0.1; done
  fi
  kafka_log "stopped [$(kafka_elapsed "$T")]"
else
  kafka_log "not running"
fi
rm -f "$KAFKA_PID_FILE"

if ((WIPE)); then
  rm -rf "$KAFKA_DATA_DIR"
  kafka_log "wiped $KAFKA_DATA_DIR"
fi
