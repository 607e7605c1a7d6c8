BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
    $cmdletNames = @((Get-Command -Module SipSecurity).Name)
    $stateChanging = @(Get-Command -Module SipSecurity | Where-Object Verb -In 'Add', 'Set', 'Remove', 'New', 'Import', 'Export', 'Start', 'Stop', 'ConvertTo' |
            Where-Object Name -NE 'ConvertTo-SipDigestHash' | ForEach-Object Name)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
    $manifest = Import-PowerShellDataFile (Get-SipTestModulePath)
    $commands = Get-Command -Module SipSecurity
}

Describe 'The built module' -Tag Module {
    It 'is imported from the build output, not the source tree' {
        (Get-Module SipSecurity).ModuleBase | Should -BeLike '*out*SipSecurity*'
    }

    It 'exports exactly the cmdlets the manifest lists' {
        ($commands.Name | Sort-Object) | Should -Be ($manifest.CmdletsToExport | Sort-Object)
        $commands.CommandType | Sort-Object -Unique | Should -Be 'Cmdlet'
    }

    It 'declares PowerShell 7.6, Core edition and explicit exports' {
        $manifest.PowerShellVersion | Should -Be '7.6'
        $manifest.CompatiblePSEditions | Should -Be @('Core')
        $manifest.FunctionsToExport.Count | Should -Be 0
        $manifest.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'uses approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in $commands) { $approved | Should -Contain $command.Verb -Because $command.Name }
    }

    It 'supports -WhatIf on every cmdlet that changes state: <_>' -ForEach $stateChanging {
        (Get-Command $_).Parameters.Keys | Should -Contain 'WhatIf'
    }

    It 'declares an output type on every cmdlet: <_>' -ForEach $cmdletNames {
        (Get-Command $_).OutputType | Should -Not -BeNullOrEmpty
    }

    It 'has no plain string parameter for a secret: <_>' -ForEach $cmdletNames {
        foreach ($parameter in (Get-Command $_).Parameters.Values) {
            if ($parameter.Name -match 'Password|Secret|Passphrase') {
                $parameter.ParameterType | Should -BeIn @([securestring], [pscredential]) -Because "$_ -$($parameter.Name)"
            }
        }
    }

    It 'has a complete help page for every cmdlet, with every parameter and an example' {
        Import-Module (Join-Path $PSScriptRoot '../../tools/HelpBuilder.psm1') -Force
        $problems = Test-SipHelpCoverage -ModuleName SipSecurity -DocsPath (Join-Path $PSScriptRoot '../../docs/en-US')
        ($problems | Format-Table Kind, Command, Message -AutoSize | Out-String -Width 200) | Should -BeNullOrEmpty
    }

    It 'shows the MAML help with Get-Help: <_>' -ForEach $cmdletNames {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "*$_ *[<CommonParameters>]*"
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
    }

    It 'loads third-party assemblies into a private load context' {
        Get-SipLoginConfig -ConfigPath (New-SipTestStore) | Out-Null
        $sqlite = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
        [Runtime.Loader.AssemblyLoadContext]::GetLoadContext($sqlite).Name | Should -Be 'SipSecurity.Dependencies'
    }
}
