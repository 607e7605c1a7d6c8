BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'Login config' -Tag Login {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
    }

    It 'starts with the seed defaults: Digest, realm sip-servlets, MD5 then SHA-256' {
        $config = Get-SipLoginConfig
        $config.AuthMethod | Should -Be 'Digest'
        $config.Realm | Should -Be 'sip-servlets'
        $config.Algorithms | Should -Be @('MD5', 'SHA256')
    }

    It 'keeps the algorithm order given' {
        Set-SipLoginConfig -Algorithm SHA512_256, SHA256, MD5
        (Get-SipLoginConfig).Algorithms | Should -Be @('SHA512_256', 'SHA256', 'MD5')
    }

    It 'refuses a realm change that invalidates A1 hashes, naming the users, and changes nothing' {
        Add-SipUser -Name admin -Password (ConvertTo-TestSecret 'admin')
        { Set-SipLoginConfig -Realm example.com -ErrorAction Stop } |
            Should -Throw -ErrorId 'RealmChangeInvalidatesUsers,SipSecurity.PowerShell.SetSipLoginConfigCommand' -ExpectedMessage '*admin*'
        (Get-SipLoginConfig).Realm | Should -Be 'sip-servlets'
    }

    It 'changes the realm with -Force, warns, and flags the users' {
        Add-SipUser -Name admin -Password (ConvertTo-TestSecret 'admin')
        Set-SipLoginConfig -Realm example.com -Force -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Not -BeNullOrEmpty
        (Get-SipUser admin).NeedsPasswordReset | Should -BeTrue
    }

    It 'says what -WhatIf would change and changes nothing' {
        $output = Set-SipLoginConfig -Realm other -WhatIf 6>&1 | Out-String
        (Get-SipLoginConfig).Realm | Should -Be 'sip-servlets'
    }

    It 'rejects an invalid realm' {
        { Set-SipLoginConfig -Realm 'a:b' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRealm,SipSecurity.PowerShell.SetSipLoginConfigCommand'
    }
}
