#Requires -Version 7.6
<#
.SYNOPSIS
Builds, tests and runs SipSecurity.

.DESCRIPTION
Tasks:
  Build  compiles the solution and stages the importable module in out/SipSecurity
         (manifest, assemblies, format file, MAML help made from docs/, third-party
         assemblies and the native SQLite libraries under dependencies/).
  Test   Build, then the xunit suites, then Pester against the BUILT module in a fresh
         pwsh process; ends with one line "N passed, N failed" totalling both.
  Run    Build, then a demo store in ./demo and the server in the foreground.
  Clean  removes out/ and every bin/ and obj/.

.EXAMPLE
dotnet tool restore; dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Run', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Pester tag filter, for a quicker local loop (e.g. -Tag Users).
    [string[]] $Tag
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'SipSecurity'
Import-Module (Join-Path $root 'tools/HelpBuilder.psm1') -Force
Import-Module (Join-Path $root 'tools/Pester.psm1') -Force

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# The module is staged from this allow-list; a missing file fails the build.
$ownAssemblies = 'SipSecurity.PowerShell', 'SipSecurity.Server', 'SipSecurity.Sip', 'SipSecurity.KeyStores'
$dependencyAssemblies = 'Microsoft.Data.Sqlite', 'SQLitePCLRaw.core', 'SQLitePCLRaw.batteries_v2', 'SQLitePCLRaw.provider.e_sqlite3', 'BouncyCastle.Cryptography'
$nativeRuntimes = 'linux-x64', 'linux-arm64', 'linux-musl-x64', 'linux-musl-arm64', 'osx-x64', 'osx-arm64', 'win-x64', 'win-arm64'

function Invoke-Build {
    Write-Host "==> dotnet build ($Configuration)"
    Invoke-Native dotnet @('build', (Join-Path $root 'SipSecurity.sln'), '-c', $Configuration, '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    $bin = Join-Path $root "src/SipSecurity.PowerShell/bin/$Configuration/net10.0"
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $deps = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'dependencies') -Force
    $help = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'en-US') -Force

    $copies = @(
        foreach ($name in $ownAssemblies) { , @((Join-Path $bin "$name.dll"), $moduleOut) }
        foreach ($name in $dependencyAssemblies) { , @((Join-Path $bin "$name.dll"), $deps.FullName) }
        , @((Join-Path $root 'SipSecurity.psd1'), $moduleOut)
        , @((Join-Path $root 'module/SipSecurity.Format.ps1xml'), $moduleOut)
    )
    foreach ($copy in $copies) {
        if (-not (Test-Path -LiteralPath $copy[0])) { throw "Build output is missing '$($copy[0])'." }
        Copy-Item -LiteralPath $copy[0] -Destination $copy[1]
    }
    foreach ($rid in $nativeRuntimes) {
        $native = Join-Path $bin "runtimes/$rid/native"
        if (-not (Test-Path $native)) { throw "Build output is missing the native SQLite library for $rid ('$native')." }
        $target = New-Item -ItemType Directory -Path (Join-Path $deps "runtimes/$rid/native") -Force
        Copy-Item -Path (Join-Path $native '*') -Destination $target.FullName
    }

    Write-Host '==> help (docs/en-US -> MAML)'
    ConvertTo-SipMamlHelp -Path (Join-Path $root 'docs/en-US') -OutputPath (Join-Path $help 'SipSecurity.PowerShell.dll-Help.xml')
    $about = Join-Path $root 'docs/en-US/about_SipSecurity.help.txt'
    if (Test-Path $about) { Copy-Item $about $help }
    Write-Host "Module staged in $moduleOut"
}

function Get-TrxCount([string] $Folder) {
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem -Path $Folder -Filter *.trx -Recurse) {
        [xml] $trx = Get-Content -Raw $file.FullName
        $counters = $trx.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-Test {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results -Force

    $xunitFailedRun = $false
    foreach ($project in Get-ChildItem (Join-Path $root 'tests') -Filter *.Tests.csproj -Recurse) {
        Write-Host "==> xunit: $($project.BaseName)"
        & dotnet test $project.FullName -c $Configuration --no-build --nologo `
            --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' --results-directory $results
        if ($LASTEXITCODE -ne 0) { $xunitFailedRun = $true }
    }
    $xunit = Get-TrxCount $results

    Write-Host '==> Pester (fresh pwsh, built module)'
    $pester = Install-SipPester
    $summary = Join-Path $results 'pester-summary.json'
    $runner = Join-Path $root 'tests/Pester/Invoke-PesterRun.ps1'
    $arguments = @('pwsh', '-NoProfile', '-NonInteractive', '-File', $runner,
        '-ModulePath', (Join-Path $moduleOut 'SipSecurity.psd1'), '-PesterPath', $pester,
        '-TestPath', ((Join-Path $root 'tests/Pester'), (Join-Path $root 'tools') -join ','), '-SummaryPath', $summary,
        '-ResultPath', (Join-Path $results 'pester.xml'))
    if ($Tag) { $arguments += @('-Tag', ($Tag -join ',')) }
    & dotnet @arguments
    $pesterCount = if (Test-Path $summary) { Get-Content -Raw $summary | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1 } }

    $passed = $xunit.Passed + $pesterCount.Passed
    $failed = $xunit.Failed + $pesterCount.Failed
    if ($xunitFailedRun -and $xunit.Failed -eq 0) { $failed++ }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pesterCount.Passed) passed, $($pesterCount.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Clean {
    foreach ($dir in @($out) + (Get-ChildItem $root -Directory -Recurse -Include bin, obj | Where-Object FullName -NotMatch '[\\/]\.git[\\/]').FullName) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
}

function Invoke-Run {
    & (Join-Path $root 'tools/Start-Demo.ps1') -ModulePath (Join-Path $moduleOut 'SipSecurity.psd1') -DemoPath (Join-Path $root 'demo')
}

foreach ($t in $Task) {
    switch ($t) {
        'Clean' { Invoke-Clean }
        'Build' { Invoke-Build }
        'Test' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Test }
        'Run' { if ($Task -notcontains 'Build') { Invoke-Build }; Invoke-Run }
    }
}
