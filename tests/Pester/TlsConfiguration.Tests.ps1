BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule

    $plainPassword = 'Tls-Store-Secret-7'
    $secret = ConvertTo-TestSecret $plainPassword
    $otherSecret = ConvertTo-TestSecret 'Other-Store-Secret-3'
    $keys = Join-Path $TestDrive 'keys'
    $null = New-Item -ItemType Directory -Path $keys
    # EC keys: quick to make. One keystore per case, made once for the file.
    $server = Join-Path $keys 'myserver.jks'
    New-SipKeyStore $server myserver -StoreType Jks -KeyAlgorithm Ec -Subject 'CN=sip.example.com' -SubjectAlternativeName sip.example.com -StorePassword $secret | Out-Null
    $withTrusted = Join-Path $keys 'with-trusted.p12'
    New-SipKeyStore $withTrusted server -KeyAlgorithm Ec -Subject 'CN=server' -StorePassword $secret | Out-Null
    $clientCert = Export-SipCertificate $server myserver (Join-Path $keys 'client.cert') -StorePassword $secret
    Import-SipTrustedCertificate $withTrusted $clientCert.FullName client-ca -StorePassword $secret | Out-Null
    $expired = Join-Path $keys 'expired.p12'
    New-SipKeyStore $expired old -KeyAlgorithm Ec -Subject 'CN=old' -NotBefore (Get-Date).AddDays(-60) -ValidityDays 30 -StorePassword $secret | Out-Null
    $soon = Join-Path $keys 'soon.p12'
    New-SipKeyStore $soon soon -KeyAlgorithm Ec -Subject 'CN=soon' -ValidityDays 10 -StorePassword $secret | Out-Null
}

Describe 'TLS configuration' -Tag TlsConfiguration {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
    }

    It 'shows the defaults and no password in a new store' {
        $tls = Get-SipTlsConfiguration
        $tls.KeyStorePath | Should -BeNullOrEmpty
        $tls.HasKeyStorePassword | Should -BeFalse
        $tls.ClientAuthentication | Should -Be 'Disabled'
        $tls.Protocols | Should -Be @('Tls12', 'Tls13')
        $tls.HandshakeTimeout | Should -Be ([timespan]'00:00:10')
        $tls.Certificate | Should -BeNullOrEmpty
    }

    It 'sets and gets the configuration, with the full path, HasKeyStorePassword and the certificate' {
        Push-Location $keys
        try {
            $result = Set-SipTlsConfiguration -KeyStore ./myserver.jks -KeyStorePassword $secret -ClientAuthentication Want -HandshakeTimeout 15 -PassThru
        }
        finally { Pop-Location }
        $result.KeyStorePath | Should -Be $server
        $tls = Get-SipTlsConfiguration
        $tls.KeyStorePath | Should -Be $server
        $tls.HasKeyStorePassword | Should -BeTrue
        $tls.HasTrustStorePassword | Should -BeFalse
        $tls.ClientAuthentication | Should -Be 'Want'
        $tls.HandshakeTimeout | Should -Be ([timespan]'00:00:15')
        $tls.Certificate.Subject | Should -Be 'CN=sip.example.com'
        $tls.Certificate.DaysLeft | Should -BeIn 363, 364, 365
        $tls.Problem | Should -BeNullOrEmpty
        ($tls | Out-String) | Should -Match 'HasKeyStorePassword\s*:\s*True'
        ($tls | Out-String) | Should -Match 'DaysLeft\s*:\s*36[345]'
        ($tls | Out-String) | Should -Not -Match ([regex]::Escape($plainPassword))
    }

    It 'keeps what a later change leaves out and validates with the stored password' {
        Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -Alias myserver
        Set-SipTlsConfiguration -Protocol Tls13 -CipherSuite tls_aes_256_gcm_sha384
        $tls = Get-SipTlsConfiguration
        $tls.Alias | Should -Be 'myserver'
        $tls.Protocols | Should -Be 'Tls13'
        $tls.CipherSuites | Should -Be 'TLS_AES_256_GCM_SHA384'
        Set-SipTlsConfiguration -CipherSuite @() -Alias ''
        (Get-SipTlsConfiguration).CipherSuites | Should -BeNullOrEmpty
        (Get-SipTlsConfiguration).Alias | Should -BeNullOrEmpty
    }

    It 'refuses a wrong password with KeyStoreWrongPassword and stores nothing' {
        { Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $otherSecret -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeyStoreWrongPassword,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        $failure = $null
        try { Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $otherSecret -ErrorAction Stop } catch { $failure = $_ }
        $failure.CategoryInfo.Category | Should -Be 'SecurityError'
        $failure.TargetObject | Should -Be $server
        (Get-SipTlsConfiguration).HasKeyStorePassword | Should -BeFalse
    }

    It 'refuses an alias that is a trusted certificate, an unknown alias and a missing file' {
        { Set-SipTlsConfiguration -KeyStore $withTrusted -KeyStorePassword $secret -Alias client-ca -ErrorAction Stop } |
            Should -Throw -ErrorId 'TlsAliasHasNoPrivateKey,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        { Set-SipTlsConfiguration -KeyStore $withTrusted -KeyStorePassword $secret -Alias nobody -ErrorAction Stop } |
            Should -Throw -ErrorId 'TlsAliasNotFound,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        { Set-SipTlsConfiguration -KeyStore (Join-Path $keys 'absent.p12') -KeyStorePassword $secret -ErrorAction Stop } |
            Should -Throw -ErrorId 'TlsKeyStoreMissing,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        # Without -Alias the only key entry is served; the trusted entry is not a candidate.
        (Set-SipTlsConfiguration -KeyStore $withTrusted -KeyStorePassword $secret -PassThru).Certificate.Alias | Should -Be 'server'
    }

    It 'refuses an expired certificate unless -Force, and warns about one expiring within 30 days' {
        { Set-SipTlsConfiguration -KeyStore $expired -KeyStorePassword $secret -ErrorAction Stop } |
            Should -Throw -ErrorId 'CertificateExpired,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        (Get-SipTlsConfiguration).KeyStorePath | Should -BeNullOrEmpty

        Set-SipTlsConfiguration -KeyStore $expired -KeyStorePassword $secret -Force -WarningVariable forced -WarningAction SilentlyContinue
        ($forced -join "`n") | Should -Match 'expired.*-Force'
        $tls = Get-SipTlsConfiguration -WarningVariable shown -WarningAction SilentlyContinue
        $tls.Problem | Should -BeLike 'CertificateExpired:*'
        ($shown -join "`n") | Should -Match 'cannot serve'

        Set-SipTlsConfiguration -KeyStore $soon -KeyStorePassword $secret -WarningVariable soonWarnings -WarningAction SilentlyContinue
        ($soonWarnings -join "`n") | Should -Match 'renew it soon'
    }

    It 'warns about <Name>' -ForEach @(
        @{ Name = 'TLS 1.1'; Arguments = @{ Protocol = 'Tls11', 'Tls12' }; Pattern = 'Tls11 is enabled.*RFC 8996' }
        @{ Name = 'TLS 1.0'; Arguments = @{ Protocol = 'Tls10', 'Tls12' }; Pattern = 'Tls10 is enabled' }
        @{ Name = 'DisabledAll'; Arguments = @{ ClientAuthentication = 'DisabledAll' }; Pattern = 'DisabledAll' }
    ) {
        Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret @Arguments -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -Match $Pattern
        Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -Protocol Tls12, Tls13 -ClientAuthentication Disabled -WarningVariable none
        $none | Should -BeNullOrEmpty
    }

    It 'refuses unknown cipher suites and a handshake timeout out of range' {
        { Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -CipherSuite 'RC4-MD5' -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnknownCipherSuite,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        { Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -HandshakeTimeout 121 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidTlsSetting,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
    }

    It 'lists the changes with -WhatIf, full paths and no password, and changes nothing' {
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        Push-Location $keys
        try { Set-SipTlsConfiguration -KeyStore myserver.jks -KeyStorePassword $secret -ClientAuthentication Enabled -WhatIf -Verbose }
        finally { Pop-Location }
        Stop-Transcript | Out-Null
        $text = Get-Content $transcript -Raw
        $text | Should -Match ([regex]::Escape("KeyStorePath: (none) -> $server"))
        $text | Should -Match 'ClientAuthentication: Disabled -> Enabled'
        $text | Should -Match 'KeyStorePassword: stored'
        $text | Should -Not -Match ([regex]::Escape($plainPassword))
        (Get-SipTlsConfiguration).KeyStorePath | Should -BeNullOrEmpty
    }

    It 'never writes the password to verbose output, warnings or errors' {
        $output = & {
            Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -Protocol Tls11, Tls12 -Verbose -PassThru
            Set-SipTlsConfiguration -Verbose
            Get-SipTlsConfiguration -Verbose
            try { Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $otherSecret -ErrorAction Stop }
            catch { $_ | Out-String; $_.Exception.ToString() }
        } *>&1 | Out-String
        $output | Should -Match 'revision was raised'
        $output | Should -Match 'KeyStoreWrongPassword|does not open'
        $output | Should -Not -Match ([regex]::Escape($plainPassword))
        $output | Should -Not -Match 'Other-Store-Secret'
    }

    It 'stores the password in the owner-only store, not in the settings' {
        Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret
        $db = Join-Path $store 'sipsecurity.db'
        if (-not $IsWindows) { (Get-Item $db).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
        if (Get-Command sqlite3 -ErrorAction SilentlyContinue) {
            (& sqlite3 $db "SELECT COUNT(*) FROM meta WHERE value LIKE '%Tls-Store-Secret%';") | Should -Be '0'
            (& sqlite3 $db "SELECT name FROM secrets;") | Should -Be 'tls.keystore_password'
        }
    }

    It 'uses a separate truststore with its own password and forgets the password when the truststore is removed' {
        $trust = Join-Path $TestDrive 'trust.p12'
        New-SipKeyStore $trust ca -KeyAlgorithm Ec -Subject 'CN=ca' -StorePassword $otherSecret | Out-Null
        { Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -TrustStore $trust -TrustStorePassword $secret -ErrorAction Stop } |
            Should -Throw -ErrorId 'TrustStoreWrongPassword,SipSecurity.PowerShell.SetSipTlsConfigurationCommand'
        Set-SipTlsConfiguration -KeyStore $server -KeyStorePassword $secret -TrustStore $trust -TrustStorePassword $otherSecret -ClientAuthentication Enabled
        (Get-SipTlsConfiguration).HasTrustStorePassword | Should -BeTrue
        Set-SipTlsConfiguration -TrustStore ''
        $tls = Get-SipTlsConfiguration
        $tls.HasTrustStorePassword | Should -BeFalse
        $tls.EffectiveTrustStorePath | Should -Be $server
    }
}
