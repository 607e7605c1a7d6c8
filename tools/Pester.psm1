Set-StrictMode -Version Latest

<#
.SYNOPSIS
Restores Pester from NuGet (idempotently) and returns the path of Pester.psd1.

.DESCRIPTION
Pester is not bundled with PowerShell 7 and PowerShellGet is not usable here, so
Pester is downloaded as a NuGet package by the dotnet client: a throwaway project
under <repo>/obj/pester-restore with a PackageDownload item is restored, and the
package lands in the NuGet global packages folder. When the package is already
there, nothing is run.

.EXAMPLE
Import-Module (Install-SipPester) -Force
#>
function Install-SipPester {
    [CmdletBinding()]
    [OutputType([string])]
    param(
        # Exact Pester version to restore.
        [ValidatePattern('^\d+\.\d+\.\d+$')]
        [string] $Version = '5.7.1',

        # Repository root; the throwaway project goes to <root>/obj/pester-restore.
        [string] $RepositoryRoot = (Split-Path -Parent $PSScriptRoot)
    )

    $manifest = Find-PesterManifest -PackagesRoot (Get-NuGetPackagesRoot) -Version $Version
    if ($manifest) { return $manifest }

    $projectDir = Join-Path $RepositoryRoot 'obj/pester-restore'
    $null = New-Item -ItemType Directory -Path $projectDir -Force
    # Empty Directory.*.props stop MSBuild from importing the repository's own
    # (central package management would reject a bare PackageDownload).
    Set-Content -LiteralPath (Join-Path $projectDir 'Directory.Build.props') -Value '<Project />'
    Set-Content -LiteralPath (Join-Path $projectDir 'Directory.Packages.props') -Value '<Project />'
    Set-Content -LiteralPath (Join-Path $projectDir 'Directory.Build.targets') -Value '<Project />'
    $project = Join-Path $projectDir 'pester-restore.csproj'
    Set-Content -LiteralPath $project -Value @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Pester" Version="[$Version]" />
  </ItemGroup>
</Project>
"@

    $output = & dotnet restore $project --nologo --verbosity quiet 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet restore of Pester $Version failed (exit $LASTEXITCODE):`n$($output -join "`n")"
    }

    # The assets file names the packages folder actually used (NUGET_PACKAGES, NuGet.Config, ...).
    $assets = Get-Content -Raw -LiteralPath (Join-Path $projectDir 'obj/project.assets.json') | ConvertFrom-Json
    foreach ($folder in $assets.packageFolders.PSObject.Properties.Name) {
        $manifest = Find-PesterManifest -PackagesRoot $folder -Version $Version
        if ($manifest) { return $manifest }
    }
    throw "Pester $Version was restored but Pester.psd1 was not found in: $($assets.packageFolders.PSObject.Properties.Name -join ', ')"
}

function Get-NuGetPackagesRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages'
}

function Find-PesterManifest([string] $PackagesRoot, [string] $Version) {
    $candidate = Join-Path $PackagesRoot "pester/$Version/tools/Pester.psd1"
    if (Test-Path -LiteralPath $candidate -PathType Leaf) { return (Resolve-Path -LiteralPath $candidate).ProviderPath }
    $null
}

Export-ModuleMember -Function Install-SipPester
