#!/usr/bin/env bash
# Times keystore operations as whole processes: keytool (Java 17) versus SipSecurity.KeyStores through the KsBench
# driver (a stand-in for the cmdlets until they exist). Prints medians in milliseconds and the keytool/ours ratio.
# Usage: bench/keystores/run.sh [runs]   (default 7)
set -euo pipefail
runs=${1:-7}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SP=bench-store-secret

dotnet build "$here/KsBench/KsBench.csproj" -c Release -o "$work/bin" -nologo -v quiet >/dev/null
ours=(dotnet "$work/bin/KsBench.dll")
dname="CN=James Smith, OU=Engineering, O=My Company, L=My City, S=My State, C=US"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# time_median <label> <setup-fn> <command...>: runs the command $runs times, a fresh folder each time.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {
  local fn=$1; local times=()
  for i in $(seq "$runs"); do
    local d="$work/run-$fn-$i"; mkdir -p "$d"
    local t
    t=$("$fn" "$d")
    times+=("$t")
  done
  printf '%s\n' "${times[@]}" | median
}

timed() { local s; s=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - s )); }

kt_rsa() { timed keytool -genkeypair -alias bench -keyalg RSA -keysize 2048 -validity 365 -storetype PKCS12 -keystore "$1/k.p12" -storepass:env SP -dname "$dname"; }
kt_ec()  { timed keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -validity 365 -storetype PKCS12 -keystore "$1/k.p12" -storepass:env SP -dname "$dname"; }
us_rsa() { timed "${ours[@]}" genkey "$1/k.p12" rsa; }
us_ec()  { timed "${ours[@]}" genkey "$1/k.p12" ec; }

# Export the certificate (-exportcert -rfc) and import it into a new truststore (-importcert): two processes.
kt_round() {
  keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -storetype PKCS12 -keystore "$1/k.p12" -storepass:env SP -dname "$dname" >/dev/null 2>&1
  local s; s=$(now_ms)
  keytool -exportcert -rfc -alias bench -file "$1/c.pem" -keystore "$1/k.p12" -storepass:env SP >/dev/null 2>&1
  keytool -importcert -noprompt -alias peer -file "$1/c.pem" -storetype PKCS12 -keystore "$1/t.p12" -storepass:env SP >/dev/null 2>&1
  echo $(( $(now_ms) - s ))
}
us_round() {
  "${ours[@]}" genkey "$1/k.p12" ec
  local s; s=$(now_ms)
  "${ours[@]}" export "$1/k.p12" "$1/c.pem"
  "${ours[@]}" import "$1/t.p12" "$1/c.pem"
  echo $(( $(now_ms) - s ))
}

printf '%-28s %10s %10s %8s\n' "operation ($runs runs, median)" "keytool ms" "ours ms" "ratio"
for op in rsa ec round; do
  k=$(measure "kt_$op"); u=$(measure "us_$op")
  label=$(case $op in rsa) echo "genkeypair RSA 2048";; ec) echo "genkeypair EC P-256";; round) echo "export + import cert";; esac)
  printf '%-28s %10s %10s %7.1fx\n' "$label" "$k" "$u" "$(echo "$k / $u" | bc -l)"
done
