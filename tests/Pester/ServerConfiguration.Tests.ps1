BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'Server configuration' -Tag ServerConfiguration {
    BeforeEach {
        $store = New-SipTestStore
        $PSDefaultParameterValues = @{ '*-Sip*:ConfigPath' = $store }
    }

    It 'has the defaults in a new store' {
        $settings = Get-SipServerConfiguration
        $settings.NonceLifetime | Should -Be ([timespan]'00:05:00')
        $settings.MinExpires | Should -Be 60
        $settings.MaxExpires | Should -Be 3600
        $settings.MaxMessageSize | Should -Be 65535
        $settings.ConnectionIdleTimeout | Should -Be ([timespan]'01:00:05')
    }

    It 'sets integers and durations given as strings, seconds or TimeSpans, keeping the rest' {
        Set-SipServerConfiguration -MaxExpires 7200 -NonceLifetime '00:10:00' -FailureDelay 2 -BlockDuration ([timespan]::FromHours(1))
        $settings = Get-SipServerConfiguration
        $settings.MaxExpires | Should -Be 7200
        $settings.NonceLifetime | Should -Be ([timespan]'00:10:00')
        $settings.FailureDelay | Should -Be ([timespan]'00:00:02')
        $settings.BlockDuration | Should -Be ([timespan]'01:00:00')
        $settings.MinExpires | Should -Be 60
    }

    It 'refuses a value that is not a duration' {
        { Set-SipServerConfiguration -NonceLifetime 'five minutes' -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,SipSecurity.PowerShell.SetSipServerConfigurationCommand'
    }

    It 'refuses an invalid combination, names the setting and changes nothing' {
        { Set-SipServerConfiguration -MinExpires 600 -DefaultExpires 300 -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidSetting,SipSecurity.PowerShell.SetSipServerConfigurationCommand' -ExpectedMessage '*DefaultExpires*'
        (Get-SipServerConfiguration).MinExpires | Should -Be 60
    }

    It 'returns the settings with -PassThru and says when nothing changes' {
        (Set-SipServerConfiguration -MaxHeaderCount 64 -PassThru).MaxHeaderCount | Should -Be 64
        $verbose = Set-SipServerConfiguration -MaxHeaderCount 64 -Verbose 4>&1
        ($verbose | Out-String) | Should -Match 'already has these settings'
    }

    It 'says what -WhatIf would change and changes nothing' {
        $transcript = Join-Path $TestDrive 'whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        Set-SipServerConfiguration -MaxExpires 7200 -NonceLifetime 600 -WhatIf
        Stop-Transcript | Out-Null
        $text = Get-Content $transcript -Raw
        $text | Should -Match 'NonceLifetime: 00:05:00 -> 00:10:00'
        $text | Should -Match 'MaxExpires: 3600 -> 7200'
        (Get-SipServerConfiguration).MaxExpires | Should -Be 3600
    }

    It 'copies settings between stores through the pipeline' {
        Set-SipServerConfiguration -MaxBindingsPerAor 4 -FailureWindow '00:02:00'
        $other = New-SipTestStore
        Get-SipServerConfiguration | Set-SipServerConfiguration -ConfigPath $other
        $copied = Get-SipServerConfiguration -ConfigPath $other
        $copied.MaxBindingsPerAor | Should -Be 4
        $copied.FailureWindow | Should -Be ([timespan]'00:02:00')
    }
}
