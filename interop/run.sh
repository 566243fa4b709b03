#!/usr/bin/env bash
# Starts the built Guestlist jar on a free port with a fresh data dir, then runs
# interop/check.mjs (lemmy-js-client against the server). Builds nothing: run
# `mvn -B verify` first. Needs only bash, java and node/npm.
# Exit code: the check's (or 1 when the server does not come up).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

JAR=bootstrap/target/guestlist.jar
ADMIN_USERNAME=interop_admin
ADMIN_PASSWORD=interop-admin-password-0123
STARTUP_TIMEOUT_SECONDS=90

if [[ ! -f $JAR ]]; then
  echo "run.sh: $JAR not found; build it first (mvn -B verify)" >&2
  exit 1
fi
for tool in java node npm; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not on PATH" >&2; exit 1; }
done

# The check expects a brand-new site: never point it at a shared database.
unset GUESTLIST_DATABASE_URL GUESTLIST_DATABASE_USER GUESTLIST_DATABASE_PASSWORD

# A port is free when nothing accepts a connection on it.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_free_port() {
  local base=$((20000 + RANDOM % 30000)) port
  for ((port = base; port < base + 100; port++)); do
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  echo "run.sh: no free port in $base..$((base + 99))" >&2
  return 1
}

# 0 when GET $1 answers 200 within 2 seconds.
answers_200() {
  node -e '
    fetch(process.argv[1], { signal: AbortSignal.timeout(2000) })
      .then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1));
  ' "$1"
}

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/guestlist-interop.XXXXXX")
data_dir=$work_dir/data
server_log=$work_dir/server.log
mkdir "$data_dir"
server_pid=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    # Give the server time to stop its embedded PostgreSQL cleanly.
    for _ in {1..30}; do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      echo "run.sh: server did not stop within 30 s of SIGTERM; killing it" >&2
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  if ((rc != 0)) && [[ -f $server_log ]]; then
    echo "----- last 150 lines of the server log ($server_log) -----" >&2
    tail -n 150 "$server_log" >&2 || true
    echo "----- end of server log -----" >&2
  fi
  if ((rc != 0)); then
    echo "run.sh: FAILED (exit $rc)" >&2
  fi
  rm -rf "$work_dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ ! -d interop/node_modules ]]; then
  echo "run.sh: installing the check's dependencies (npm ci)"
  (cd interop && npm ci --no-audit --no-fund)
fi

port=$(pick_free_port)
url=http://127.0.0.1:$port
echo "run.sh: starting $JAR on port $port (data dir $data_dir)"
GUESTLIST_PORT=$port \
  GUESTLIST_MANAGEMENT_PORT=0 \
  GUESTLIST_BIND_ADDRESS=127.0.0.1 \
  GUESTLIST_PUBLIC_URL=$url \
  GUESTLIST_DATA_DIR=$data_dir \
  GUESTLIST_ADMIN_USERNAME=$ADMIN_USERNAME \
  GUESTLIST_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  GUESTLIST_RATE_LIMIT_AUTH_PER_MINUTE=0 \
  GUESTLIST_RATE_LIMIT_VALIDITY_PER_MINUTE=0 \
  java -jar "$JAR" >"$server_log" 2>&1 &
server_pid=$!
started=$SECONDS

deadline=$((started + STARTUP_TIMEOUT_SECONDS))
until answers_200 "$url/api/v4/health"; do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the server exited before it answered $url/api/v4/health" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "run.sh: $url/api/v4/health did not answer 200 within $STARTUP_TIMEOUT_SECONDS s" >&2
    exit 1
  fi
  sleep 1
done
echo "run.sh: server is up after $((SECONDS - started)) s"

status=0
GUESTLIST_URL=$url \
  GUESTLIST_PUBLIC_URL=$url \
  GUESTLIST_ADMIN_USERNAME=$ADMIN_USERNAME \
  GUESTLIST_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  node interop/check.mjs || status=$?
exit "$status"
