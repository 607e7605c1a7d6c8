<#
.SYNOPSIS
Runs the Pester suite in this (fresh) process against the built module and writes a summary.
Called by build.ps1 Test; not meant to be dot-sourced.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $ResultPath,
    [string] $Tag
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
# Tests import the module from here, never from the source tree.
$env:SIPSECURITY_TEST_MODULE = (Resolve-Path $ModulePath).ProviderPath

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath -split ','
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = $ResultPath
    $configuration.TestResult.OutputFormat = 'NUnitXml'
}
if ($Tag) { $configuration.Filter.Tag = $Tag -split ',' }

$result = Invoke-Pester -Configuration $configuration
# Failed blocks and containers (errors in BeforeAll, parse errors) count as failures too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed } | ConvertTo-Json | Set-Content -LiteralPath $SummaryPath
