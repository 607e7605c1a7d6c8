BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule

    # Real peers get passwords through the environment, never on their command line.
    $env:SIPSEC_TEST_PASS = 'secret-Store-1'
    $secret = ConvertTo-TestSecret $env:SIPSEC_TEST_PASS

    function Invoke-Tool([string] $Tool, [string[]] $Arguments) {
        $output = & $Tool @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "$Tool $($Arguments -join ' ') failed ($LASTEXITCODE): $($output -join "`n")" }
        $output -join "`n"
    }

    function Get-KeytoolSha256([string] $Store, [string] $Alias) {
        $listing = Invoke-Tool keytool @('-list', '-v', '-keystore', $Store, '-storepass:env', 'SIPSEC_TEST_PASS', '-alias', $Alias)
        if ($listing -notmatch 'SHA256:\s*([0-9A-F:]+)') { throw "no SHA256 in keytool output:`n$listing" }
        $Matches[1]
    }

    function Get-PublicKeyPem([string] $Arguments) {
        Invoke-Tool openssl ($Arguments -split ' ')
    }
}

Describe 'Keystores: the seed''s keytool and openssl steps as cmdlets' -Tag KeyStores {
    It 'New-SipKeyStore makes the seed''s JKS (RSA 1024 only with a warning) that keytool lists with the same fingerprint' {
        $jks = Join-Path $TestDrive 'myserver.jks'
        $entry = New-SipKeyStore -Path $jks -Alias myserver -KeyAlgorithm Rsa -KeySize 1024 -ValidityDays 365 `
            -Subject 'CN=James Smith, OU=Engineering, O=My Company, L=My City, S=My State, C=US' -StorePassword $secret `
            -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings | Should -Match 'too weak'
        $entry.KeySize | Should -Be 1024
        (Get-KeytoolSha256 $jks 'myserver') | Should -Be $entry.Sha256Fingerprint
        Invoke-Tool keytool @('-list', '-keystore', $jks, '-storepass:env', 'SIPSEC_TEST_PASS', '-storetype', 'JKS') | Should -Match 'PrivateKeyEntry'
    }

    It 'defaults to PKCS#12 with RSA 2048 and SANs, read by openssl and keytool' {
        $p12 = Join-Path $TestDrive 'server.p12'
        $entry = New-SipKeyStore $p12 server -Subject 'CN=sip.example.com' -SubjectAlternativeName 'sip.example.com', '127.0.0.1' -StorePassword $secret
        $entry.KeySize | Should -Be 2048
        $entry.SubjectAlternativeNames -join ',' | Should -Match 'sip.example.com'
        Invoke-Tool openssl @('pkcs12', '-in', $p12, '-passin', 'env:SIPSEC_TEST_PASS', '-nokeys', '-info') | Should -Match 'BEGIN CERTIFICATE'
        (Get-KeytoolSha256 $p12 'server') | Should -Be $entry.Sha256Fingerprint
        if (-not $IsWindows) { (Get-Item $p12).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
    }

    It 'makes an EC P-256 key' {
        $entry = New-SipKeyStore (Join-Path $TestDrive 'ec.p12') ec -KeyAlgorithm Ec -Curve P256 -Subject 'CN=ec' -StorePassword $secret
        $entry.KeyAlgorithm | Should -Match 'EC'
    }

    Context 'client certificate quick start' {
        BeforeAll {
            $client = Join-Path $TestDrive 'myclient.jks'
            $server = Join-Path $TestDrive 'myserver-trust.jks'
            New-SipKeyStore $client myclient -StoreType Jks -Subject 'CN=John Doe, OU=Engineering, O=Some Work, L=Some City, S=Some State, C=US' -StorePassword $secret | Out-Null
            New-SipKeyStore $server myserver -StoreType Jks -Subject 'CN=James Smith' -StorePassword $secret | Out-Null
        }

        It 'exports client.cert as PEM (keytool -exportcert -rfc) and imports it as trusted into the server store' {
            $cert = Export-SipCertificate $client myclient (Join-Path $TestDrive 'client.cert') -StorePassword $secret
            Get-Content $cert.FullName -Raw | Should -Match '-----BEGIN CERTIFICATE-----'
            $trusted = Import-SipTrustedCertificate $server $cert.FullName myclient -StorePassword $secret
            $trusted.EntryType | Should -Be 'TrustedCertificate'
            Invoke-Tool keytool @('-list', '-keystore', $server, '-storepass:env', 'SIPSEC_TEST_PASS') | Should -Match 'myclient.*trustedCertEntry'
        }

        It 'exports clientprivate.key (DumpPrivateKey) owner-only, matching client.cert for openssl' {
            $key = Export-SipPrivateKey $client myclient (Join-Path $TestDrive 'clientprivate.key') -StorePassword $secret -NoEncryption -WarningAction SilentlyContinue
            if (-not $IsWindows) { (Get-Item $key.FullName).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
            $fromKey = Invoke-Tool openssl @('pkey', '-in', $key.FullName, '-pubout')
            $fromCert = Invoke-Tool openssl @('x509', '-in', (Join-Path $TestDrive 'client.cert'), '-noout', '-pubkey')
            $fromKey | Should -Be $fromCert
        }

        It 'exports an encrypted key that openssl opens with the export password' {
            $key = Export-SipPrivateKey $client myclient (Join-Path $TestDrive 'client-enc.key') -StorePassword $secret -ExportPassword $secret
            Get-Content $key.FullName -Raw | Should -Match 'ENCRYPTED PRIVATE KEY'
            Invoke-Tool openssl @('pkey', '-in', $key.FullName, '-passin', 'env:SIPSEC_TEST_PASS', '-noout') | Out-Null
        }

        It 'refuses a wrong store password with a stable id and no password in the message' {
            $wrong = ConvertTo-TestSecret 'not-the-password'
            { Get-SipKeyStoreEntry $client -StorePassword $wrong -ErrorAction Stop } |
                Should -Throw -ErrorId 'WrongPassword,SipSecurity.PowerShell.GetSipKeyStoreEntryCommand'
            try { Get-SipKeyStoreEntry $client -StorePassword $wrong -ErrorAction Stop } catch { $_.Exception.Message | Should -Not -Match 'not-the-password|secret-Store-1' }
        }
    }

    Context 'production setup with a CA' {
        BeforeAll {
            Push-Location $TestDrive
            Invoke-Tool openssl @('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=Test CA') | Out-Null
            Invoke-Tool openssl @('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'myprivate.key', '-out', 'my.csr', '-subj', '/CN=sip.example.com') | Out-Null
            Invoke-Tool openssl @('x509', '-req', '-in', 'my.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'mycertificate.pem', '-days', '30') | Out-Null
            Pop-Location
        }

        It 'wraps a key and a CA-signed certificate into PKCS#12 (openssl pkcs12 -export) and converts it to JKS (keytool -importkeystore)' {
            $p12 = ConvertTo-SipPkcs12 (Join-Path $TestDrive 'myprivate.key') (Join-Path $TestDrive 'mycertificate.pem') (Join-Path $TestDrive 'mystorage.pkcs12') -StorePassword $secret
            $p12.Subject | Should -Match 'sip.example.com'
            Invoke-Tool openssl @('pkcs12', '-in', (Join-Path $TestDrive 'mystorage.pkcs12'), '-passin', 'env:SIPSEC_TEST_PASS', '-nodes', '-info') | Should -Match 'BEGIN PRIVATE KEY'
            # -Force replaces an existing file.
            ConvertTo-SipPkcs12 (Join-Path $TestDrive 'myprivate.key') (Join-Path $TestDrive 'mycertificate.pem') (Join-Path $TestDrive 'mystorage.pkcs12') -StorePassword $secret -Force | Out-Null
            $copied = Import-SipKeyStore (Join-Path $TestDrive 'mystorage.pkcs12') (Join-Path $TestDrive 'myserver-prod.jks') -SourcePassword $secret -StorePassword $secret
            $copied.EntryType | Should -Be 'PrivateKey'
            Invoke-Tool keytool @('-list', '-keystore', (Join-Path $TestDrive 'myserver-prod.jks'), '-storepass:env', 'SIPSEC_TEST_PASS', '-storetype', 'JKS') | Should -Match 'PrivateKeyEntry'
        }

        It 'makes a CSR that the CA signs, and imports the reply in place of the self-signed certificate' {
            $store = Join-Path $TestDrive 'csr.p12'
            New-SipKeyStore $store server -Subject 'CN=sip.example.com' -SubjectAlternativeName 'sip.example.com' -StorePassword $secret | Out-Null
            $csr = New-SipCertificateRequest $store server (Join-Path $TestDrive 'server.csr') -StorePassword $secret
            Invoke-Tool openssl @('req', '-in', $csr.FullName, '-noout', '-verify') | Out-Null
            # Without -SubjectAlternativeName the request carries the certificate's SANs.
            Invoke-Tool openssl @('req', '-in', $csr.FullName, '-noout', '-text') | Should -Match 'DNS:sip.example.com'
            Push-Location $TestDrive
            Invoke-Tool openssl @('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server-signed.pem', '-days', '30') | Out-Null
            Pop-Location
            $entry = Import-SipCertificateReply $store server (Join-Path $TestDrive 'server-signed.pem') -StorePassword $secret
            $entry.Issuer | Should -Match 'Test CA'
        }

        It 'reads stores made by keytool (JKS and PKCS#12) with their keys' {
            foreach ($type in 'JKS', 'PKCS12') {
                $file = Join-Path $TestDrive "keytool-$type.store"
                Invoke-Tool keytool @('-genkeypair', '-alias', 'kt', '-keyalg', 'RSA', '-keysize', '2048', '-validity', '30', '-storetype', $type,
                    '-keystore', $file, '-storepass:env', 'SIPSEC_TEST_PASS', '-keypass:env', 'SIPSEC_TEST_PASS', '-dname', 'CN=kt') | Out-Null
                $entry = Get-SipKeyStoreEntry $file -StorePassword $secret
                $entry.EntryType | Should -Be 'PrivateKey'
                $entry.Sha256Fingerprint | Should -Be (Get-KeytoolSha256 $file 'kt')
                $key = Export-SipPrivateKey $file kt (Join-Path $TestDrive "kt-$type.key") -StorePassword $secret -NoEncryption -WarningAction SilentlyContinue
                Get-Content $key.FullName -Raw | Should -Match 'BEGIN PRIVATE KEY'
            }
        }

        It 'removes an entry' {
            $store = Join-Path $TestDrive 'remove.p12'
            New-SipKeyStore $store a -Subject 'CN=a' -KeyAlgorithm Ec -StorePassword $secret | Out-Null
            New-SipKeyStore $store b -Subject 'CN=b' -KeyAlgorithm Ec -StorePassword $secret | Out-Null
            Remove-SipKeyStoreEntry $store a -StorePassword $secret -Confirm:$false
            (Get-SipKeyStoreEntry $store -StorePassword $secret).Alias | Should -Be @('b')
        }
    }
}
