# Shared settings and helpers for scripts/kafka/{start,stop}.sh. Sourced, not executed.
# Env overrides:
#   KAFKA_PORT             client (PLAINTEXT) port, default 9092
#   KAFKA_CONTROLLER_PORT  KRaft controller port, default KAFKA_PORT+1
#   KAFKA_HOME_DIR         state dir (lib/, data/, server.properties, broker.log, broker.pid),
#                          default scripts/kafka/.broker
#   KAFKA_LIB_DIR          classpath dir, default $KAFKA_HOME_DIR/lib (share one between homes)
#   KAFKA_HEAP_OPTS        default "-Xms128m -Xmx512m"
#   KAFKA_JVM_OPTS         extra JVM flags appended to the defaults
#   KAFKA_START_TIMEOUT    seconds to wait for the broker to answer, default 90
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL, default 30
#   MAVEN_ARGS_EXTRA       extra arguments for the one-off `mvn dependency:copy-dependencies`

KAFKA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_HOME_DIR="${KAFKA_HOME_DIR:-$KAFKA_SCRIPT_DIR/.broker}"
mkdir -p "$KAFKA_HOME_DIR"
KAFKA_HOME_DIR="$(cd "$KAFKA_HOME_DIR" && pwd)"
KAFKA_LIB_DIR="${KAFKA_LIB_DIR:-$KAFKA_HOME_DIR/lib}"
KAFKA_DATA_DIR="$KAFKA_HOME_DIR/data"
KAFKA_CONFIG="$KAFKA_HOME_DIR/server.properties"
KAFKA_LOG="$KAFKA_HOME_DIR/broker.log"
KAFKA_PID_FILE="$KAFKA_HOME_DIR/broker.pid"
KAFKA_LOCK_FILE="$KAFKA_HOME_DIR/.lock"

kafka_now() { date +%s.%N; }
# Alive and not a zombie (a broker that died while start.sh is still its parent stays a zombie).
kafka_alive() {
  local state
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ -n "$state" ] && [ "$state" != "Z" ] && [ "$state" != "X" ]
}
# kafka_elapsed START -> "1.23s"
kafka_elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2fs", e - s }'; }
kafka_log() { echo "[kafka] $*"; }

# Is PID a live JVM running kafka.Kafka with *our* config file?
kafka_pid_is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  local cmd
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmd" == *"kafka.Kafka"* && "$cmd" == *"$KAFKA_CONFIG"* ]]
}

# Prints the pid of our running broker (pid file first, else a scan of /proc for a JVM
# started with our server.properties), returns 1 if none.
kafka_running_pid() {
  local pid
  if [ -f "$KAFKA_PID_FILE" ]; then
    pid="$(cat "$KAFKA_PID_FILE" 2>/dev/null || true)"
    if kafka_pid_is_ours "$pid"; then echo "$pid"; return 0; fi
  fi
  for d in /proc/[0-9]*; do
    pid="${d#/proc/}"
    if kafka_pid_is_ours "$pid"; then echo "$pid"; return 0; fi
  done
  return 1
}

# Does a Kafka broker answer on 127.0.0.1:$1? Sends an ApiVersions v0 request
# (correlation id 7, client id "probe") and checks the response header.
kafka_probe() {
  local port="${1:-$KAFKA_PORT}"
  local out
  out="$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x0f\x00\x12\x00\x00\x00\x00\x00\x07\x00\x05probe" >&3
    head -c 10 <&3 | od -An -tx1 | tr -d " \n"
  ' _ "$port" 2>/dev/null)" || return 1
  # size(4 bytes, any) + correlation id 7 + error code 0
  [[ "$out" =~ ^[0-9a-f]{8}000000070000$ ]]
}
