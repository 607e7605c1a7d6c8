BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'Connectors' -Tag Connectors {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
    }

    It 'has the udp and tcp connectors on 0.0.0.0:5060 in a new store' {
        $connectors = Get-SipConnector
        $connectors.Name | Should -Be @('tcp', 'udp')
        ($connectors | Where-Object Name -EQ udp).Transport | Should -Be 'Udp'
        ($connectors | Where-Object Name -EQ tcp).Transport | Should -Be 'Tcp'
        # ForEach-Object: an array's own Address() method hides member enumeration.
        $connectors | ForEach-Object Address | Sort-Object -Unique | Should -Be '0.0.0.0'
        $connectors.Port | Sort-Object -Unique | Should -Be 5060
    }

    It 'adds a connector named after its transport and port, and finds it by wildcard' {
        $added = Add-SipConnector -Transport Tcp -Port 5070 -PassThru
        $added.Name | Should -Be 'tcp-5070'
        $added.Address | Should -Be '0.0.0.0'
        (Get-SipConnector -Name 'TCP*').Name | Should -Be @('tcp', 'tcp-5070')
    }

    It 'adds a named connector on one IPv6 address, in its canonical spelling' {
        Add-SipConnector Udp '[2001:DB8:0::10]' -Port 0 -Name test-v6
        $connector = Get-SipConnector test-v6
        $connector.Address | Should -Be '2001:db8::10'
        $connector.Port | Should -Be 0
    }

    It 'adds a TLS connector on 5061 by default and keeps 5060 for the others' {
        (Add-SipConnector -Transport Tls -PassThru).Port | Should -Be 5061
        (Get-SipConnector -Name tls-5061).Transport | Should -Be 'Tls'
        (Add-SipConnector -Transport Tcp -Address 127.0.0.1 -PassThru).Port | Should -Be 5060
        (Add-SipConnector -Transport Tls -Port 5081 -Name sips -PassThru).Port | Should -Be 5081
    }

    It 'refuses WebSocket connectors as not implemented yet' {
        { Add-SipConnector -Transport Ws -Port 80 -ErrorAction Stop } |
            Should -Throw -ErrorId 'TransportNotSupported,SipSecurity.PowerShell.AddSipConnectorCommand' -ExpectedMessage '*roadmap item 5*'
        Add-SipConnector -Transport Wss -Port 443 -ErrorAction SilentlyContinue -ErrorVariable failure
        $failure[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        @(Get-SipConnector).Count | Should -Be 2
    }

    It 'refuses a duplicate name or endpoint, a host name and a bad port' {
        { Add-SipConnector -Transport Tcp -Port 5080 -Name UDP -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConnectorAlreadyExists,SipSecurity.PowerShell.AddSipConnectorCommand'
        { Add-SipConnector -Transport Udp -Name other -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConnectorAlreadyExists,SipSecurity.PowerShell.AddSipConnectorCommand'
        { Add-SipConnector -Transport Udp -Address sip.example.com -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidAddress,SipSecurity.PowerShell.AddSipConnectorCommand'
        { Add-SipConnector -Transport Udp -Port 70000 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidPort,SipSecurity.PowerShell.AddSipConnectorCommand'
    }

    It 'writes ConnectorNotFound for a missing name and nothing for an unmatched pattern' {
        { Get-SipConnector -Name nothing -ErrorAction Stop } | Should -Throw -ErrorId 'ConnectorNotFound,SipSecurity.PowerShell.GetSipConnectorCommand'
        Get-SipConnector -Name 'nothing*' | Should -BeNullOrEmpty
    }

    It 'removes connectors given by name or from the pipeline' {
        Add-SipConnector -Transport Udp -Port 5071 -Name test-a
        Add-SipConnector -Transport Udp -Port 5072 -Name test-b
        Remove-SipConnector -Name tcp -Confirm:$false
        Get-SipConnector -Name 'test-*' | Remove-SipConnector -Confirm:$false
        (Get-SipConnector).Name | Should -Be 'udp'
        { Remove-SipConnector -Name tcp -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ConnectorNotFound,SipSecurity.PowerShell.RemoveSipConnectorCommand'
    }

    It 'changes nothing with -WhatIf, and names the connector it would add' {
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        Add-SipConnector -Transport Tcp -Address 192.0.2.10 -Port 5090 -WhatIf
        Remove-SipConnector -Name udp -WhatIf
        Stop-Transcript | Out-Null
        Get-Content $transcript -Raw | Should -Match 'Add connector TCP 192\.0\.2\.10:5090" on target "tcp-5090"'
        (Get-SipConnector).Name | Should -Be @('tcp', 'udp')
    }

    It 'completes connector names from the store' {
        Add-SipConnector -Transport Udp -Port 5075 -Name lab-udp
        $line = "Remove-SipConnector -ConfigPath '$store' -Name la"
        $completions = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completions.CompletionMatches.CompletionText | Should -Be @('lab-udp')
    }
}
