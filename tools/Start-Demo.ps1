<#
.SYNOPSIS
Makes a demo config store in a local folder and runs the secured server on it (build.ps1 Run).

.DESCRIPTION
The demo store gets the seed's setup: realm sip-servlets, a user "demo" in role "caller" with a
random password, and the REGISTER security constraint. The password is written once to
demo/demo-user.txt (owner-only), and as a sipp injection file to demo/sipp-users.csv (owner-only);
it is never printed or passed on a command line. The server then runs in the foreground on the
store's connectors (UDP and TCP 5060) until Ctrl+C.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DemoPath
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$null = New-Item -ItemType Directory -Path $DemoPath -Force
$env:SIPSECURITY_HOME = (Resolve-Path $DemoPath).ProviderPath

$credentialFile = Join-Path $DemoPath 'demo-user.txt'
if (-not (Get-SipUser -Name demo -ErrorAction SilentlyContinue)) {
    $bytes = [Security.Cryptography.RandomNumberGenerator]::GetBytes(12)
    $password = [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', 'x').Replace('/', 'y')
    $secure = [securestring]::new()
    foreach ($c in $password.ToCharArray()) { $secure.AppendChar($c) }
    Add-SipUser -Name demo -Password $secure -Role caller
    $options = [IO.FileStreamOptions]@{ Mode = 'Create'; Access = 'Write' }
    if (-not $IsWindows) { $options.UnixCreateMode = [IO.UnixFileMode]'UserRead, UserWrite' }
    $writer = [IO.StreamWriter]::new($credentialFile, [Text.UTF8Encoding]::new($false), $options)
    try { $writer.WriteLine("user=demo"); $writer.WriteLine("password=$password") } finally { $writer.Dispose() }
    $writer = [IO.StreamWriter]::new((Join-Path $DemoPath 'sipp-users.csv'), [Text.UTF8Encoding]::new($false), $options)
    try { $writer.WriteLine('SEQUENTIAL'); $writer.WriteLine("demo;$password;sip-servlets") } finally { $writer.Dispose() }
}
Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -Servlet registrar -Method REGISTER -Role caller

Write-Host "Demo config store: $env:SIPSECURITY_HOME (user 'demo', password in $credentialFile)"
Get-SipLoginConfig | Out-Host
Get-SipUser | Out-Host
Get-SipSecurityConstraint | Out-Host
Get-SipConnector | Out-Host

$scenario = Join-Path $PSScriptRoot '../tests/Pester/sipp/register-digest.xml' | Resolve-Path -Relative
$users = Join-Path $DemoPath 'sipp-users.csv' | Resolve-Path -Relative
$udp = Get-SipConnector | Where-Object Transport -EQ 'Udp' | Select-Object -First 1
$target = if ($udp.Address -in '0.0.0.0', '::') { "127.0.0.1:$($udp.Port)" } else { "$($udp.Address):$($udp.Port)" }
Write-Host ''
Write-Host 'Register the demo user with digest authentication from another terminal:'
Write-Host "  sipp -sf $scenario -inf $users -t u1 -m 1 -trace_err $target"
Write-Host 'Ctrl+C stops the server.'
# Out-Host: a formatter of its own, so that the server shows as a table whatever the script wrote before.
Start-SipServer -Wait -Verbose | Out-Host
