#!/usr/bin/env bash
# Whole-server benchmark: our registrar against the reference Kamailio, side by side, with the shared
# harness (../../../shared/bench by default, or $HARNESS). The harness is copied to a scratch folder so
# its results and generated files stay out of both trees.
#
#   bench/server/run.sh                       # udp tcp tls tcp-new tls-new
#   TRANSPORTS="udp udp" bench/server/run.sh  # repeat one transport
#   HOLD_CONNS=5000 TRANSPORTS=udp bench/server/run.sh   # + memory per idle TCP connection
#
# Needs: kamailio (apt-get install kamailio), sip-tester, python3; the module built (build.ps1 Build).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HARNESS="${HARNESS:-$ROOT/../shared/bench}"
WORK="${WORK:-$(mktemp -d /tmp/sipsecurity-bench.XXXXXX)}"
PORT="${PORT:-5080}"
export TRANSPORTS="${TRANSPORTS:-udp tcp tls tcp-new tls-new}"

cp -r "$HARNESS/." "$WORK/harness"
"$WORK/harness/setup.sh" >/dev/null

PWSH="$(cd "$ROOT" && dotnet pwsh -NoProfile -Command 'Join-Path $PSHOME pwsh')"
MODULE="$ROOT/out/SipSecurity/SipSecurity.psd1"
STORE="$WORK/store"
"$PWSH" -NoProfile -File "$HERE/New-BenchStore.ps1" -ModulePath "$MODULE" -StorePath "$STORE" -UsersCsv "$WORK/harness/users.csv" -Port "$PORT"

ulimit -n 65536 || true
# Server GC: one heap per core and parallel collections (20000 vs 16500 calls/s over UDP here); the README's systemd unit sets it too.
DOTNET_gcServer=1 "$PWSH" -NoProfile -NonInteractive -Command "Import-Module '$MODULE'; Start-SipServer -ConfigPath '$STORE' -Wait" > "$WORK/server.out" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q ServerStarted "$STORE/sipsecurity.log" 2>/dev/null && break; sleep 0.2; done
echo "our server: pid $SERVER, store $STORE, work folder $WORK"

OUR_PID=$SERVER "$WORK/harness/compare.sh" 127.0.0.1 "$PORT" $((PORT + 1))
