# Sourced by ./zkml and ./run-tests: use Temurin 25 when present (faster here, see docs/BENCHMARKS.md),
# else the default JDK (17 or newer). The code is compiled for Java 17 either way.
if [ -z "${ZKML_JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk; do
    if [ -x "$candidate/bin/java" ]; then ZKML_JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -n "${ZKML_JAVA_HOME:-}" ]; then
  export JAVA_HOME="$ZKML_JAVA_HOME"
  export PATH="$JAVA_HOME/bin:$PATH"
fi
