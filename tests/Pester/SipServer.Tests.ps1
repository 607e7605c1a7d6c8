BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SipTestServer.psm1') -Force
    Import-SipTestModule
}

Describe 'Start-SipServer with sipp as the client' -Tag Server, Sipp {
    BeforeAll {
        $store = New-SipTestServerStore -Path (Join-Path $TestDrive 'server')
        Set-SipServerConfiguration -ConfigPath $store -NonceLifetime '00:00:10' -FailuresBeforeDelay 50 -FailuresBeforeBlock 100
        $server = Start-SipServer -Name pester -ConfigPath $store
        $udp = Get-SipTestPort $server Udp
        $tcp = Get-SipTestPort $server Tcp
    }

    AfterAll {
        if ($server) { $server | Stop-SipServer }
    }

    It 'runs with the endpoints of the store''s connectors' {
        $server.State | Should -Be 'Running'
        (Get-SipServer -Name pester).Name | Should -Be 'pester'
        $server.Endpoints | ForEach-Object { "$($_.Transport)" } | Sort-Object | Should -Be @('Tcp', 'Udp')
        $udp | Should -BeGreaterThan 0
    }

    It 'challenges a REGISTER and accepts the right password over <_>' -ForEach 'Udp', 'Tcp' {
        $port = if ($_ -eq 'Udp') { $udp } else { $tcp }
        $run = Invoke-SipTestSipp -Scenario register-digest.xml -Transport $_ -Port $port
        $run.ExitCode | Should -Be 0 -Because $run.Log
        $server.Statistics.Challenges | Should -BeGreaterThan 0
    }

    It 'never answers 200 to a wrong password over <_>' -ForEach 'Udp', 'Tcp' {
        $port = if ($_ -eq 'Udp') { $udp } else { $tcp }
        $run = Invoke-SipTestSipp -Scenario register-wrong-password.xml -Transport $_ -Port $port -Password 'not-her-password'
        $run.ExitCode | Should -Be 0 -Because $run.Log
        $server.Statistics.AuthenticationFailures | Should -BeGreaterThan 0
    }

    It 'answers 403 to a user without the role over <_>' -ForEach 'Udp', 'Tcp' {
        $port = if ($_ -eq 'Udp') { $udp } else { $tcp }
        $run = Invoke-SipTestSipp -Scenario register-forbidden.xml -Transport $_ -Port $port -User bob -Password 'bob-secret'
        $run.ExitCode | Should -Be 0 -Because $run.Log
    }

    It 'accepts a nonce answered again with a higher nonce-count over <_>' -ForEach 'Udp', 'Tcp' {
        $port = if ($_ -eq 'Udp') { $udp } else { $tcp }
        $run = Invoke-SipTestSipp -Scenario register-nonce-reuse.xml -Transport $_ -Port $port
        $run.ExitCode | Should -Be 0 -Because $run.Log
    }

    It 'rejects a replayed Authorization (same nonce and nonce-count) over <_>' -ForEach 'Udp', 'Tcp' {
        $port = if ($_ -eq 'Udp') { $udp } else { $tcp }
        $client = New-SipTestClient -Transport $_ -Port $port
        try {
            $challenge = $client.Exchange((New-SipTestRegister -Client $client -CSeq 1))
            $challenge | Should -Match '^SIP/2.0 401 '
            $authorization = New-SipTestAuthorization -Challenge $challenge -User alice -Password 'alice-secret' -Uri 'sip:test.example'
            $client.Exchange((New-SipTestRegister -Client $client -CSeq 2 -Authorization $authorization)) | Should -Match '^SIP/2.0 200 '
            # The very same header in a new transaction: a captured Authorization must not work twice.
            $client.Exchange((New-SipTestRegister -Client $client -CSeq 3 -Authorization $authorization)) | Should -Match '^SIP/2.0 401 '
        }
        finally { $client.Dispose() }
    }

    It 'answers an expired nonce with stale=true, then accepts the new one' {
        $run = Invoke-SipTestSipp -Scenario register-stale.xml -Transport Udp -Port $udp -PauseMilliseconds 11000
        $run.ExitCode | Should -Be 0 -Because $run.Log
    }

    It 'answers OPTIONS without credentials over <_>' -ForEach 'Udp', 'Tcp' {
        $port = if ($_ -eq 'Udp') { $udp } else { $tcp }
        $run = Invoke-SipTestSipp -Scenario options.xml -Transport $_ -Port $port
        $run.ExitCode | Should -Be 0 -Because $run.Log
    }

    It 'keeps the binding in the store, where Get-SipRegistration finds it' {
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        do {
            $bindings = @(Get-SipRegistration -ConfigPath $store -AddressOfRecord 'sip:alice@test.example')
            if ($bindings.Count -gt 0) { break }
            Start-Sleep -Milliseconds 200
        } while ([DateTime]::UtcNow -lt $deadline)
        $bindings.Count | Should -BeGreaterThan 0
        $bindings[0].Contact | Should -BeLike 'sip:alice@127.0.0.1:*'
    }

    It 'drops a binding that Remove-SipRegistration removed from the store while it runs' {
        $before = $server.Statistics.ActiveBindings
        $before | Should -BeGreaterThan 0
        Remove-SipRegistration -ConfigPath $store -AddressOfRecord 'sip:alice@test.example' -Confirm:$false
        $deadline = [DateTime]::UtcNow.AddSeconds(5)
        while ($server.Statistics.ActiveBindings -ge $before -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        $server.Statistics.ActiveBindings | Should -BeLessThan $before
        $left = @(Get-SipRegistration -ConfigPath $store -AddressOfRecord 'sip:alice@test.example')
        $left.Count | Should -Be 0 -Because ($left | Format-List * | Out-String)
    }

    It 'applies a role change in the store without a restart' {
        Set-SipUser -ConfigPath $store -Name bob -AddRole caller
        Start-Sleep -Milliseconds 1000
        $run = Invoke-SipTestSipp -Scenario register-digest.xml -Transport Udp -Port $udp -User bob -Password 'bob-secret'
        $run.ExitCode | Should -Be 0 -Because $run.Log
    }

    It 'refuses a second server with the same name' {
        { Start-SipServer -Name pester -ConfigPath $store -ErrorAction Stop } |
            Should -Throw -ErrorId 'ServerAlreadyRunning,SipSecurity.PowerShell.StartSipServerCommand'
    }
}

Describe 'Server lifecycle' -Tag Server {
    BeforeEach {
        $store = New-SipTestServerStore -Path (Join-Path $TestDrive ('life-' + [guid]::NewGuid().ToString('N')))
    }

    It 'fails clearly when a port is in use, and leaves nothing running' {
        $blocker = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $blocker.Start()
        try {
            $port = $blocker.LocalEndpoint.Port
            Get-SipConnector -ConfigPath $store | Remove-SipConnector -ConfigPath $store -Confirm:$false
            Add-SipConnector -ConfigPath $store -Transport Udp -Address 127.0.0.1 -Port $port -Name udp
            Add-SipConnector -ConfigPath $store -Transport Tcp -Address 127.0.0.1 -Port $port -Name tcp
            { Start-SipServer -Name busy -ConfigPath $store -ErrorAction Stop } |
                Should -Throw -ErrorId 'PortInUse,SipSecurity.PowerShell.StartSipServerCommand'
            Get-SipServer -Name busy -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            # The UDP socket on that port was closed again: it can be bound now.
            $probe = [Net.Sockets.UdpClient]::new([Net.IPEndPoint]::new([Net.IPAddress]::Loopback, $port))
            $probe.Dispose()
        }
        finally { $blocker.Stop() }
    }

    It 'stops gracefully and restores unexpired bindings on the next start' {
        $server = Start-SipServer -Name restart -ConfigPath $store
        $run = Invoke-SipTestSipp -Scenario register-digest.xml -Transport Udp -Port (Get-SipTestPort $server Udp)
        $run.ExitCode | Should -Be 0 -Because $run.Log
        Stop-SipServer -Name restart
        $server.State | Should -Be 'Stopped'
        Get-SipServer -Name restart -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $again = Start-SipServer -Name restart -ConfigPath $store
        try {
            $again.Statistics.ActiveBindings | Should -Be 1
        }
        finally { $again | Stop-SipServer }
    }

    It 'supports -WhatIf' {
        Start-SipServer -Name whatif -ConfigPath $store -WhatIf | Should -BeNullOrEmpty
        Get-SipServer -Name whatif -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'writes a log file beside the store, without secrets' {
        $server = Start-SipServer -Name logged -ConfigPath $store
        try {
            $run = Invoke-SipTestSipp -Scenario register-wrong-password.xml -Transport Udp -Port (Get-SipTestPort $server Udp) -Password 'wrong-one'
            $run.ExitCode | Should -Be 0 -Because $run.Log
        }
        finally { $server | Stop-SipServer }
        $log = Get-Content (Join-Path $store 'sipsecurity.log') -Raw
        $log | Should -Match 'ServerStarted'
        $log | Should -Match 'WARN AuthenticationFailed: authentication failed from 127\.0\.0\.1 for user "alice": wrong password'
        $log | Should -Not -Match 'wrong-one|alice-secret'
        $log | Should -Not -Match 'response='
        if (-not $IsWindows) { (Get-Item (Join-Path $store 'sipsecurity.log')).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite') }
    }

    It 'runs in the foreground with -Wait and stops gracefully on SIGTERM' -Skip:$IsWindows {
        $output = Join-Path $TestDrive 'wait.out'
        $process = Invoke-SipChildPwsh -Script "Start-SipServer -Name fg -ConfigPath '$store' -Wait -Verbose" -OutputPath $output
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (-not ((Test-Path (Join-Path $store 'sipsecurity.log')) -and (Get-Content (Join-Path $store 'sipsecurity.log') -Raw) -match 'ServerStarted') -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 200
            }
            & kill -TERM $process.Id
            $process.WaitForExit(20000) | Should -BeTrue
            $process.ExitCode | Should -Be 0
            Get-Content (Join-Path $store 'sipsecurity.log') -Raw | Should -Match 'ServerStopped'
        }
        finally { if (-not $process.HasExited) { $process.Kill() } }
    }
}
