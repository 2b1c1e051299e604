# Sourced by run.sh and scripts/system.sh (bench.sh, drill.sh): build_if_stale JAR... runs the
# Maven package build when a jar is missing or any pom or main source is newer than it, then marks
# them all as checked.

build_if_stale() {
  local jar stale=
  for jar in "$@"; do
    # a missing jar, or any main source or pom newer than it, means it may be stale
    if [[ ! -f $jar || -n $(find pom.xml ./*/pom.xml ./*/src/main -type f -newer "$jar" -print -quit 2>/dev/null) ]]; then
      stale=1
      break
    fi
  done
  if [[ -n $stale ]]; then
    echo "Building Veltrix: ./mvnw -q -B -DskipTests package"
    ./mvnw -q -B -DskipTests package
    # mark all as checked now (a module the build had no reason to repackage keeps its old date)
    touch "$@"
  fi
}
