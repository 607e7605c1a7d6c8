Set-StrictMode -Version Latest

<#
.SYNOPSIS
Helpers for the suites that run the server: a secured store on loopback ports the OS chooses, sipp
runs against it, and raw UDP/TCP sends for hostile input.
#>

$script:SippFolder = Join-Path $PSScriptRoot 'sipp'

function New-SipTestServerStore {
    <#
    A store with the seed's REGISTER constraint (role caller), users alice (caller) and bob (no role),
    realm test.example, UDP and TCP connectors on 127.0.0.1 with OS-chosen ports. Returns its path.
    #>
    param([Parameter(Mandatory)] [string] $Path)
    $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $Path }
    $null = New-Item -ItemType Directory -Path $Path -Force
    Get-SipConnector | Remove-SipConnector -Confirm:$false
    Add-SipConnector -Transport Udp -Address 127.0.0.1 -Port 0 -Name udp
    Add-SipConnector -Transport Tcp -Address 127.0.0.1 -Port 0 -Name tcp
    Set-SipLoginConfig -Realm test.example -Force
    Add-SipUser -Name alice -Password (ConvertTo-TestSecret 'alice-secret') -Role caller
    Add-SipUser -Name bob -Password (ConvertTo-TestSecret 'bob-secret') -Role guest
    Set-SipSecurityConstraint -Name 'REGISTER Method Security Constraint' -Servlet registrar -Method REGISTER -Role caller
    $Path
}

function Get-SipTestPort {
    param([Parameter(Mandatory)] $Server, [Parameter(Mandatory)] [ValidateSet('Udp', 'Tcp')] [string] $Transport)
    ($Server.Endpoints | Where-Object Transport -EQ $Transport | Select-Object -First 1).EndPoint.Port
}

function Invoke-SipTestSipp {
    <#
    Runs one sipp scenario from tests/Pester/sipp against the server; returns an object with ExitCode
    (0: every call succeeded) and Log (sipp's error trace, for the failure message).
    #>
    param(
        [Parameter(Mandatory)] [string] $Scenario,
        [Parameter(Mandatory)] [ValidateSet('Udp', 'Tcp')] [string] $Transport,
        [Parameter(Mandatory)] [int] $Port,
        [string] $User = 'alice',
        [string] $Password = 'alice-secret',
        [string] $Domain = 'test.example',
        [int] $Calls = 1,
        [int] $PauseMilliseconds = 0,
        [int] $TimeoutSeconds = 30
    )
    $work = Join-Path ([IO.Path]::GetTempPath()) ('sipp-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $work
    try {
        # sipp reads credentials only from an injection file: test passwords, never on a command line.
        $users = Join-Path $work 'users.csv'
        Set-Content -Path $users -Value @('SEQUENTIAL', "$User;$Password;$Domain") -Encoding ascii
        $arguments = @(
            '-sf', (Join-Path $script:SippFolder $Scenario), '-inf', $users,
            '-t', $(if ($Transport -eq 'Udp') { 'u1' } else { 't1' }),
            '-m', $Calls, '-r', '50', '-d', $PauseMilliseconds,
            '-timeout', "${TimeoutSeconds}s", '-timeout_error', '-nostdin',
            '-trace_err', '-error_file', (Join-Path $work 'errors.log'),
            '-i', '127.0.0.1', "127.0.0.1:$Port")
        $output = & sipp @arguments 2>&1 | Out-String
        $exit = $LASTEXITCODE
        $errors = if (Test-Path (Join-Path $work 'errors.log')) { Get-Content (Join-Path $work 'errors.log') -Raw } else { '' }
        [pscustomobject]@{ ExitCode = $exit; Log = "$errors`n$output" }
    }
    finally {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Send-SipTestDatagram {
    <# Sends raw bytes over UDP; returns the first answer's status line, or $null when none came in time. #>
    param([Parameter(Mandatory)] [int] $Port, [Parameter(Mandatory)] [byte[]] $Bytes, [int] $WaitMilliseconds = 0)
    $client = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
    try {
        $null = $client.Send($Bytes, $Bytes.Length, [Net.IPEndPoint]::new([Net.IPAddress]::Loopback, $Port))
        if ($WaitMilliseconds -le 0) { return $null }
        $client.Client.ReceiveTimeout = $WaitMilliseconds
        $remote = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
        try { $answer = $client.Receive([ref] $remote) } catch [Net.Sockets.SocketException] { return $null }
        $text = [Text.Encoding]::UTF8.GetString($answer)
        $text.Substring(0, [Math]::Max(0, $text.IndexOf("`r`n")))
    }
    finally { $client.Dispose() }
}

function New-SipTestOptions {
    <# A minimal OPTIONS request for the server itself, as bytes. #>
    param([string] $Transport = 'UDP', [int] $LocalPort = 5099)
    $branch = 'z9hG4bK' + [guid]::NewGuid().ToString('N')
    $text = "OPTIONS sip:test.example SIP/2.0`r`nVia: SIP/2.0/$Transport 127.0.0.1:$LocalPort;branch=$branch;rport`r`n" +
        "Max-Forwards: 70`r`nFrom: <sip:probe@test.example>;tag=p1`r`nTo: <sip:test.example>`r`n" +
        "Call-ID: $branch`r`nCSeq: 1 OPTIONS`r`nContent-Length: 0`r`n`r`n"
    [Text.Encoding]::ASCII.GetBytes($text)
}

Export-ModuleMember -Function New-SipTestServerStore, Get-SipTestPort, Invoke-SipTestSipp, Send-SipTestDatagram, New-SipTestOptions

class SipTestClient : IDisposable {
    # One UDP socket or TCP connection to the server, for hand-made requests.
    [string] $Transport
    [int] $LocalPort
    hidden [Net.Sockets.UdpClient] $Udp
    hidden [Net.Sockets.TcpClient] $Tcp
    hidden [Net.IPEndPoint] $Server

    SipTestClient([string] $transport, [int] $port) {
        $this.Transport = $transport.ToUpperInvariant()
        $this.Server = [Net.IPEndPoint]::new([Net.IPAddress]::Loopback, $port)
        if ($this.Transport -eq 'UDP') {
            $this.Udp = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, 0))
            $this.Udp.Client.ReceiveTimeout = 5000
            $this.LocalPort = $this.Udp.Client.LocalEndPoint.Port
        }
        else {
            $this.Tcp = [Net.Sockets.TcpClient]::new()
            $this.Tcp.Connect($this.Server)
            $this.Tcp.ReceiveTimeout = 5000
            $this.LocalPort = $this.Tcp.Client.LocalEndPoint.Port
        }
    }

    # Sends a request and returns the first final (or only) response's text.
    [string] Exchange([string] $request) {
        $bytes = [Text.Encoding]::UTF8.GetBytes($request)
        if ($this.Udp) {
            $null = $this.Udp.Send($bytes, $bytes.Length, $this.Server)
            $remote = [Net.IPEndPoint]::new([Net.IPAddress]::Any, 0)
            return [Text.Encoding]::UTF8.GetString($this.Udp.Receive([ref] $remote))
        }
        $stream = $this.Tcp.GetStream()
        $stream.Write($bytes, 0, $bytes.Length)
        $text = ''
        $buffer = [byte[]]::new(8192)
        while ($text -notmatch "`r`n`r`n") {
            $read = $stream.Read($buffer, 0, $buffer.Length)
            if ($read -le 0) { break }
            $text += [Text.Encoding]::UTF8.GetString($buffer, 0, $read)
        }
        return $text
    }

    [void] Dispose() {
        if ($this.Udp) { $this.Udp.Dispose() }
        if ($this.Tcp) { $this.Tcp.Dispose() }
    }
}

function New-SipTestClient {
    param([Parameter(Mandatory)] [ValidateSet('Udp', 'Tcp')] [string] $Transport, [Parameter(Mandatory)] [int] $Port)
    [SipTestClient]::new($Transport, $Port)
}

function New-SipTestRegister {
    <# A REGISTER for alice from the client's own address, optionally with an Authorization header. #>
    param([Parameter(Mandatory)] $Client, [int] $CSeq = 1, [string] $Authorization, [string] $CallId = 'replay-test@127.0.0.1')
    $branch = 'z9hG4bK' + [guid]::NewGuid().ToString('N')
    $auth = if ($Authorization) { "Authorization: $Authorization`r`n" } else { '' }
    "REGISTER sip:test.example SIP/2.0`r`nVia: SIP/2.0/$($Client.Transport) 127.0.0.1:$($Client.LocalPort);branch=$branch;rport`r`n" +
    "Max-Forwards: 70`r`nFrom: <sip:alice@test.example>;tag=r$CSeq`r`nTo: <sip:alice@test.example>`r`nCall-ID: $CallId`r`n" +
    "CSeq: $CSeq REGISTER`r`nContact: <sip:alice@127.0.0.1:$($Client.LocalPort)>`r`n${auth}Expires: 600`r`nContent-Length: 0`r`n`r`n"
}

function New-SipTestAuthorization {
    <# An RFC 2617 MD5 qop=auth answer to the first challenge in a 401, computed here independently of the module. #>
    param([Parameter(Mandatory)] [string] $Challenge, [string] $User, [string] $Password, [string] $Uri, [string] $Method = 'REGISTER')
    $line = ($Challenge -split "`r`n" | Where-Object { $_ -match '^WWW-Authenticate: Digest .*algorithm=MD5' } | Select-Object -First 1)
    $realm = [regex]::Match($line, 'realm="([^"]*)"').Groups[1].Value
    $nonce = [regex]::Match($line, 'nonce="([^"]*)"').Groups[1].Value
    $md5 = { param($text) [Convert]::ToHexStringLower([Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes($text))) }
    $cnonce = 'a1b2c3d4'
    $nc = '00000001'
    $ha1 = & $md5 "${User}:${realm}:${Password}"
    $ha2 = & $md5 "${Method}:${Uri}"
    $response = & $md5 "${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}"
    "Digest username=`"$User`", realm=`"$realm`", nonce=`"$nonce`", uri=`"$Uri`", response=`"$response`", algorithm=MD5, qop=auth, nc=$nc, cnonce=`"$cnonce`""
}

Export-ModuleMember -Function New-SipTestClient, New-SipTestRegister, New-SipTestAuthorization

function Invoke-SipTestOpenSsl {
    <#
    Runs `openssl <Arguments>` with -InputText on stdin (stdin then closes) and returns everything it printed.
    Returns when openssl exits, when its output matches -Until, or after -TimeoutMilliseconds (s_client -quiet
    keeps the connection open after stdin ends: it is killed then, and what it printed so far is returned).
    #>
    param([Parameter(Mandatory)] [string[]] $Arguments, [string] $InputText = '', [string] $Until, [int] $TimeoutMilliseconds = 5000)
    $info = [Diagnostics.ProcessStartInfo]::new('openssl')
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.RedirectStandardInput = $true
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($info)
    $stdout = [Text.StringBuilder]::new()
    $stderr = $process.StandardError.ReadToEndAsync()
    try {
        $process.StandardInput.Write($InputText)
        $process.StandardInput.Close()
    }
    catch [IO.IOException] { }
    $deadline = [DateTime]::UtcNow.AddMilliseconds($TimeoutMilliseconds)
    $buffer = [char[]]::new(4096)
    $pending = $process.StandardOutput.ReadAsync($buffer, 0, $buffer.Length)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($pending.Wait(100)) {
            if ($pending.Result -le 0) { break }
            $null = $stdout.Append($buffer, 0, $pending.Result)
            if ($Until -and $stdout.ToString() -match $Until) { break }
            $pending = $process.StandardOutput.ReadAsync($buffer, 0, $buffer.Length)
        }
    }
    if (-not $process.HasExited) { $process.Kill() }
    $process.WaitForExit()
    $stdout.ToString() + $stderr.Result
}

function New-SipTestRequestText {
    <# A SIP request as text, for clients that send what they are given (openssl s_client). #>
    param([string] $Method = 'OPTIONS', [string] $Transport = 'TLS', [string] $User = 'alice', [string] $Domain = 'test.example', [string[]] $ExtraHeaders = @())
    $branch = 'z9hG4bK' + [guid]::NewGuid().ToString('N')
    $target = "sip:$Domain"
    $lines = @(
        "$Method $target SIP/2.0", "Via: SIP/2.0/$Transport 127.0.0.1:5099;branch=$branch;rport", 'Max-Forwards: 70',
        "From: <sip:$User@$Domain>;tag=t1", "To: <sip:$User@$Domain>", "Call-ID: $branch", "CSeq: 1 $Method")
    if ($Method -eq 'REGISTER') { $lines += "Contact: <sip:$User@127.0.0.1:5099;transport=tls>", 'Expires: 600' }
    $lines += $ExtraHeaders
    $lines += 'Content-Length: 0', '', ''
    $lines -join "`r`n"
}

Export-ModuleMember -Function Invoke-SipTestOpenSsl, New-SipTestRequestText
