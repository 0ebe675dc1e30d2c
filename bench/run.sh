#!/usr/bin/env bash
# Proxyline benchmarks: builds what it needs, runs every measurement side by side on this machine
# and rewrites docs/benchmarks.md.
#
#   bench/run.sh            the documented run (about 30 minutes on 2 cores): rewrites
#                           docs/benchmarks.md
#   bench/run.sh --quick    a smoke test of the same phases (about 4 minutes, plus a short replay phase):
#                           writes bench/out/benchmarks-quick.md and leaves docs/benchmarks.md alone
#   bench/run.sh --phases replay
#                           some phases only (here projection replay over generated histories of 10k and
#                           100k events; --replay-levels 100000,1000000 to choose other levels): writes
#                           bench/out/benchmarks-phases.md and leaves docs/benchmarks.md alone; with --variant
#                           (syntax below) every level is replayed by each variant in turn on the same seeded
#                           history, side by side, e.g. --variant 'batch100=standalone/target/proxyline-standalone.jar'
#                           --variant 'batch1000=standalone/target/proxyline-standalone.jar;args=--proxyline.event-store.processor-batch-size=1000'
#   bench/run.sh --phases lag --lag-rate 1000
#                           projection lag at another offered create rate (300/s by default)
#   bench/run.sh --phases hook [--hook-active 100000] [--hook-rate 1000]
#                           the routing hook paced at 1,000 decisions/s (open loop) on one connector with 100k active
#                           sessions, created through the API first (about 4 minutes)
#   bench/run.sh --phases stored
#                           stored sessions: generated histories of 10k and 1M sessions (--stored-levels to
#                           choose), the app started on each: heap after GC, creates and gets of stored
#                           sessions, restart to the first served request, idle RSS (about 40 minutes for 1M,
#                           most of it the first start's read-model build; needs ~25 GB of disk)
#   bench/run.sh --phases compare \
#       --variant 'before=/work/baseline/proxyline-standalone-155df6d.jar' \
#       --variant 'after=standalone/target/proxyline-standalone.jar' \
#       --variant 'after-tiered1=standalone/target/proxyline-standalone.jar;jvm=-XX:TieredStopAtLevel=1' \
#       --variant 'after-timeout-off=standalone/target/proxyline-standalone.jar;args=--axon.timeout.enabled=false'
#                           side by side: the variants started in turn, round after round (3 rounds; per
#                           start a fixed preload of sessions, 5 s warm-up, then 10 s each of gets, the
#                           routing hook, creates on one connector and creates on 16 connectors, 16 clients),
#                           so "before vs after" of a change, or A/B of a JVM flag (jvm=, after the
#                           benchmark's app flags) or of an app property (args=, after its app arguments), is
#                           measured in one run; the first variant is the reference. The "Side by side"
#                           tables go into the report and onto the console. Syntax:
#                           --variant NAME=JAR[;jvm=FLAGS][;args=ARGS], repeated; FLAGS and ARGS separated by
#                           spaces; a relative JAR is relative to the repository root. Without --variant the
#                           built app jar is compared with itself (A/A: the machine's noise). About 6 minutes
#                           for 2 variants; --compare-rounds N, --compare-warmup-seconds S and
#                           --compare-measure-seconds S change the defaults. Part of the full run too.
#
# Extra arguments go to the benchmark, e.g. --phases raw,startup,http,lag,stream,sizes,hook,replay,stored,compare (all by
# default).
# App logs, JFR recordings and the console log land in bench/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p bench/out
log="bench/out/run-$(date +%Y%m%d-%H%M%S).log"
report=docs/benchmarks.md
for arg in "$@"; do
  if [ "$arg" = "--quick" ]; then report=bench/out/benchmarks-quick.md; fi
done
for arg in "$@"; do
  # A run of some phases only leaves the documented report alone.
  if [ "$arg" = "--phases" ]; then report=bench/out/benchmarks-phases.md; fi
done

echo "building: ./mvnw -q -B -DskipTests install" | tee "$log"
# Offline first (fast when ~/.m2 is complete), then with the network for anything missing.
if ! ./mvnw -q -B -o -DskipTests install >>"$log" 2>&1; then
  ./mvnw -q -B -DskipTests install 2>&1 | tee -a "$log"
fi
test -f standalone/target/proxyline-standalone.jar
test -f benchmarks/target/proxyline-benchmarks.jar
cds=()
if archive=$(bin/prepare-cds 2>>"$log"); then
  cds=(--cds-jar standalone/target/cds/proxyline-standalone.jar --cds-archive "$archive")
fi

# The command as given, quoted so it can be pasted back into a shell (a --variant holds ';' and spaces).
command="bench/run.sh"
if [ $# -gt 0 ]; then command+=$(printf ' %q' "$@"); fi

java -Xms1g -Xmx1g -XX:+UseParallelGC -jar benchmarks/target/proxyline-benchmarks.jar "$@" \
  --app-jar standalone/target/proxyline-standalone.jar \
  --out bench/out \
  --report "$report" "${cds[@]}" \
  --analysis bench/analysis.md \
  --command "$command" 2>&1 | tee -a "$log"
echo "report: $report; console log: $log"
