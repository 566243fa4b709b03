#!/usr/bin/env bash
# Guestlist's benchmark, one command:
#
#   bench/run.sh            the full run (about 14 minutes on 2 cores), table in bench/target/last-results.md
#   bench/run.sh --smoke    every step with tiny sizes, a few seconds each (what `mvn verify` runs)
#
# Other options go to bench/java/guestlistbench/Bench.java (e.g. --seconds=30, --connections=32,
# --xmx=512m, --pool=8, --workers=32, --jfr, --loadgen=java). Results: README.md, "Performance".
#
# It installs wrk and pgbench from Debian when they are missing and it may (root or sudo; never in
# smoke mode unless BENCH_INSTALL=1), builds the jar when missing, compiles the benchmark's Java
# (bench/java) against the jar, and runs it. Without wrk the load comes from a small Java client;
# without pgbench the database reference is left out.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

smoke=false
for arg in "$@"; do
  [[ $arg == --smoke ]] && smoke=true
done

java_bin=java
javac_bin=javac
if [[ -n ${BENCH_JAVA_HOME:-} ]]; then
  java_bin=$BENCH_JAVA_HOME/bin/java
  javac_bin=$BENCH_JAVA_HOME/bin/javac
elif [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]]; then
  java_bin=$JAVA_HOME/bin/java
  javac_bin=$JAVA_HOME/bin/javac
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

JAR=${BENCH_JAR:-$ROOT/bootstrap/target/guestlist.jar}
if [[ ! -f $JAR ]]; then
  echo "bench: building $JAR"
  mvn -B -q package -DskipTests
fi

CLASSES=$ROOT/bench/target/classes
stamp=$ROOT/bench/target/classes.stamp
if [[ ! -f $stamp || -n $(find "$ROOT/bench/java" "$JAR" -newer "$stamp" -print -quit) ]]; then
  rm -rf "$CLASSES"
  mkdir -p "$CLASSES"
  "$javac_bin" -nowarn -d "$CLASSES" -cp "$JAR" "$ROOT"/bench/java/guestlistbench/*.java
  touch "$stamp"
fi

exec "$java_bin" -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR:$CLASSES" guestlistbench.Bench --root="$ROOT" --jar="$JAR" "$@"
