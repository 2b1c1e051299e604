# Sourced by run.sh and scripts/system.sh: picks the java that runs the launcher (and so both
# services) and the load generator. VELTRIX_JAVA names one; without it, the newest JDK found among
# JAVA_HOME's, the one on the PATH and those under /usr/lib/jvm: on JDK 25 or later the services run
# with their ahead-of-time caches (README "Configuration", VELTRIX_AOT_CACHE). The build still
# targets Java 17 and runs on whatever ./mvnw finds.

# The feature release of the java binary $1 (17, 25, ...), from its JDK's release file or, failing
# that, from the JVM itself; nothing when it cannot tell.
java_release() {
  local home release
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [[ -f $home/release ]]; then
    release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [[ -z ${release:-} ]]; then
    release=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
  fi
  echo "${release:-}"
}

pick_java() {
  if [[ -n ${VELTRIX_JAVA:-} ]]; then
    echo "$VELTRIX_JAVA"
    return
  fi
  local candidate release best=java best_release=0
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -n $candidate && -x $candidate ]] || continue
    release=$(java_release "$candidate")
    if [[ -n $release ]] && (( release > best_release )); then
      best=$candidate
      best_release=$release
    fi
  done
  echo "$best"
}

java=$(pick_java)
