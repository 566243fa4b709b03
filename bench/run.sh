#!/usr/bin/env bash
# Guestlist's benchmark, one command:
#
#   bench/run.sh            the full run (about 35 minutes on 2 cores), table in bench/target/last-results.md
#   bench/run.sh --smoke    every step with tiny sizes, a few seconds each (what `mvn verify` runs)
#   bench/run.sh --capacity the capacity plan: rows seeded at a million accounts, their sizes on disk
#                           extrapolated to ten million (guestlist.bench.Capacity; --accounts=N),
#                           table in bench/target/capacity.md
#
# Other options go to the benchmark, the Maven module bench (guestlist.bench.Options: e.g.
# --seconds=30, --connections=32, --xmx=512m, --pool=8, --workers=32, --jfr, --loadgen=java).
# Results: README.md, "Performance".
#
# It installs wrk, pgbench, chromium (the pages' time to interactive) and a C compiler with
# libsodium-dev (the libsodium Argon2id reference, bench/native) from Debian when they are
# missing and it may (root or sudo; never in smoke mode unless BENCH_INSTALL=1), builds the product jar when missing (the whole build, which
# builds the benchmark too), builds the benchmark's jar (bench/target/guestlist-bench.jar, its
# libraries in bench/target/lib) when missing or older than its sources, and runs it. The benchmark
# has nothing of the product on its class path: it starts the product jar as a process. Without wrk
# the load comes from a small Java client; without pgbench the database reference is left out.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

smoke=false
for arg in "$@"; do
  [[ $arg == --smoke ]] && smoke=true
done

java_bin=java
if [[ -n ${BENCH_JAVA_HOME:-} ]]; then
  java_bin=$BENCH_JAVA_HOME/bin/java
elif [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  java_bin=$JAVA_HOME/bin/java
fi

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo "$@"
  else
    return 1
  fi
}

install_missing() {
  local packages=()
  command -v wrk >/dev/null || packages+=(wrk)
  command -v pgbench >/dev/null || packages+=(postgresql-contrib)
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || packages+=(chromium chromium-driver)
  command -v cc >/dev/null || packages+=(gcc libc6-dev)
  [[ -f /usr/include/sodium.h ]] || packages+=(libsodium-dev)
  ((${#packages[@]} == 0)) && return 0
  echo "bench: installing ${packages[*]} from Debian"
  if ! { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >/dev/null 2>&1; then
    echo "bench: could not install ${packages[*]} (not root?); going on without them" >&2
  fi
}

if [[ $smoke == false || ${BENCH_INSTALL:-0} == 1 ]]; then
  install_missing
fi

# offline first: a build of the product has put everything the benchmark needs in the local repository
build() {
  mvn -B -q -o "$@" || mvn -B -q "$@"
}

JAR=${BENCH_JAR:-$ROOT/bootstrap/target/guestlist.jar}
if [[ ! -f $JAR ]]; then
  echo "bench: building $JAR"
  build package -DskipTests
fi

BENCH=$ROOT/bench/target/guestlist-bench.jar
if [[ ! -f $BENCH || -n $(find "$ROOT/bench/src" "$ROOT/bench/pom.xml" -newer "$BENCH" -print -quit) ]]; then
  echo "bench: building $BENCH"
  build package -DskipTests -pl bench
fi

# the libsodium reference (the fastest Argon2id on the machine): a small C program, compiled when
# a C compiler and libsodium's headers are there; without it the benchmark leaves that row out
SODIUM=$ROOT/bench/target/sodium_hash_rate
SODIUM_SOURCE=$ROOT/bench/native/sodium_hash_rate.c
if [[ (! -x $SODIUM || $SODIUM_SOURCE -nt $SODIUM) && -f /usr/include/sodium.h ]] && command -v cc >/dev/null; then
  cc -O2 -pthread -o "$SODIUM" "$SODIUM_SOURCE" -lsodium || echo "bench: could not compile $SODIUM_SOURCE" >&2
fi

for arg in "$@"; do
  if [[ $arg == --capacity ]]; then
    exec "$java_bin" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH" guestlist.bench.Capacity \
      --root="$ROOT" --jar="$JAR" "$@"
  fi
done

exec "$java_bin" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$BENCH" --root="$ROOT" --jar="$JAR" "$@"
