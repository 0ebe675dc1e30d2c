#!/usr/bin/env bash
# The routing hook with real telephony software, in one command: Proxyline standalone, Kamailio
# running deploy/kamailio/kamailio.cfg as the operator's SIP edge, and SIPp phones on both sides.
# It runs SipRoutingSystemTest and shows its SIP flow as it goes:
#   1. a rider calls the proxy number and the driver's line rings with the proxy number as caller id;
#   2. a stranger calls it and reaches the fallback line;
#   3. the rider texts on a Voice-only session and is refused (403, CapabilityNotAllowed);
#   4. a buyer texts the proxy number of an SMS session and the seller gets it from the proxy number.
# Installs Kamailio and SIPp from Debian when missing (as root), and builds the jar when stale.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(kamailio kamailio-utils-modules kamailio-json-modules sip-tester)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Install them first: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} from Debian..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The same staleness check as bin/proxyline; `install` also puts what system-tests needs in ~/.m2.
jar=standalone/target/proxyline-standalone.jar
if [ ! -f "$jar" ] || [ -n "$(find shared-api service-common command-service query-service standalone pom.xml \
      -newer "$jar" \( -name '*.java' -o -name '*.yml' -o -name '*.json' -o -name pom.xml -o -name '*.imports' -o -name '*.factories' \) -print -quit)" ]; then
  echo "Building the standalone jar..."
  ./mvnw -q -B -DskipTests -pl standalone -am install
fi

log=$(mktemp -t proxyline-sip-demo.XXXXXX.log)
echo "Running the SIP routing demo (full Maven output: $log)..."
status=0
./mvnw -B -pl system-tests verify -Dtest=SipRoutingSystemTest -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 &
mvn_pid=$!
# Show the flow as the test prints it.
tail -n +1 -f --pid="$mvn_pid" "$log" | grep --line-buffered -E '^\[sip\]|Tests run:|SIP routing test skipped' || true
wait "$mvn_pid" || status=$?

work=system-tests/target/system-tests/sip-routing
echo
if [ "$status" -eq 0 ]; then
  echo "Demo passed. What each part saw is kept in $work/:"
else
  echo "Demo FAILED (exit $status); the end of the Maven output:" >&2
  tail -n 60 "$log" >&2
  echo "What each part saw is in $work/:" >&2
fi
echo "  kamailio/kamailio.log            Kamailio's log: every hook answer ('proxyline: ...' lines)"
echo "  kamailio/etc/                    kamailio.cfg as shipped, with this run's proxyline-env.cfg and proxyline-hook.ini"
echo "  <agent>/messages.txt, log.txt    every SIP message a SIPp phone sent and received, and what it checked"
echo "  standalone.log                   Proxyline's log"
exit "$status"
