BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule

    $env:SIPSEC_TEST_PASS = 'secret-Store-1'
    $secret = ConvertTo-TestSecret $env:SIPSEC_TEST_PASS

    function Invoke-Tool([string] $Tool, [string[]] $Arguments) {
        $output = & $Tool @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "$Tool $($Arguments -join ' ') failed ($LASTEXITCODE): $($output -join "`n")" }
        $output -join "`n"
    }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Start-OpensslServer {
        <# openssl s_server on a free port (-rev: an echo server that never reads stdin); waits until it accepts. #>
        param([string[]] $Arguments)
        for ($attempt = 0; $attempt -lt 3; $attempt++) {
            $port = Get-FreePort
            $log = Join-Path $TestDrive "s_server-$port.log"
            $all = @('s_server', '-accept', $port, '-rev', '-min_protocol', 'TLSv1.2', '-cert', $serverPem, '-key', $serverKey) + $Arguments
            $process = Start-Process openssl -ArgumentList $all -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            while ([datetime]::UtcNow -lt $deadline -and -not $process.HasExited) {
                if ((Test-Path $log) -and (Get-Content -Raw $log) -match 'ACCEPT') {
                    return [pscustomobject]@{ Port = $port; Process = $process; Log = $log }
                }
                Start-Sleep -Milliseconds 100
            }
            if (-not $process.HasExited) { $process.Kill() }
        }
        throw "openssl s_server did not start: $(Get-Content -Raw "$log.err" -ErrorAction SilentlyContinue)"
    }

    Push-Location $TestDrive
    try {
        # A CA and a server certificate for localhost and 127.0.0.1, made by openssl; the client's by the cmdlets (the seed's keytool steps).
        Invoke-Tool openssl @('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', '/CN=Probe Test CA') | Out-Null
        Invoke-Tool openssl @('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost') | Out-Null
        Set-Content -Path 'san.cnf' -Value 'subjectAltName=DNS:localhost,IP:127.0.0.1'
        Invoke-Tool openssl @('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '30', '-extfile', 'san.cnf') | Out-Null
    }
    finally { Pop-Location }
    $caPem = Join-Path $TestDrive 'ca.pem'
    $serverPem = Join-Path $TestDrive 'server.pem'
    $serverKey = Join-Path $TestDrive 'server.key'
    $serverSha256 = ((Invoke-Tool openssl @('x509', '-in', $serverPem, '-noout', '-fingerprint', '-sha256')) -split '=', 2)[1].Trim()

    $clientStore = Join-Path $TestDrive 'myclient.p12'
    New-SipKeyStore $clientStore myclient -Subject 'CN=John Doe, OU=Engineering, O=Some Work, C=US' -StorePassword $secret | Out-Null
    $clientCert = (Export-SipCertificate $clientStore myclient (Join-Path $TestDrive 'client.cert') -StorePassword $secret).FullName
    $clientKey = (Export-SipPrivateKey $clientStore myclient (Join-Path $TestDrive 'clientprivate.key') -StorePassword $secret -NoEncryption -WarningAction SilentlyContinue).FullName

    $plain = Start-OpensslServer @()
    # -Verify 1: a client certificate is required; -verify_return_error: a missing or untrusted one ends the handshake.
    $required = Start-OpensslServer @('-Verify', '1', '-verify_return_error', '-CAfile', $clientCert)
    $required12 = Start-OpensslServer @('-Verify', '1', '-verify_return_error', '-CAfile', $clientCert, '-max_protocol', 'TLSv1.2')
}

AfterAll {
    foreach ($server in @($plain, $required, $required12)) {
        if ($server -and -not $server.Process.HasExited) { $server.Process.Kill(); $server.Process.WaitForExit(5000) | Out-Null }
    }
    Remove-Item Env:SIPSEC_TEST_PASS -ErrorAction SilentlyContinue
}

Describe 'Test-SipTlsConnection against openssl s_server (the seed''s s_client step)' -Tag Tls {
    It 'reports the protocol, the cipher and the chain, with the fingerprint openssl x509 prints' {
        $result = Test-SipTlsConnection -Port $plain.Port -TimeoutSeconds 10
        $result.Succeeded | Should -BeTrue -Because $result.Error
        $result.HandshakeCompleted | Should -BeTrue
        $result.Protocol | Should -BeIn @('Tls12', 'Tls13')
        $result.CipherSuite | Should -Not -BeNullOrEmpty
        $result.ServerCertificates[0].Sha256Fingerprint | Should -Be $serverSha256
        $result.ServerCertificates[0].Subject | Should -Be 'CN=localhost'
        $result.ServerCertificates[0].SubjectAlternativeNames | Should -Contain 'IP:127.0.0.1'
        $result.Validated | Should -BeNullOrEmpty
        $result.ClientCertificateRequested | Should -BeFalse
        $result.Accepted | Should -BeTrue
    }

    It 'negotiates TLS 1.2 when only TLS 1.2 is offered' {
        $result = Test-SipTlsConnection -Port $plain.Port -Protocol Tls12
        $result.Protocol | Should -Be 'Tls12'
        "$($result.CipherSuite)" | Should -Match '^TLS_ECDHE_'
    }

    It 'validates the chain with -CAFile of the right CA' {
        $result = Test-SipTlsConnection -HostName 127.0.0.1 -Port $plain.Port -ServerName localhost -CAFile $caPem
        $result.Validated | Should -BeTrue -Because ($result.ValidationErrors -join '; ')
        $result.ValidationErrors | Should -BeNullOrEmpty
    }

    It 'validates with a truststore made by Import-SipTrustedCertificate' {
        $trust = Join-Path $TestDrive 'truststore.p12'
        Import-SipTrustedCertificate $trust $caPem probe-ca -StorePassword $secret | Out-Null
        $result = Test-SipTlsConnection -ComputerName 127.0.0.1 -Port $plain.Port -TrustStore $trust -TrustStorePassword $secret
        $result.Validated | Should -BeTrue -Because ($result.ValidationErrors -join '; ')
    }

    It 'does not validate against another CA and says why, yet completes the handshake' {
        $result = Test-SipTlsConnection -Port $plain.Port -ServerName localhost -CAFile $clientCert
        $result.Succeeded | Should -BeTrue
        $result.Validated | Should -BeFalse
        $result.ValidationErrors -join "`n" | Should -Match '^(PartialChain|UntrustedRoot):'
    }

    It 'reports a name mismatch with the SNI name' {
        $result = Test-SipTlsConnection -Port $plain.Port -ServerName sip.example.org -CAFile $caPem
        $result.Validated | Should -BeFalse
        $result.ValidationErrors -join "`n" | Should -Match "NameMismatch: .*'sip.example.org'"
    }

    It 'sends client.cert/clientprivate.key when the server requires a client certificate (-cert -key)' {
        $result = Test-SipTlsConnection -Port $required.Port -ClientCertificatePath $clientCert -ClientKeyPath $clientKey -CAFile $caPem -ServerName localhost
        $result.Succeeded | Should -BeTrue -Because $result.Error
        $result.ClientCertificateRequested | Should -BeTrue
        $result.ClientCertificateSent | Should -BeTrue
        $result.Accepted | Should -BeTrue
        $result.Validated | Should -BeTrue
    }

    It 'sends the key entry of a keystore' {
        $result = Test-SipTlsConnection -Port $required.Port -ClientKeyStore $clientStore -ClientKeyStorePassword $secret
        $result.ClientCertificateSent | Should -BeTrue
        $result.Accepted | Should -BeTrue -Because $result.Error
    }

    It 'reports the refusal in TLS 1.3 when no client certificate is sent (the alert comes after the handshake)' {
        $result = Test-SipTlsConnection -Port $required.Port -Protocol Tls13
        $result.Succeeded | Should -BeFalse
        $result.HandshakeCompleted | Should -BeTrue
        $result.ClientCertificateRequested | Should -BeTrue
        $result.ClientCertificateSent | Should -BeFalse
        $result.Accepted | Should -BeFalse
        $result.Error | Should -Match 'none was sent'
        $result.Error | Should -Match 'certificate required'
    }

    It 'reports the refusal in TLS 1.2 as a failed handshake' {
        $result = Test-SipTlsConnection -Port $required12.Port
        $result.Succeeded | Should -BeFalse
        $result.HandshakeCompleted | Should -BeFalse
        $result.ClientCertificateRequested | Should -BeTrue
        $result.Error | Should -Match 'The TLS handshake with 127.0.0.1:\d+ failed'
    }

    It 'fails with a clear error when only TLS 1.1 is offered to a TLS 1.2+ server' {
        $result = Test-SipTlsConnection -Port $plain.Port -Protocol Tls11 -TimeoutSeconds 10
        $result.Succeeded | Should -BeFalse
        $result.HandshakeCompleted | Should -BeFalse
        $result.Protocol | Should -BeNullOrEmpty
        $result.Error | Should -Match 'The TLS handshake with 127.0.0.1:\d+ failed \(offered Tls11\): \S+'
    }

    It 'says that an answer to -SendOptions is not SIP (s_server -rev echoes the request reversed)' {
        $result = Test-SipTlsConnection -Port $plain.Port -SendOptions
        $result.Accepted | Should -BeTrue
        $result.OptionsStatus | Should -BeNullOrEmpty
        $result.Error | Should -Match 'not a SIP response'
    }

    It 'reports a refused connection' {
        $result = Test-SipTlsConnection -Port (Get-FreePort) -TimeoutSeconds 5
        $result.Succeeded | Should -BeFalse
        $result.Error | Should -Match 'Could not connect to 127.0.0.1:\d+'
    }

    It 'formats the result as a list' {
        $text = Test-SipTlsConnection -Port $plain.Port -CAFile $caPem -ServerName localhost | Out-String
        $text | Should -Match 'Endpoint\s+: 127.0.0.1:\d+'
        $text | Should -Match ([regex]::Escape($serverSha256))
    }

    It 'refuses -TrustStore together with -CAFile' {
        { Test-SipTlsConnection -Port $plain.Port -CAFile $caPem -TrustStore $caPem -TrustStorePassword $secret } |
            Should -Throw -ErrorId 'TrustSourceConflict,SipSecurity.PowerShell.TestSipTlsConnectionCommand'
    }

    It 'refuses a client key that does not load, without echoing any secret' {
        { Test-SipTlsConnection -Port $plain.Port -ClientCertificatePath $clientCert -ClientKeyPath $caPem } |
            Should -Throw -ErrorId 'ClientCertificateUnreadable,SipSecurity.PowerShell.TestSipTlsConnectionCommand'
    }

    It 'refuses a wrong keystore password with the keystore''s error id' {
        { Test-SipTlsConnection -Port $plain.Port -ClientKeyStore $clientStore -ClientKeyStorePassword (ConvertTo-TestSecret 'wrong-password') } |
            Should -Throw -ErrorId 'WrongPassword,SipSecurity.PowerShell.TestSipTlsConnectionCommand'
    }
}
