Set-StrictMode -Version Latest

<#
.SYNOPSIS
Helpers shared by the Pester suites: the built module's path, fresh stores, and child pwsh processes.
#>

function Get-SipTestModulePath {
    if ($env:SIPSECURITY_TEST_MODULE) { return $env:SIPSECURITY_TEST_MODULE }
    # Running a file directly from the repository: use the staged build.
    Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/SipSecurity/SipSecurity.psd1'
}

function Import-SipTestModule {
    Import-Module (Get-SipTestModulePath) -Force -Global -ErrorAction Stop
}

function New-SipTestStore {
    <# A new empty config folder under $TestDrive (or temp); returns its path. #>
    $base = if (Test-Path variable:TestDrive) { $TestDrive } else { [IO.Path]::GetTempPath() }
    $path = Join-Path $base ('store-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $path
    $path
}

function ConvertTo-TestSecret([string] $Text) {
    # Test passwords only: production code never builds a SecureString from plain text.
    $secure = [securestring]::new()
    foreach ($c in $Text.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    $secure
}

function Invoke-SipChildPwsh {
    <# Runs a script block's text in a fresh pwsh with the module imported; returns the process. #>
    param([Parameter(Mandatory)] [string] $Script, [string] $OutputPath)
    $full = "`$ErrorActionPreference = 'Stop'; Import-Module '$(Get-SipTestModulePath)'; $Script"
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($full))
    $pwsh = Join-Path $PSHOME 'pwsh'
    if (-not (Test-Path $pwsh)) { $pwsh = (Get-Process -Id $PID).Path }
    $arguments = @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    $startArgs = @{ FilePath = $pwsh; ArgumentList = $arguments; PassThru = $true }
    if ($OutputPath) { $startArgs.RedirectStandardOutput = $OutputPath; $startArgs.RedirectStandardError = "$OutputPath.err" }
    Start-Process @startArgs
}

Export-ModuleMember -Function Get-SipTestModulePath, Import-SipTestModule, New-SipTestStore, ConvertTo-TestSecret, Invoke-SipChildPwsh
