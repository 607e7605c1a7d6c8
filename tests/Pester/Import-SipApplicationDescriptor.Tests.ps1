BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SeedFiles.psm1') -Force
    Import-SipTestModule
}

Describe 'Import-SipApplicationDescriptor' -Tag Import {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
        $sipXml = Join-Path $TestDrive 'sip.xml'
        Set-Content $sipXml (Get-SeedSipXml)
    }

    It 'imports the seed constraint, and a second import changes nothing' {
        $first = Import-SipApplicationDescriptor -Path $sipXml -WarningAction SilentlyContinue
        $first.Changes | Should -Not -BeNullOrEmpty
        (Get-SipSecurityConstraint 'REGISTER Method Security Constraint').Roles | Should -Be @('caller')
        $second = Import-SipApplicationDescriptor -Path $sipXml
        $second.Changes | Should -BeNullOrEmpty
    }

    It 'changes nothing with -WhatIf' {
        Import-SipApplicationDescriptor -Path $sipXml -WhatIf -WarningAction SilentlyContinue
        Get-SipSecurityConstraint | Should -BeNullOrEmpty
    }

    It 'refuses a realm change that invalidates users unless -Force' {
        Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'pw')
        Set-Content $sipXml (Get-SeedSipXml 'sip-servlets-realm')
        { Import-SipApplicationDescriptor -Path $sipXml -ErrorAction Stop -WarningAction SilentlyContinue } |
            Should -Throw -ErrorId 'RealmChangeInvalidatesUsers,SipSecurity.PowerShell.ImportSipApplicationDescriptorCommand'
        Get-SipSecurityConstraint | Should -BeNullOrEmpty
        Import-SipApplicationDescriptor -Path $sipXml -Force -WarningAction SilentlyContinue
        (Get-SipLoginConfig).Realm | Should -Be 'sip-servlets-realm'
    }

    It 'refuses a DTD' {
        Set-Content $sipXml "<?xml version='1.0'?>`n<!DOCTYPE sip-app [ <!ENTITY x SYSTEM 'file:///etc/passwd'> ]>`n<sip-app>&x;</sip-app>"
        { Import-SipApplicationDescriptor -Path $sipXml -ErrorAction Stop } |
            Should -Throw -ErrorId 'XmlDtdProhibited,SipSecurity.PowerShell.ImportSipApplicationDescriptorCommand'
    }
}
