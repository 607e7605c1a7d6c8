<#
.SYNOPSIS
Benchmark: provisioning 100,000 users with `Import-Csv users.csv | Add-SipUser`, and
`Get-SipUser -Name x` among them. Not part of the test run.

.EXAMPLE
dotnet pwsh ./bench/provision-users.ps1 -Count 100000 -Lookups 50
#>
param(
    [int] $Count = 100000,
    [int] $Lookups = 50,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/SipSecurity/SipSecurity.psd1')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$work = Join-Path ([IO.Path]::GetTempPath()) ('sipsec-bench-' + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory $work
$store = Join-Path $work 'store'
$csv = Join-Path $work 'users.csv'
try {
    # Same columns as shared/bench/users.csv; A1 = MD5(user:realm:password).
    $md5 = [Security.Cryptography.MD5]::Create()
    $lines = [Collections.Generic.List[string]]::new($Count + 1)
    $lines.Add('username,password,realm,ha1')
    for ($i = 0; $i -lt $Count; $i++) {
        $name = 'user{0:d6}' -f $i
        $ha1 = [Convert]::ToHexStringLower($md5.ComputeHash([Text.Encoding]::UTF8.GetBytes("${name}:bench.test:secret-$i")))
        $lines.Add("$name,secret-$i,bench.test,$ha1")
    }
    [IO.File]::WriteAllLines($csv, $lines)
    Set-SipLoginConfig -ConfigPath $store -Realm bench.test

    $provision = Measure-Command { Import-Csv $csv | Add-SipUser -ConfigPath $store }
    $total = (Get-SipUser -ConfigPath $store).Count
    if ($total -ne $Count) { throw "expected $Count users, found $total" }

    $times = foreach ($n in 1..$Lookups) {
        $name = 'user{0:d6}' -f (Get-Random -Maximum $Count)
        (Measure-Command { Get-SipUser -ConfigPath $store -Name $name | Out-Null }).TotalMilliseconds
    }
    $sorted = $times | Sort-Object
    [pscustomobject]@{
        Users                 = $Count
        ProvisionSeconds      = [math]::Round($provision.TotalSeconds, 1)
        UsersPerSecond        = [math]::Round($Count / $provision.TotalSeconds)
        LookupMedianMs        = [math]::Round($sorted[[int]($sorted.Count / 2)], 2)
        LookupP90Ms           = [math]::Round($sorted[[int]($sorted.Count * 0.9)], 2)
        StoreSizeMB           = [math]::Round(((Get-ChildItem $store -File | Measure-Object Length -Sum).Sum) / 1MB, 1)
    }
}
finally {
    Remove-Item $work -Recurse -Force
}
