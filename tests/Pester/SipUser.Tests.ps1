BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'SIP users' -Tag Users {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
    }

    It 'adds a user with a SecureString password and shows roles and algorithms, never hashes' {
        Add-SipUser -Name admin -Password (ConvertTo-TestSecret 'admin') -Role caller, role1
        $user = Get-SipUser -Name admin

        $user.Name | Should -Be 'admin'
        $user.Roles | Should -Be @('caller', 'role1')
        $user.Algorithms | Should -Be @('MD5', 'SHA256', 'SHA512_256')
        $user.Realm | Should -Be 'sip-servlets'
        ($user | Format-List * | Out-String) | Should -Not -Match '[0-9a-f]{32}'
    }

    It 'adds a user from a PSCredential' {
        $credential = [pscredential]::new('carol', (ConvertTo-TestSecret 'pw'))
        Add-SipUser -Credential $credential -PassThru | Select-Object -ExpandProperty Name | Should -Be 'carol'
    }

    It 'takes the A1 hash from sip-servlets-users.properties and then allows only MD5' {
        Add-SipUser -Name admin -A1Hash '81C2AEB4F2FD13664C66164C61A24137'
        (Get-SipUser admin).Algorithms | Should -Be @('MD5')
    }

    It 'refuses a duplicate user unless -Force' {
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'one')
        { Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'two') -ErrorAction Stop } |
            Should -Throw -ErrorId 'UserAlreadyExists,SipSecurity.PowerShell.AddSipUserCommand'
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'two') -Role x -Force
        (Get-SipUser alice).Roles | Should -Be @('x')
    }

    It 'refuses names that would break A1 or the properties format: <name>' -ForEach @(
        @{ name = 'a:b' }, @{ name = 'a=b' }, @{ name = "a`tb" }, @{ name = 'a b' }, @{ name = '#x' }
    ) {
        { Add-SipUser -Name $name -Password (ConvertTo-TestSecret 'pw') -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUserName,SipSecurity.PowerShell.AddSipUserCommand'
        Get-SipUser | Should -BeNullOrEmpty
    }

    It 'does not accept a plain string as -Password' {
        { Add-SipUser -Name alice -Password 'plain' -ErrorAction Stop } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,SipSecurity.PowerShell.AddSipUserCommand'
    }

    It 'gets users with wildcards and reports a missing exact name' {
        'alice', 'albert', 'bob' | ForEach-Object { Add-SipUser -Name $_ -Password (ConvertTo-TestSecret 'pw') }
        (Get-SipUser -Name 'al*').Name | Should -Be @('albert', 'alice')
        Get-SipUser -Name nobody -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'UserNotFound,SipSecurity.PowerShell.GetSipUserCommand'
    }

    It 'changes password, roles and state with Set-SipUser, and pipes by property name' {
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'pw') -Role a
        Get-SipUser alice | Set-SipUser -AddRole b -RemoveRole a -Enabled $false
        $user = Get-SipUser alice
        $user.Roles | Should -Be @('b')
        $user.Enabled | Should -BeFalse
    }

    It 'removes users from the pipeline, and -WhatIf removes nothing' {
        'u1', 'u2' | ForEach-Object { Add-SipUser -Name $_ -Password (ConvertTo-TestSecret 'pw') }
        Get-SipUser | Remove-SipUser -WhatIf
        (Get-SipUser).Count | Should -Be 2
        Get-SipUser | Remove-SipUser -Confirm:$false
        Get-SipUser | Should -BeNullOrEmpty
    }

    It 'imports the benchmark users.csv straight from Import-Csv' {
        $csv = Join-Path $TestDrive 'users.csv'
        @(
            'username,password,realm,ha1,ha1b'
            'user0000,secret-0000,bench.test,81c2aeb4f2fd13664c66164c61a24137,65a8428cf141c1f41c28ea689bc756d3'
            'user0001,secret-0001,bench.test,98797591d81da3119c4daaa6fcec8ee4,2c72a8c58b953c8e3d8a4cb393d27075'
        ) | Set-Content $csv
        Set-SipLoginConfig -Realm bench.test
        Import-Csv $csv | Add-SipUser
        (Get-SipUser).Name | Should -Be @('user0000', 'user0001')
    }

    It 'lists roles with their members' {
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'pw') -Role caller, admin
        Add-SipUser -Name bob -Password (ConvertTo-TestSecret 'pw') -Role caller
        $caller = Get-SipRole -Name caller
        $caller.Members | Should -Be @('alice', 'bob')
        (Get-SipRole).Name | Should -Be @('admin', 'caller')
    }

    It 'completes user names that exist in the store' {
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'pw')
        Add-SipUser -Name albert -Password (ConvertTo-TestSecret 'pw')
        $line = "Get-SipUser -ConfigPath '$store' -Name al"
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('albert', 'alice')
    }
}

Describe 'SIP users from computed hashes' -Tag Users {
    It 'takes ConvertTo-SipDigestHash output from the pipeline, with its algorithm' {
        $store = New-SipTestStore
        ConvertTo-SipDigestHash -UserName admin -Realm sip-servlets -Password (ConvertTo-TestSecret 'admin') -Algorithm SHA256 |
            Add-SipUser -ConfigPath $store -Role caller
        $user = Get-SipUser -ConfigPath $store -Name admin
        $user.Algorithms | Should -Be @('SHA256')
        (Get-SipUser -ConfigPath $store -Role CALLER).Name | Should -Be 'admin'
    }

    It 'writes nothing with -WhatIf -PassThru' {
        $store = New-SipTestStore
        Set-SipLoginConfig -ConfigPath $store -Realm other -WhatIf -PassThru | Should -BeNullOrEmpty
        Set-SipSecurityConstraint -ConfigPath $store -Name c -Servlet REGISTRAR -WhatIf -PassThru | Should -BeNullOrEmpty
        Set-SipSecurityConstraint -ConfigPath $store -Name c -Servlet REGISTRAR -PassThru | Select-Object -ExpandProperty Servlets | Should -Be 'registrar'
    }
}
