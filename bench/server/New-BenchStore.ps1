<#
.SYNOPSIS
Provisions a config store for the shared registrar benchmark: the harness's users (realm bench.test,
MD5 A1 hashes from its users.csv), a REGISTER constraint for any authenticated user, and UDP/TCP
connectors on 127.0.0.1:<Port> and TLS on <Port>+1, with limits that let one client address open thousands of connections.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $StorePath,
    [Parameter(Mandatory)] [string] $UsersCsv,
    [int] $Port = 5080
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $StorePath }
$null = New-Item -ItemType Directory -Path $StorePath -Force
Set-SipLoginConfig -Realm bench.test -Algorithm MD5 -Force
# The harness gives HA1 hashes (as Kamailio stores them): no password passes through here.
Import-Csv $UsersCsv | ForEach-Object { [pscustomobject]@{ Name = $_.username; A1Hash = $_.ha1; Realm = $_.realm } } |
    Add-SipUser -ErrorAction SilentlyContinue
Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -Servlet registrar -Method REGISTER -Role '*'
Get-SipConnector | Remove-SipConnector -Confirm:$false
Add-SipConnector -Transport Udp -Address 127.0.0.1 -Port $Port -Name udp
Add-SipConnector -Transport Tcp -Address 127.0.0.1 -Port $Port -Name tcp
# TLS on Port + 1 with a fresh RSA 2048 self-signed certificate (the harness's clients verify nothing).
$password = [securestring]::new()
foreach ($c in [Convert]::ToBase64String([Security.Cryptography.RandomNumberGenerator]::GetBytes(18)).ToCharArray()) { $password.AppendChar($c) }
$keyStore = Join-Path $StorePath 'bench-server.p12'
if (-not (Test-Path $keyStore)) {
    New-SipKeyStore $keyStore bench -Subject 'CN=127.0.0.1' -SubjectAlternativeName 127.0.0.1 -StorePassword $password
    Set-SipTlsConfiguration -KeyStore $keyStore -KeyStorePassword $password
}
Add-SipConnector -Transport Tls -Address 127.0.0.1 -Port ($Port + 1) -Name tls
# Every bench client is 127.0.0.1: hold.sh keeps 5000 connections, tcp-new opens one per call.
Set-SipServerConfiguration -MaxConnections 20000 -MaxConnectionsPerSource 20000 -FailuresBeforeDelay 1000000 -FailuresBeforeBlock 1000000
"users: $((Get-SipUser).Count)"
