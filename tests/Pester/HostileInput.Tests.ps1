BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SipTestServer.psm1') -Force
    Import-SipTestModule

    $vectors = Join-Path $PSScriptRoot '../../../shared/vectors/rfc4475'

    function Assert-ServerAnswersOptions {
        param([int] $Port)
        # UDP may drop one datagram under load: a few tries, each with a fresh transaction.
        $status = $null
        foreach ($try in 1..3) {
            $status = Send-SipTestDatagram -Port $Port -Bytes (New-SipTestOptions) -WaitMilliseconds 2000
            if ($status) { break }
        }
        $status | Should -Be 'SIP/2.0 200 OK'
    }

    function Send-TcpBytes {
        <#
        Sends each message on a connection of its own and half-closes it: one message that breaks the framing
        (and makes the server close) must not swallow the others.
        #>
        param([int] $Port, [byte[][]] $Messages)
        foreach ($message in $Messages) {
            $client = [Net.Sockets.TcpClient]::new()
            try {
                $client.Connect([Net.IPAddress]::Loopback, $Port)
                $client.GetStream().Write($message, 0, $message.Length)
                $client.Client.Shutdown([Net.Sockets.SocketShutdown]::Send)
            }
            catch [Net.Sockets.SocketException], [IO.IOException] { }
            finally { $client.Dispose() }
        }
    }

    function New-Mutations {
        <# Seeded random damage to valid messages: flipped, inserted, deleted and duplicated bytes, truncation. #>
        param([byte[][]] $Seeds, [int] $Count, [int] $Seed)
        $random = [Random]::new($Seed)
        $interesting = [byte[]](0, 9, 10, 13, 32, 34, 37, 44, 58, 59, 60, 62, 64, 92, 127, 255)
        for ($i = 0; $i -lt $Count; $i++) {
            $bytes = [Collections.Generic.List[byte]]::new([byte[]]$Seeds[$random.Next($Seeds.Length)])
            foreach ($edit in 1..(1 + $random.Next(4))) {
                if ($bytes.Count -lt 2) { break }
                $at = $random.Next($bytes.Count)
                switch ($random.Next(6)) {
                    0 { $bytes[$at] = [byte]$random.Next(256) }
                    1 { $bytes.Insert($at, $interesting[$random.Next($interesting.Length)]) }
                    2 { $bytes.RemoveAt($at) }
                    3 { $bytes.RemoveRange($at, $bytes.Count - $at) }
                    4 { $bytes.InsertRange($at, $bytes.GetRange($at, [Math]::Min(40, $bytes.Count - $at))) }
                    5 { $bytes[$at] = $interesting[$random.Next($interesting.Length)] }
                }
            }
            if ($bytes.Count -eq 0) { $bytes.Add(13) }
            , $bytes.ToArray()
        }
    }
}

Describe 'Hostile input leaves the server answering' -Tag Server, Torture {
    BeforeAll {
        $store = New-SipTestServerStore -Path (Join-Path $TestDrive 'server')
        # Thousands of unauthenticated messages from one address must not block it for the OPTIONS checks.
        Set-SipServerConfiguration -ConfigPath $store -FailuresBeforeDelay 100000 -FailuresBeforeBlock 100000
        $server = Start-SipServer -Name hostile -ConfigPath $store
        $udp = Get-SipTestPort $server Udp
        $tcp = Get-SipTestPort $server Tcp
        $files = Get-ChildItem $vectors -Recurse -Filter '*.dat'
        $torture = $files | ForEach-Object { , [IO.File]::ReadAllBytes($_.FullName) }
        $valid = $files | Where-Object { $_.Directory.Name -eq 'valid' } | ForEach-Object { , [IO.File]::ReadAllBytes($_.FullName) }
    }

    AfterAll {
        if ($server) { $server | Stop-SipServer }
    }

    It 'has the RFC 4475 messages to send' {
        $files.Count | Should -BeGreaterOrEqual 51
    }

    It 'survives every RFC 4475 message over UDP' {
        foreach ($message in $torture) { $null = Send-SipTestDatagram -Port $udp -Bytes $message }
        Assert-ServerAnswersOptions -Port $udp
        $server.State | Should -Be 'Running'
    }

    It 'survives every RFC 4475 message over TCP' {
        Send-TcpBytes -Port $tcp -Messages $torture
        Assert-ServerAnswersOptions -Port $udp
        $run = Invoke-SipTestSipp -Scenario options.xml -Transport Tcp -Port $tcp
        $run.ExitCode | Should -Be 0 -Because $run.Log
    }

    It 'survives 2000 random mutations over UDP' {
        $mutations = @(New-Mutations -Seeds $valid -Count 2000 -Seed 4475)
        $mutations.Count | Should -Be 2000
        foreach ($message in $mutations) {
            $null = Send-SipTestDatagram -Port $udp -Bytes $message
        }
        Assert-ServerAnswersOptions -Port $udp
        $server.Statistics.MalformedMessages | Should -BeGreaterThan 0
    }

    It 'survives 2000 random mutations over TCP' {
        $mutations = @(New-Mutations -Seeds $valid -Count 2000 -Seed 3261)
        $mutations.Count | Should -Be 2000
        $before = $server.Statistics
        Send-TcpBytes -Port $tcp -Messages $mutations
        # Most mutations break the framing, the parse or the validation of at least one message.
        $after = $server.Statistics
        ($after.MalformedMessages + $after.RequestsReceived - $before.MalformedMessages - $before.RequestsReceived) | Should -BeGreaterThan 100
        $run = Invoke-SipTestSipp -Scenario options.xml -Transport Tcp -Port $tcp
        $run.ExitCode | Should -Be 0 -Because $run.Log
        Assert-ServerAnswersOptions -Port $udp
    }
}
