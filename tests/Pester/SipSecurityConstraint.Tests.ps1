BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'Servlets and security constraints' -Tag Constraints {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
    }

    It 'has the registrar and proxy servlets in a new store' {
        $servlets = Get-SipServlet
        ($servlets | Where-Object Name -EQ registrar).Methods | Should -Be @('REGISTER')
        ($servlets | Where-Object Name -EQ proxy).Methods | Should -Be @('*')
    }

    It 'adds and removes a servlet; a method already mapped is refused' {
        Add-SipServlet -Name SimpleSipServlet -Kind Proxy -Method MESSAGE, INFO
        (Get-SipServlet SimpleSipServlet).Methods | Should -Be @('MESSAGE', 'INFO')
        { Add-SipServlet -Name other -Kind Registrar -Method REGISTER -ErrorAction Stop } |
            Should -Throw -ErrorId 'MethodAlreadyMapped,SipSecurity.PowerShell.AddSipServletCommand'
        Remove-SipServlet SimpleSipServlet -Confirm:$false
        Get-SipServlet SimpleSipServlet -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'sets the seed''s REGISTER constraint, idempotently' {
        $first = Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -Servlet registrar -Method REGISTER -Role caller -PassThru
        $first.Methods | Should -Be @('REGISTER')
        $verbose = Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -Servlet registrar -Method REGISTER -Role caller -Verbose 4>&1
        ($verbose | Out-String) | Should -Match 'already has these settings'
        @(Get-SipSecurityConstraint).Count | Should -Be 1
    }

    It 'says what -WhatIf would change' {
        Set-SipSecurityConstraint -Name c -Servlet registrar -Method REGISTER -Role caller
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        Set-SipSecurityConstraint -Name c -ProxyAuthentication -WhatIf
        Stop-Transcript | Out-Null
        Get-Content $transcript -Raw | Should -Match 'ProxyAuthentication: False -> True'
        (Get-SipSecurityConstraint c).ProxyAuthentication | Should -BeFalse
    }

    It 'refuses a servlet that does not exist' {
        { Set-SipSecurityConstraint -Name c -Servlet SimpleSipServlet -Method REGISTER -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServletNotFound,SipSecurity.PowerShell.SetSipSecurityConstraintCommand'
    }

    It 'accepts unknown methods only when they are SIP tokens' {
        Set-SipSecurityConstraint -Name c -Servlet proxy -Method PUBLISH, 'X-Custom' -Role '*'
        (Get-SipSecurityConstraint c).Methods | Should -Be @('PUBLISH', 'X-CUSTOM')
        { Set-SipSecurityConstraint -Name d -Servlet proxy -Method 'BAD METHOD' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSipMethod,SipSecurity.PowerShell.SetSipSecurityConstraintCommand'
    }

    It 'records proxy authentication and the transport guarantee, and removes constraints' {
        Set-SipSecurityConstraint -Name invite -Servlet proxy -Method INVITE -Role caller -ProxyAuthentication -TransportGuarantee Confidential
        $c = Get-SipSecurityConstraint invite
        $c.ProxyAuthentication | Should -BeTrue
        $c.TransportGuarantee | Should -Be 'Confidential'
        Get-SipSecurityConstraint | Remove-SipSecurityConstraint -Confirm:$false
        Get-SipSecurityConstraint | Should -BeNullOrEmpty
    }

    It 'refuses to remove a servlet a constraint names, unless -Force' {
        Set-SipSecurityConstraint -Name c -Servlet registrar -Method REGISTER -Role caller
        { Remove-SipServlet registrar -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'ServletInUse,SipSecurity.PowerShell.RemoveSipServletCommand'
        Remove-SipServlet registrar -Force -Confirm:$false
        Get-SipSecurityConstraint | Should -BeNullOrEmpty
    }
}
