BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule

    function Add-TestBinding {
        <# Seeds bindings the way the running server does: SaveBindings through the module's own library. #>
        param([string] $Store, [object[]] $Binding)
        $now = [DateTimeOffset]::UtcNow
        $registrations = [System.Collections.Generic.List[SipSecurity.Server.Registrar.SipRegistration]]::new()
        foreach ($b in $Binding) {
            $registrations.Add([SipSecurity.Server.Registrar.SipRegistration]@{
                    Aor       = $b.Aor
                    Contact   = $b.Contact
                    Expires   = $now.AddSeconds($b.Seconds)
                    CallId    = [guid]::NewGuid().ToString()
                    CSeq      = 1
                    Transport = 'Udp'
                    Source    = 'UDP 192.0.2.1:5060'
                    UserAgent = 'Pester'
                    Updated   = $now
                })
        }
        $config = [SipSecurity.Server.Store.Sqlite.SqliteConfigStore]::Open([SipSecurity.Server.Store.ConfigStoreLocation]::Resolve($Store))
        try { $null = $config.SaveBindings($registrations, [SipSecurity.Server.Registrar.SipRegistrationKey[]]@()) }
        finally { $config.Dispose() }
    }
}

Describe 'Registrations' -Tag Registrations {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
        Add-TestBinding $store @(
            @{ Aor = 'sip:alice@example.com'; Contact = 'sip:alice@192.0.2.1:5060'; Seconds = 600 }
            @{ Aor = 'sip:alice@example.com'; Contact = 'sip:alice@192.0.2.2:5062;transport=tcp'; Seconds = 900 }
            @{ Aor = 'sip:alice@example.com'; Contact = 'sip:alice@192.0.2.3'; Seconds = -60 }
            @{ Aor = 'sip:bob@example.com'; Contact = 'sip:bob@198.51.100.7'; Seconds = 300 }
        )
    }

    It 'lists current bindings, and expired ones only with -IncludeExpired' {
        @(Get-SipRegistration).Count | Should -Be 3
        @(Get-SipRegistration -IncludeExpired).Count | Should -Be 4
        (Get-SipRegistration bob).Contact | Should -Be 'sip:bob@198.51.100.7'
    }

    It 'finds bindings by AOR in any spelling, by user name and by wildcard' {
        @(Get-SipRegistration -AddressOfRecord 'SIP:alice@EXAMPLE.com:5060').Count | Should -Be 2
        @(Get-SipRegistration -Aor alice).Count | Should -Be 2
        @(Get-SipRegistration '*@example.com').Count | Should -Be 3
        Get-SipRegistration carol | Should -BeNullOrEmpty
        { Get-SipRegistration 'tel:+15551234' -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidAddressOfRecord,SipSecurity.PowerShell.GetSipRegistrationCommand'
    }

    It 'formats a binding with the time left' {
        $text = Get-SipRegistration bob | Out-String -Width 200
        $text | Should -Match 'sip:bob@example\.com\s+sip:bob@198\.51\.100\.7\s+(29\d|300)s\s+Udp\s+UDP 192\.0\.2\.1:5060\s+Pester'
    }

    It 'removes one contact''s binding' {
        Remove-SipRegistration sip:alice@example.com -Contact 'sip:alice@192.0.2.2:5062;transport=tcp' -Confirm:$false
        (Get-SipRegistration alice).Contact | Should -Be 'sip:alice@192.0.2.1:5060'
    }

    It 'removes what Get-SipRegistration pipes in, binding Aor and Contact by property name' {
        Get-SipRegistration alice | Remove-SipRegistration -Confirm:$false
        @(Get-SipRegistration -IncludeExpired).Aor | Should -Be @('sip:alice@example.com', 'sip:bob@example.com')
        (Get-SipRegistration -IncludeExpired alice).Contact | Should -Be 'sip:alice@192.0.2.3'
    }

    It 'removes every binding of an AOR' {
        Remove-SipRegistration -AddressOfRecord alice@example.com -Confirm:$false
        Get-SipRegistration -IncludeExpired alice | Should -BeNullOrEmpty
        @(Get-SipRegistration).Count | Should -Be 1
    }

    It 'writes RegistrationNotFound and refuses wildcards' {
        { Remove-SipRegistration sip:carol@example.com -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'RegistrationNotFound,SipSecurity.PowerShell.RemoveSipRegistrationCommand'
        { Remove-SipRegistration '*' -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'WildcardNotAllowed,SipSecurity.PowerShell.RemoveSipRegistrationCommand'
        @(Get-SipRegistration -IncludeExpired).Count | Should -Be 4
    }

    It 'changes nothing with -WhatIf' {
        Remove-SipRegistration alice -WhatIf
        @(Get-SipRegistration -IncludeExpired).Count | Should -Be 4
    }
}
