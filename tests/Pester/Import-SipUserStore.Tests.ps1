BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SeedFiles.psm1') -Force
    Import-SipTestModule
}

Describe 'Import-SipUserStore and Export-SipUserStore' -Tag Import {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
        $a1 = (ConvertTo-SipDigestHash -UserName admin -Realm sip-servlets -Password (ConvertTo-TestSecret 'admin')).Hash
        $users = Join-Path $TestDrive 'sip-servlets-users.properties'
        $roles = Join-Path $TestDrive 'sip-servlets-roles.properties'
        Set-Content -Path $users -Value (Get-SeedUsersProperties $a1)
        Set-Content -Path $roles -Value (Get-SeedRolesProperties)
    }

    It 'imports the seed files and returns a summary' {
        $result = Import-SipUserStore -UsersPath $users -RolesPath $roles
        $result.UsersAdded | Should -Be @('admin')
        $result.Roles | Should -Be @('caller', 'role1', 'role2')
        $user = Get-SipUser admin
        $user.Algorithms | Should -Be @('MD5')
        $user.Roles | Should -Be @('caller', 'role1', 'role2')
    }

    It 'returns the users with -PassThru and changes nothing with -WhatIf' {
        Import-SipUserStore -UsersPath $users -RolesPath $roles -WhatIf | Should -BeNullOrEmpty
        Get-SipUser | Should -BeNullOrEmpty
        (Import-SipUserStore $users $roles -PassThru).Name | Should -Be 'admin'
    }

    It 'names file and line, keeps the store unchanged, and never echoes the value' {
        Add-Content -Path $users -Value 'bob=plain-text-password'
        { Import-SipUserStore -UsersPath $users -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidA1Hash,SipSecurity.PowerShell.ImportSipUserStoreCommand' -ExpectedMessage 'sip-servlets-users.properties:4: *'
        $Error[0].Exception.Message | Should -Not -Match 'plain-text-password'
        Get-SipUser | Should -BeNullOrEmpty
    }

    It 'refuses existing users unless -Force, and a foreign realm' {
        Import-SipUserStore -UsersPath $users
        { Import-SipUserStore -UsersPath $users -ErrorAction Stop } | Should -Throw -ErrorId 'UserAlreadyExists,SipSecurity.PowerShell.ImportSipUserStoreCommand'
        (Import-SipUserStore -UsersPath $users -RolesPath $roles -Force).UsersReplaced | Should -Be @('admin')
        { Import-SipUserStore -UsersPath $users -Realm other -Force -ErrorAction Stop } | Should -Throw -ErrorId 'RealmMismatch,SipSecurity.PowerShell.ImportSipUserStoreCommand'
    }

    It 'hashes tomcat-users.xml passwords and warns that the file holds plaintext' {
        $tomcat = Join-Path $TestDrive 'tomcat-users.xml'
        Set-Content $tomcat '<tomcat-users><user name="user" password="password" roles="caller"/></tomcat-users>'
        $null = Import-SipUserStore -TomcatUsersPath $tomcat -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -Match 'plaintext passwords'
        (Get-SipUser user).Algorithms | Should -Be @('MD5', 'SHA256', 'SHA512_256')
    }

    It 'exports owner-only JBoss files that import back, skipping users without an MD5 A1 for this realm' {
        Import-SipUserStore -UsersPath $users -RolesPath $roles
        Add-SipUser -Name off -Password (ConvertTo-TestSecret 'pw') -Disabled
        $outUsers = Join-Path $TestDrive 'out-users.properties'
        $outRoles = Join-Path $TestDrive 'out-roles.properties'
        Export-SipUserStore -UsersPath $outUsers -RolesPath $outRoles -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -Match "'off' was not exported"
        Get-Content $outUsers | Where-Object { $_ -notmatch '^#' } | Should -Be "admin=$a1"
        Get-Content $outRoles | Where-Object { $_ -notmatch '^#' } | Should -Be 'admin=caller,role1,role2'
        if (-not $IsWindows) { (Get-Item $outUsers).UnixFileMode | Should -Be ([IO.UnixFileMode] 'UserRead, UserWrite') }
        { Export-SipUserStore -UsersPath $outUsers -RolesPath $outRoles -ErrorAction Stop } |
            Should -Throw -ErrorId 'ExportFileExists,SipSecurity.PowerShell.ExportSipUserStoreCommand'
        Export-SipUserStore -UsersPath $outUsers -RolesPath $outRoles -Force -WarningAction SilentlyContinue
    }
}
