BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SeedFiles.psm1') -Force
    Import-SipTestModule

    function Export-TestConfiguration([string] $Store) {
        $path = Join-Path $TestDrive ("export-" + [guid]::NewGuid().ToString('N') + '.json')
        Export-SipConfiguration -ConfigPath $Store -Path $path -IncludeCredentials -WarningAction SilentlyContinue
        Get-Content -Raw $path
    }
}

# THE KEY TEST: the seed's procedures done step by step with cmdlets, and by importing the seed's files,
# give the same store (compared as Export-SipConfiguration -IncludeCredentials JSON, which has no timestamps).
Describe 'Seed procedures: cmdlets and import give the same store' -Tag Import, Seed {
    It 'JBoss AS7: users.properties + roles.properties + sip.xml' {
        $byCmdlets = New-SipTestStore
        Set-SipLoginConfig -ConfigPath $byCmdlets -AuthMethod Digest -Realm sip-servlets
        $a1 = (ConvertTo-SipDigestHash -UserName admin -Realm sip-servlets -Password (ConvertTo-TestSecret 'admin') -Algorithm MD5).Hash
        Add-SipUser -ConfigPath $byCmdlets -Name admin -A1Hash $a1 -Role caller, role1, role2
        Remove-SipServlet -ConfigPath $byCmdlets -Name registrar -Confirm:$false
        Add-SipServlet -ConfigPath $byCmdlets -Name SimpleSipServlet -Kind Proxy -Method REGISTER
        Set-SipSecurityConstraint -ConfigPath $byCmdlets -Name 'REGISTER Method Security Constraint' -Servlet SimpleSipServlet -Method REGISTER -Role caller

        $byImport = New-SipTestStore
        $dir = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'jboss') -Force
        Set-Content (Join-Path $dir 'sip-servlets-users.properties') (Get-SeedUsersProperties $a1)
        Set-Content (Join-Path $dir 'sip-servlets-roles.properties') (Get-SeedRolesProperties)
        Set-Content (Join-Path $dir 'sip.xml') (Get-SeedSipXml 'sip-servlets')
        Import-SipUserStore -ConfigPath $byImport -UsersPath (Join-Path $dir 'sip-servlets-users.properties') -RolesPath (Join-Path $dir 'sip-servlets-roles.properties')
        Import-SipApplicationDescriptor -ConfigPath $byImport -Path (Join-Path $dir 'sip.xml') -WarningAction SilentlyContinue

        $expected = Export-TestConfiguration $byCmdlets
        $expected | Should -Match '"MD5": "[0-9a-f]{32}"'
        Export-TestConfiguration $byImport | Should -BeExactly $expected
    }

    It 'Tomcat: tomcat-users.xml + sip.xml' {
        $byCmdlets = New-SipTestStore
        Set-SipLoginConfig -ConfigPath $byCmdlets -AuthMethod Digest -Realm sip-servlets-realm
        Add-SipUser -ConfigPath $byCmdlets -Name user -Password (ConvertTo-TestSecret 'password') -Role caller
        Remove-SipServlet -ConfigPath $byCmdlets -Name registrar -Confirm:$false
        Add-SipServlet -ConfigPath $byCmdlets -Name SimpleSipServlet -Kind Proxy -Method REGISTER
        Set-SipSecurityConstraint -ConfigPath $byCmdlets -Name 'REGISTER Method Security Constraint' -Servlet SimpleSipServlet -Method REGISTER -Role caller

        $byImport = New-SipTestStore
        $dir = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'tomcat') -Force
        Set-Content (Join-Path $dir 'tomcat-users.xml') "<?xml version='1.0' encoding='utf-8'?>`n<tomcat-users>`n<user name=`"user`" password=`"password`" roles=`"caller`"/>`n</tomcat-users>"
        Set-Content (Join-Path $dir 'sip.xml') (Get-SeedSipXml 'sip-servlets-realm')
        Import-SipApplicationDescriptor -ConfigPath $byImport -Path (Join-Path $dir 'sip.xml') -WarningAction SilentlyContinue
        Import-SipUserStore -ConfigPath $byImport -TomcatUsersPath (Join-Path $dir 'tomcat-users.xml') -WarningAction SilentlyContinue

        $expected = Export-TestConfiguration $byCmdlets
        $expected | Should -Match '"SHA-512-256": "[0-9a-f]{64}"'
        Export-TestConfiguration $byImport | Should -BeExactly $expected
    }
}
