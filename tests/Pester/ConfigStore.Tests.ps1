BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'Config store' -Tag Store {
    It 'loads the native SQLite library inside pwsh and creates an owner-only store' {
        $store = New-SipTestStore
        Add-SipUser -ConfigPath $store -Name alice -Password (ConvertTo-TestSecret 'pw')
        $file = Join-Path $store 'sipsecurity.db'
        Test-Path $file | Should -BeTrue
        if (-not $IsWindows) {
            (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite')
        }
    }

    It 'uses $env:SIPSECURITY_HOME when -ConfigPath is absent' {
        $store = New-SipTestStore
        $saved = $env:SIPSECURITY_HOME
        try {
            $env:SIPSECURITY_HOME = $store
            Add-SipUser -Name viaenv -Password (ConvertTo-TestSecret 'pw')
            (Get-SipUser -ConfigPath $store).Name | Should -Be 'viaenv'
        }
        finally { $env:SIPSECURITY_HOME = $saved }
    }

    It 'never writes the password into the store' {
        $store = New-SipTestStore
        Add-SipUser -ConfigPath $store -Name alice -Password (ConvertTo-TestSecret 'Tr0ub4dor-and-3')
        Get-SipUser -ConfigPath $store | Out-Null
        foreach ($file in Get-ChildItem $store -File) {
            $text = [Text.Encoding]::Latin1.GetString([IO.File]::ReadAllBytes($file.FullName))
            $text | Should -Not -BeLike '*Tr0ub4dor-and-3*'
        }
    }

    It 'reports a corrupt store clearly and leaves it untouched' {
        $store = New-SipTestStore
        $file = Join-Path $store 'sipsecurity.db'
        [IO.File]::WriteAllText($file, 'this is not a database' * 300)
        $before = Get-FileHash $file
        { Get-SipUser -ConfigPath $store -ErrorAction Stop } | Should -Throw -ErrorId 'StoreCorrupt,SipSecurity.PowerShell.GetSipUserCommand'
        (Get-FileHash $file).Hash | Should -Be $before.Hash
    }

    It 'refuses a read-only location with a clear error' {
        { Add-SipUser -ConfigPath '/proc/sipsecurity-no-such' -Name a -Password (ConvertTo-TestSecret 'pw') -ErrorAction Stop } |
            Should -Throw -ErrorId 'StoreReadOnly,SipSecurity.PowerShell.AddSipUserCommand'
    }

    It 'loses nothing when two pwsh processes add 1,000 users each at the same time' -Tag Slow {
        $store = New-SipTestStore
        # Create the store first so both processes race on writes, not on creation.
        Get-SipLoginConfig -ConfigPath $store | Out-Null
        $script = {
            param($prefix)
            $secret = [securestring]::new(); 'pw'.ToCharArray() | ForEach-Object { $secret.AppendChar($_) }
            1..1000 | ForEach-Object { [pscustomobject]@{ Credential = [pscredential]::new("$prefix$_", $secret) } } | Add-SipUser -ConfigPath '__STORE__'
        }.ToString().Replace('__STORE__', $store)
        $one = Invoke-SipChildPwsh -Script "& { $script } 'p1-'" -OutputPath (Join-Path $TestDrive 'one.txt')
        $two = Invoke-SipChildPwsh -Script "& { $script } 'p2-'" -OutputPath (Join-Path $TestDrive 'two.txt')
        $one.WaitForExit(300000) | Should -BeTrue
        $two.WaitForExit(300000) | Should -BeTrue
        Get-Content (Join-Path $TestDrive 'one.txt.err'), (Join-Path $TestDrive 'two.txt.err') | Should -BeNullOrEmpty
        $one.ExitCode | Should -Be 0
        $two.ExitCode | Should -Be 0
        (Get-SipUser -ConfigPath $store).Count | Should -Be 2000
    }
}
