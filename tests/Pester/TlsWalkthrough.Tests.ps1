BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SipTestServer.psm1') -Force
    Import-SipTestModule

    $pw = ConvertTo-TestSecret 'changeit-123'
    $work = Join-Path $TestDrive 'tls'
    $null = New-Item -ItemType Directory -Path $work

    function Send-OverTls {
        <# A SIP request through openssl s_client (the seed's test client); returns what openssl printed. #>
        param([int] $Port, [string] $Request = (New-SipTestRequestText), [string[]] $Extra = @(), [int] $TimeoutMilliseconds = 3000)
        Invoke-SipTestOpenSsl -Arguments (@('s_client', '-connect', "127.0.0.1:$Port", '-quiet') + $Extra) -InputText $Request `
            -Until 'SIP/2.0 \d{3} [^\r\n]*\r?\n' -TimeoutMilliseconds $TimeoutMilliseconds
    }

    function Wait-ForReload {
        # The server polls the store every 250 ms; a certificate or mode change is live within a second.
        Start-Sleep -Milliseconds 1200
    }
}

Describe 'The seed''s TLS chapter with our cmdlets, against openssl and sipp' -Tag Tls, Server {
    BeforeAll {
        $store = New-SipTestServerStore -Path (Join-Path $TestDrive 'server')
        $PSDefaultParameterValues = @{ '*-SipTls*:ConfigPath' = $store; '*-SipConnector:ConfigPath' = $store; '*-SipServer:ConfigPath' = $store; '*-SipLoginConfig:ConfigPath' = $store; '*-SipSecurityConstraint:ConfigPath' = $store }
        Add-SipConnector -Transport Tls -Address 127.0.0.1 -Port 0 -Name tls

        # Quick start: keytool -genkeypair for the server (RSA 2048 by default, the seed's 1024 only with a warning).
        $serverStore = Join-Path $work 'myserver.jks'
        New-SipKeyStore $serverStore myserver -StoreType Jks -StorePassword $pw -SubjectAlternativeName 127.0.0.1 `
            -Subject 'CN=James Smith, OU=Engineering, O=My Company, L=My City, S=My State, C=US'
        Set-SipTlsConfiguration -KeyStore $serverStore -KeyStorePassword $pw
        $server = Start-SipServer -Name tls-walkthrough
        $tls = ($server.Endpoints | Where-Object { "$($_.Transport)" -eq 'Tls' }).EndPoint.Port
        $udp = Get-SipTestPort $server Udp
        $serverFingerprint = (Get-SipKeyStoreEntry $serverStore myserver -StorePassword $pw).Sha256Fingerprint

        # The client side of the quick start: its keystore, client.cert and clientprivate.key.
        $clientStore = Join-Path $work 'myclient.jks'
        New-SipKeyStore $clientStore myclient -StoreType Jks -StorePassword $pw -Subject 'CN=alice, OU=Engineering, O=Some Work, C=US'
        $clientCert = Join-Path $work 'client.cert'
        $clientKey = Join-Path $work 'clientprivate.key'
        Export-SipCertificate $clientStore myclient $clientCert -StorePassword $pw
        Export-SipPrivateKey $clientStore myclient $clientKey -StorePassword $pw -NoEncryption -WarningAction SilentlyContinue

        # A certificate nobody trusts.
        $strangerStore = Join-Path $work 'stranger.p12'
        New-SipKeyStore $strangerStore stranger -StorePassword $pw -Subject 'CN=alice, O=Elsewhere'
        $strangerCert = Join-Path $work 'stranger.cert'
        $strangerKey = Join-Path $work 'stranger.key'
        Export-SipCertificate $strangerStore stranger $strangerCert -StorePassword $pw
        Export-SipPrivateKey $strangerStore stranger $strangerKey -StorePassword $pw -NoEncryption -WarningAction SilentlyContinue
    }

    AfterAll {
        if ($server) { $server | Stop-SipServer }
    }

    It 'openssl s_client connects and shows our certificate' {
        $output = Invoke-SipTestOpenSsl -Arguments @('s_client', '-connect', "127.0.0.1:$tls", '-showcerts') -TimeoutMilliseconds 5000
        $output | Should -Match 'CN\s?=\s?James Smith'
        $pem = [regex]::Match($output, '-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----').Value
        Set-Content -Path (Join-Path $work 'served.pem') -Value $pem
        $fingerprint = (& openssl x509 -in (Join-Path $work 'served.pem') -noout -fingerprint -sha256) -replace '^.*=', ''
        $fingerprint | Should -Be $serverFingerprint
    }

    It 'carries SIP: OPTIONS over TLS gets 200 on the same connection' {
        Send-OverTls -Port $tls | Should -Match 'SIP/2.0 200 OK'
    }

    It 'refuses TLS 1.1 by default' {
        $output = Invoke-SipTestOpenSsl -Arguments @('s_client', '-connect', "127.0.0.1:$tls", '-tls1_1', '-cipher', 'DEFAULT:@SECLEVEL=0') -TimeoutMilliseconds 5000
        $output | Should -Not -Match 'Cipher is (?!\(NONE\))'
        $output | Should -Match 'alert|error|no protocols available|wrong version'
    }

    It 'requires a trusted client certificate in Enabled mode' {
        Import-SipTrustedCertificate $serverStore $clientCert myclient -StorePassword $pw
        Set-SipTlsConfiguration -ClientAuthentication Enabled
        Wait-ForReload

        Send-OverTls -Port $tls | Should -Not -Match 'SIP/2.0 200'
        Send-OverTls -Port $tls -Extra @('-cert', $strangerCert, '-key', $strangerKey) | Should -Not -Match 'SIP/2.0 200'
        Send-OverTls -Port $tls -Extra @('-cert', $clientCert, '-key', $clientKey) | Should -Match 'SIP/2.0 200 OK'
        $server.Statistics.TlsHandshakesFailed | Should -BeGreaterThan 0
    }

    It 'accepts clients with or without a certificate in Want mode' {
        Set-SipTlsConfiguration -ClientAuthentication Want
        Wait-ForReload

        Send-OverTls -Port $tls | Should -Match 'SIP/2.0 200 OK'
        Send-OverTls -Port $tls -Extra @('-cert', $strangerCert, '-key', $strangerKey) | Should -Match 'SIP/2.0 200 OK'
        Send-OverTls -Port $tls -Extra @('-cert', $clientCert, '-key', $clientKey) | Should -Match 'SIP/2.0 200 OK'
    }

    It 'satisfies a Confidential constraint over TLS and refuses it over UDP' {
        Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -TransportGuarantee Confidential
        Wait-ForReload
        try {
            $client = New-SipTestClient -Transport Udp -Port $udp
            try { $client.Exchange((New-SipTestRegister -Client $client)) | Should -Match '^SIP/2.0 403 ' }
            finally { $client.Dispose() }
            Send-OverTls -Port $tls -Request (New-SipTestRequestText -Method REGISTER) | Should -Match 'SIP/2.0 401 '
        }
        finally {
            Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -TransportGuarantee None
            Wait-ForReload
        }
    }

    It 'registers a stock sipp through stunnel with digest authentication' -Skip:(-not (Get-Command stunnel4, stunnel -ErrorAction SilentlyContinue)) {
        $stunnelPort = Get-Random -Minimum 30000 -Maximum 40000
        $config = Join-Path $work 'stunnel.conf'
        Set-Content $config @(
            'foreground = yes', "pid = $(Join-Path $work 'stunnel.pid')", 'debug = 3', "output = $(Join-Path $work 'stunnel.log')",
            '[sip-tls]', 'client = yes', "accept = 127.0.0.1:$stunnelPort", "connect = 127.0.0.1:$tls", 'sslVersionMin = TLSv1.2',
            "cert = $clientCert", "key = $clientKey")
        $binary = (Get-Command stunnel4, stunnel -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        $stunnel = Start-Process $binary -ArgumentList $config -PassThru
        try {
            # Wait until stunnel listens (it starts in well under a second, slower on a loaded machine).
            $deadline = [DateTime]::UtcNow.AddSeconds(15)
            do {
                $probe = [Net.Sockets.TcpClient]::new()
                try { $probe.Connect('127.0.0.1', $stunnelPort); $listening = $true } catch { $listening = $false } finally { $probe.Dispose() }
                if (-not $listening) { Start-Sleep -Milliseconds 100 }
            } until ($listening -or [DateTime]::UtcNow -gt $deadline)
            $run = Invoke-SipTestSipp -Scenario register-digest.xml -Transport Tcp -Port $stunnelPort
            $run.ExitCode | Should -Be 0 -Because $run.Log
        }
        finally { $stunnel.Kill(); $stunnel.WaitForExit() }
    }

    It 'serves a new certificate to new connections while an old connection keeps working' {
        # A long-lived TLS connection opened before the rotation.
        $tcp = [Net.Sockets.TcpClient]::new('127.0.0.1', $tls)
        $ssl = [Net.Security.SslStream]::new($tcp.GetStream(), $false)
        $clientCertificate = [Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPemFile($clientCert, $clientKey)
        $ssl.AuthenticateAsClient([Net.Security.SslClientAuthenticationOptions]@{
                TargetHost = '127.0.0.1'
                ClientCertificates = [Security.Cryptography.X509Certificates.X509CertificateCollection]::new(@($clientCertificate))
                RemoteCertificateValidationCallback = { $true }
            })
        try {
            $rotated = Join-Path $work 'rotated.p12'
            New-SipKeyStore $rotated rotated -StorePassword $pw -Subject 'CN=Rotated Server' -SubjectAlternativeName 127.0.0.1
            Import-SipTrustedCertificate $rotated $clientCert myclient -StorePassword $pw
            Set-SipTlsConfiguration -KeyStore $rotated -KeyStorePassword $pw
            Wait-ForReload

            Invoke-SipTestOpenSsl -Arguments @('s_client', '-connect', "127.0.0.1:$tls") -TimeoutMilliseconds 5000 | Should -Match 'CN\s?=\s?Rotated Server'

            $bytes = [Text.Encoding]::ASCII.GetBytes((New-SipTestRequestText))
            $ssl.Write($bytes, 0, $bytes.Length)
            $buffer = [byte[]]::new(4096)
            $read = $ssl.Read($buffer, 0, $buffer.Length)
            [Text.Encoding]::ASCII.GetString($buffer, 0, $read) | Should -Match '^SIP/2.0 200 OK'
        }
        finally { $ssl.Dispose(); $tcp.Dispose() }
    }

    It 'serves a key entry replaced in the configured keystore file without any other command' {
        # New-SipKeyStore -Force writing into the keystore the server uses (the configuration does not change).
        $rotated = Join-Path $work 'rotated.p12'
        New-SipKeyStore $rotated rotated -StorePassword $pw -Subject 'CN=Renewed In Place' -SubjectAlternativeName 127.0.0.1 -Force
        Wait-ForReload

        Invoke-SipTestOpenSsl -Arguments @('s_client', '-connect', "127.0.0.1:$tls") -TimeoutMilliseconds 5000 | Should -Match 'CN\s?=\s?Renewed In Place'
    }

    It 'logs in by client certificate with CLIENT-CERT: CN=alice is alice' {
        Set-SipLoginConfig -AuthMethod ClientCert
        Wait-ForReload
        try {
            Send-OverTls -Port $tls -Request (New-SipTestRequestText -Method REGISTER) -Extra @('-cert', $clientCert, '-key', $clientKey) | Should -Match 'SIP/2.0 200 OK'
            Send-OverTls -Port $tls -Request (New-SipTestRequestText -Method REGISTER) | Should -Match 'SIP/2.0 403 '
        }
        finally {
            Set-SipLoginConfig -AuthMethod Digest
            Wait-ForReload
        }
    }
}

Describe 'The seed''s production path: a CA-signed certificate through PKCS#12 into JKS' -Tag Tls, Server {
    BeforeAll {
        $store = New-SipTestServerStore -Path (Join-Path $TestDrive 'production')
        $PSDefaultParameterValues = @{ '*-SipTls*:ConfigPath' = $store; '*-SipConnector:ConfigPath' = $store; '*-SipServer:ConfigPath' = $store }
        Add-SipConnector -Transport Tls -Address 127.0.0.1 -Port 0 -Name tls

        $ca = Join-Path $work 'ca'
        $null = New-Item -ItemType Directory -Path $ca -Force
        # A test CA and a server key and certificate signed by it, made with openssl as a real CA would.
        & openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ca/ca.key" -out "$ca/ca.pem" -subj '/CN=SipSecurity Test CA' -days 30 2>&1 | Out-Null
        & openssl req -newkey rsa:2048 -nodes -keyout "$ca/myprivate.key" -out "$ca/server.csr" -subj '/CN=127.0.0.1/O=My Company' 2>&1 | Out-Null
        Set-Content "$ca/san.ext" 'subjectAltName=IP:127.0.0.1'
        & openssl x509 -req -in "$ca/server.csr" -CA "$ca/ca.pem" -CAkey "$ca/ca.key" -CAcreateserial -out "$ca/mycertificate.pem" -days 30 -extfile "$ca/san.ext" 2>&1 | Out-Null

        # openssl pkcs12 -export, then keytool -importkeystore: as cmdlets.
        ConvertTo-SipPkcs12 "$ca/myprivate.key" "$ca/mycertificate.pem" "$ca/mystorage.pkcs12" -StorePassword $pw -Alias myserver
        Import-SipKeyStore "$ca/mystorage.pkcs12" "$ca/myserver.jks" -SourcePassword $pw -StorePassword $pw -StoreType Jks
        Set-SipTlsConfiguration -KeyStore "$ca/myserver.jks" -KeyStorePassword $pw -Alias myserver
        $server = Start-SipServer -Name tls-production
        $tls = ($server.Endpoints | Where-Object { "$($_.Transport)" -eq 'Tls' }).EndPoint.Port
    }

    AfterAll {
        if ($server) { $server | Stop-SipServer }
    }

    It 'passes openssl s_client -verify_return_error -CAfile ca.pem' {
        $output = Send-OverTls -Port $tls -Extra @('-verify_return_error', '-CAfile', "$ca/ca.pem", '-verify_ip', '127.0.0.1')
        $output | Should -Match 'SIP/2.0 200 OK'
        $output | Should -Not -Match 'verify error'
    }

    It 'fails verification against another CA' {
        & openssl req -x509 -newkey rsa:2048 -nodes -keyout "$ca/other.key" -out "$ca/other.pem" -subj '/CN=Other CA' -days 30 2>&1 | Out-Null
        Send-OverTls -Port $tls -Extra @('-verify_return_error', '-CAfile', "$ca/other.pem") | Should -Not -Match 'SIP/2.0 200'
    }
}

Describe 'TLS connectors that cannot start' -Tag Tls, Server {
    It 'names the problem and leaves nothing running: <Case>' -ForEach @(
        @{ Case = 'wrong keystore password'; ErrorId = 'KeyStoreWrongPassword' }
        @{ Case = 'missing keystore file'; ErrorId = 'TlsKeyStoreMissing' }
    ) {
        $store = New-SipTestServerStore -Path (Join-Path $TestDrive ('broken-' + [guid]::NewGuid().ToString('N')))
        Add-SipConnector -ConfigPath $store -Transport Tls -Address 127.0.0.1 -Port 0 -Name tls
        $keyStore = Join-Path $store 'server.p12'
        New-SipKeyStore $keyStore server -StorePassword $pw -Subject 'CN=broken'
        Set-SipTlsConfiguration -ConfigPath $store -KeyStore $keyStore -KeyStorePassword $pw
        if ($Case -eq 'wrong keystore password') {
            # The keystore's password changes behind the configuration's back.
            Remove-Item $keyStore
            New-SipKeyStore $keyStore server -StorePassword (ConvertTo-TestSecret 'another-password') -Subject 'CN=broken'
        }
        else {
            Remove-Item $keyStore
        }

        { Start-SipServer -Name broken -ConfigPath $store -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,SipSecurity.PowerShell.StartSipServerCommand"
        Get-SipServer -Name broken -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
