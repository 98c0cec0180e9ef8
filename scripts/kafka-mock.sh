#!/usr/bin/env bash
# Mock Kafka cluster for tests, using librdkafka's built-in mock cluster
# (shipped with Debian's `kcat` package). Speaks the real Kafka protocol on
# loopback TCP; lives as long as the background kcat process.
#
# Usage:
#   scripts/kafka-mock.sh start   [DIR]  # start (or reuse) a 3-broker mock; prints ONLY the brokers
#   scripts/kafka-mock.sh brokers [DIR]  # print brokers of the running mock (exit 1 if none)
#   scripts/kafka-mock.sh stop    [DIR]  # stop the mock (whole process group), remove files; idempotent
#   scripts/kafka-mock.sh status  [DIR]  # human-readable status (exit 1 if not running)
#
# DIR defaults to ${KP_RUN_DIR:-/tmp/kp-kafka-mock}. Files: kafka-mock.pid,
# kafka-mock.brokers, kafka-mock.log.
# If KAFKA_BROKERS is set (a real Kafka is configured), `start` and `brokers`
# just print it and do nothing else.
#
# Notes about the mock (librdkafka 2.0.2):
#   - topics are auto-created on first Metadata/Produce with 4 partitions and
#     replication factor min(3, brokers) (hard-coded default; the only mock
#     properties are test.mock.num.brokers and test.mock.broker.rtt);
#   - CreateTopics is not supported (kafkajs admin.createTopics fails);
#   - state is in memory only and disappears with `stop`.
set -euo pipefail

NUM_BROKERS="${KAFKA_MOCK_NUM_BROKERS:-3}"
START_TIMEOUT_S="${KAFKA_MOCK_START_TIMEOUT:-20}"

die() { echo "kafka-mock: $*" >&2; exit 1; }

usage() {
  sed -n '5,10p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd="${1:-}"
[ -n "$cmd" ] || usage
DIR="${2:-${KP_RUN_DIR:-/tmp/kp-kafka-mock}}"
PID_FILE="$DIR/kafka-mock.pid"
BROKERS_FILE="$DIR/kafka-mock.brokers"
LOG_FILE="$DIR/kafka-mock.log"

# True if $1 is a live (non-zombie) process that looks like our mock.
pid_alive() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/stat" ] || return 1
  # field 3 of /proc/PID/stat is the state; Z = zombie, X = dead
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  case "$state" in Z|X|"") return 1 ;; esac
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'test.mock.num.brokers' || return 1
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  pid_alive "$pid" || return 1
  echo "$pid"
}

ensure_kcat() {
  command -v kcat >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != "0" ]; then
    die "kcat (librdkafka mock cluster) is not installed and we are not root; install it with 'sudo apt-get install -y kcat' or set KAFKA_BROKERS to a real Kafka"
  fi
  command -v apt-get >/dev/null 2>&1 || die "kcat missing and apt-get unavailable; install kcat or set KAFKA_BROKERS"
  echo "kafka-mock: installing kcat via apt-get ..." >&2
  # all apt output goes to stderr: stdout must carry only the brokers string
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat; } >&2 \
    || die "apt-get install kcat failed"
  command -v kcat >/dev/null 2>&1 || die "kcat still not found after install"
}

kill_group() {
  local pid="$1" i
  # The mock runs in its own session/process group whose id is $pid
  # (bash wrapper + `sleep infinity` feeder + kcat).
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  # stragglers in the group (e.g. kcat ignoring TERM while the wrapper died)
  if pgrep -g "$pid" >/dev/null 2>&1; then
    sleep 0.2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
}

do_stop() {
  if [ -f "$PID_FILE" ]; then
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && pid_alive "$pid"; then
      kill_group "$pid"
    fi
  fi
  rm -f "$PID_FILE" "$BROKERS_FILE" "$LOG_FILE"
}

do_start() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    echo "$KAFKA_BROKERS"
    exit 0
  fi
  mkdir -p "$DIR"
  local pid
  if pid="$(running_pid)" && [ -s "$BROKERS_FILE" ]; then
    cat "$BROKERS_FILE"
    exit 0
  fi
  # stale files / half-started mock: clean up first
  do_stop
  ensure_kcat

  : >"$LOG_FILE"
  # Fully detached: new session (own process group, no controlling tty),
  # stdin/stdout from/to /dev/null, stderr to the log file, so that callers
  # using execFileSync/pipes are never held open by the mock.
  # `sleep infinity` keeps kcat's stdin open (kcat -P exits on EOF).
  # kcat insists on -b; the mock replaces it. No `-d mock`: the bootstrap line
  # is logged at NOTICE level anyway, and debug logging would grow the log
  # with every request.
  local pidfile_tmp="$PID_FILE.tmp"
  rm -f "$pidfile_tmp"
  # shellcheck disable=SC2016
  setsid nohup bash -c '
    echo $$ >"$1"
    sleep infinity | exec kcat -b 127.0.0.1:1 -X "test.mock.num.brokers=$2" -P -t _kp_mock_keepalive
  ' kafka-mock "$pidfile_tmp" "$NUM_BROKERS" </dev/null >/dev/null 2>>"$LOG_FILE" &
  disown 2>/dev/null || true

  local deadline=$((SECONDS + START_TIMEOUT_S)) brokers=""
  pid=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    if [ -z "$pid" ] && [ -s "$pidfile_tmp" ]; then
      pid="$(cat "$pidfile_tmp")"
    fi
    brokers="$(sed -n -e 's/.*bootstrap\.servers=\([^ ]*\).*/\1/p' \
                      -e 's/.*replaced with \([^ ]*\).*/\1/p' "$LOG_FILE" 2>/dev/null | head -n 1)"
    if [ -n "$brokers" ] && [ -n "$pid" ]; then
      break
    fi
    if [ -n "$pid" ] && ! pid_alive "$pid"; then
      # the wrapper only exits once kcat has exited
      cat "$LOG_FILE" >&2 || true
      rm -f "$pidfile_tmp"
      die "mock cluster process exited during startup"
    fi
    sleep 0.1
  done
  if [ -z "$brokers" ] || [ -z "$pid" ]; then
    [ -n "$pid" ] && kill_group "$pid"
    cat "$LOG_FILE" >&2 || true
    rm -f "$pidfile_tmp"
    die "mock cluster did not report bootstrap.servers within ${START_TIMEOUT_S}s"
  fi
  mv -f "$pidfile_tmp" "$PID_FILE"
  printf '%s\n' "$brokers" >"$BROKERS_FILE"
  echo "$brokers"
}

do_brokers() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    echo "$KAFKA_BROKERS"
    exit 0
  fi
  if running_pid >/dev/null && [ -s "$BROKERS_FILE" ]; then
    cat "$BROKERS_FILE"
    exit 0
  fi
  echo "kafka-mock: no mock running for $DIR" >&2
  exit 1
}

do_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running pid=$pid brokers=$(cat "$BROKERS_FILE" 2>/dev/null) dir=$DIR"
  else
    echo "not running (dir=$DIR)"
    exit 1
  fi
}

case "$cmd" in
  start) do_start ;;
  brokers) do_brokers ;;
  stop) do_stop ;;
  status) do_status ;;
  -h|--help|help) usage ;;
  *) usage ;;
esac
