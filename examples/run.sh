#!/usr/bin/env bash
# Builds and runs the example projects under examples/ against this checkout, as a user would after
# 'mvn install', but with a private local repository (target/example-m2) so that the shared ~/.m2 keeps
# whatever zkml4j snapshots it has. Run by .ci/run; takes a minute or two.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-env.sh
repo="$root/target/example-m2"
if [ ! -d "$repo" ]; then
  mkdir -p "$repo"
  # Seed it with the third-party artifacts already on this machine (not zkml4j's own), else Maven downloads them.
  if [ -d "$HOME/.m2/repository" ]; then
    (cd "$HOME/.m2/repository" && tar cf - --exclude=./io/zkml4j .) | (cd "$repo" && tar xf -)
  fi
fi
echo "examples: installing zkml4j into $repo"
mvn -B -ntp -q -Dmaven.repo.local="$repo" -Dmaven.test.skip=true -pl zkml-prover -am install
for example in examples/*/; do
  echo "examples: ${example%/}"
  (cd "$example" && mvn -B -ntp -q -Dmaven.repo.local="$repo" package exec:java)
done
