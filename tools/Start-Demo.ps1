<#
.SYNOPSIS
Makes a demo config store in a local folder and shows the module's commands (build.ps1 Run).

.DESCRIPTION
The demo store gets the seed's setup: realm sip-servlets, a user "demo" in role "caller" with a
random password, and the REGISTER security constraint. The password is written once to
demo/demo-user.txt (owner-only); it is never printed or passed on a command line.
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
}
Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -Servlet registrar -Method REGISTER -Role caller

Write-Host "Demo config store: $env:SIPSECURITY_HOME (user 'demo', password in $credentialFile)"
Get-SipLoginConfig | Out-Host
Get-SipUser | Out-Host
Get-SipSecurityConstraint | Out-Host
Get-Command -Module SipSecurity | Sort-Object Noun, Verb | Format-Table Name, @{ n = 'Synopsis'; e = { (Get-Help $_.Name).Synopsis } } -AutoSize | Out-Host
