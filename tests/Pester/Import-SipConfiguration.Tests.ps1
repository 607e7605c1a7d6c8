BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'Export-SipConfiguration and Import-SipConfiguration' -Tag Import {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'pw') -Role caller
        Set-SipSecurityConstraint -Name reg -Servlet registrar -Method REGISTER -Role caller -ProxyAuthentication
    }

    It 'round-trips: export, import into a fresh store, export again gives identical JSON' {
        $first = Join-Path $TestDrive 'first.json'
        $second = Join-Path $TestDrive 'second.json'
        Export-SipConfiguration -Path $first -IncludeCredentials -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -Match 'A1 hashes'
        if (-not $IsWindows) { (Get-Item $first).UnixFileMode | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite') }

        $fresh = New-SipTestStore
        Import-SipConfiguration -ConfigPath $fresh -Path $first -Replace -Confirm:$false
        Export-SipConfiguration -ConfigPath $fresh -Path $second -IncludeCredentials -WarningAction SilentlyContinue
        Get-Content -Raw $second | Should -BeExactly (Get-Content -Raw $first)
    }

    It 'leaves hashes out unless -IncludeCredentials, and refuses to create users from such a file' {
        $path = Join-Path $TestDrive 'nocred.json'
        Export-SipConfiguration -Path $path
        $json = Get-Content -Raw $path | ConvertFrom-Json
        $json.schemaVersion | Should -Be 1
        $json.users[0].PSObject.Properties.Name | Should -Not -Contain 'a1'
        { Import-SipConfiguration -ConfigPath (New-SipTestStore) -Path $path -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'UserWithoutCredentials,SipSecurity.PowerShell.ImportSipConfigurationCommand'
    }

    It 'merges by default and makes the store equal to the file with -Replace' {
        $path = Join-Path $TestDrive 'config.json'
        Export-SipConfiguration -Path $path -IncludeCredentials -WarningAction SilentlyContinue
        Add-SipUser -Name bob -Password (ConvertTo-TestSecret 'pw')
        Import-SipConfiguration -Path $path -Confirm:$false
        (Get-SipUser).Name | Should -Be @('alice', 'bob')
        (Import-SipConfiguration -Path $path -Replace -Confirm:$false).UsersRemoved | Should -Be @('bob')
        (Get-SipUser).Name | Should -Be @('alice')
    }
}
