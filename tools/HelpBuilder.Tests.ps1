#Requires -Version 7.4
# Pester 5 tests for tools/HelpBuilder.psm1. Run from the repository root:
#   dotnet pwsh -NoProfile -Command 'Import-Module (Import-Module ./tools/Pester.psm1 -PassThru | ForEach-Object { Install-SipPester }); Invoke-Pester ./tools/HelpBuilder.Tests.ps1 -Output Detailed'

BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module (Join-Path $PSScriptRoot 'HelpBuilder.psm1') -Force
    $script:Fixtures = Join-Path $PSScriptRoot 'fixtures'
    $script:Malformed = Join-Path $script:Fixtures 'malformed'
    $script:Ns = @{
        maml    = 'http://schemas.microsoft.com/maml/2004/10'
        command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    }

    # Copies the valid fixture pages to a fresh TestDrive folder and returns its path.
    function New-DocsCopy([string] $Name) {
        $docs = Join-Path $TestDrive "$Name/docs"
        $null = New-Item -ItemType Directory -Path $docs -Force
        Copy-Item -Path (Join-Path $script:Fixtures '*.md') -Destination $docs
        $docs
    }

    # Regex-replaces text in a page (multiline mode); fails when nothing matched.
    function Edit-Page([string] $Path, [string] $Pattern, [string] $Replacement) {
        $text = [System.IO.File]::ReadAllText($Path)
        $new = [regex]::Replace($text, $Pattern, $Replacement, 'Multiline')
        if ($new -eq $text) { throw "Edit-Page: '$Pattern' did not match in $Path" }
        [System.IO.File]::WriteAllText($Path, $new)
    }

    function Select-Maml([System.Xml.XmlNode] $Xml, [string] $XPath) {
        @(Select-Xml -Xml $Xml -XPath $XPath -Namespace $script:Ns | ForEach-Object Node)
    }
}

Describe 'Install-SipPester' {
    It 'returns the path of an existing Pester.psd1, the same each time' {
        Import-Module (Join-Path $PSScriptRoot 'Pester.psm1') -Force
        $first = Install-SipPester
        $first | Should -Exist
        $first | Should -BeLike '*Pester.psd1'
        Install-SipPester | Should -Be $first
    }
}

Describe 'Read-SipHelpPage' {
    Context 'the Get-Example fixture' {
        BeforeAll {
            $script:Page = InModuleScope HelpBuilder -Parameters @{ Path = (Join-Path $script:Fixtures 'Get-Example.md') } {
                param($Path) Read-SipHelpPage -Path $Path
            }
        }

        It 'reads the front matter and title' {
            $Page.Name | Should -Be 'Get-Example'
            $Page.ExternalHelpFile | Should -Be 'SipSecurity.PowerShell.dll-Help.xml'
            $Page.ModuleName | Should -Be 'SipSecurity'
            $Page.OnlineVersion | Should -Be 'https://example.invalid/sipsecurity/Get-Example'
        }

        It 'reads synopsis and description paragraphs' {
            $Page.Synopsis | Should -Be @('Gets the example SIP endpoints known to the local key store.')
            $Page.Description.Count | Should -Be 2
            $Page.Description[1] | Should -BeLike 'Without parameters*administrator.'
        }

        It 'reads the parameter sets of SYNTAX, with the default one' {
            $Page.Syntax.Name | Should -Be @('ByName', 'ById')
            $Page.Syntax.IsDefault | Should -Be @($true, $false)
            $Page.Syntax[0].Tokens | Should -Be @('Name', 'Transport', 'IncludeDisabled')
        }

        It 'reads every parameter with its yaml' {
            $Page.Parameters.Name | Should -Be @('Id', 'IncludeDisabled', 'Name', 'Transport')
            $name = $Page.Parameters | Where-Object Name -EQ 'Name'
            $name.Description.Count | Should -Be 2
            $name.Entries[0].Type | Should -Be 'String[]'
            $name.Entries[0].Sets | Should -Be @('ByName')
            $name.Entries[0].Position | Should -Be '0'
            $name.Entries[0].Required | Should -BeFalse
            $name.Entries[0].Globbing | Should -BeTrue
            $name.Entries[0].PipelineInput | Should -Be 'True (ByValue)'
            $id = $Page.Parameters | Where-Object Name -EQ 'Id'
            $id.Entries[0].Aliases | Should -Be @('EndpointId')
            $id.Entries[0].Required | Should -BeTrue
            $id.Entries[0].Position | Should -Be 'Named'
            $transport = $Page.Parameters | Where-Object Name -EQ 'Transport'
            $transport.Entries[0].AllSets | Should -BeTrue
            $transport.Entries[0].AcceptedValues | Should -Be @('Udp', 'Tcp', 'Tls')
        }

        It 'reads examples with title, code and remarks' {
            $Page.Examples.Count | Should -Be 3
            $Page.Examples[1].Title | Should -Be 'Example 2: Get TLS endpoints by name pattern'
            $Page.Examples[1].Code | Should -Be "Get-Example -Name 'pbx-*' -Transport Tls -IncludeDisabled"
            $Page.Examples[1].Remarks | Should -Be @("Returns the endpoints whose name starts with ``pbx-`` and that use TLS,`nincluding disabled ones.")
        }

        It 'reads inputs, outputs, notes and related links' {
            $Page.Inputs.TypeName | Should -Be @('System.String[]', 'System.Int32')
            $Page.Outputs.TypeName | Should -Be @('SipSecurity.Example')
            $Page.Outputs[0].Description | Should -BeLike 'One object per endpoint*'
            $Page.Notes | Should -Be @('Endpoints are read from the key store at each call; nothing is cached.')
            $Page.Links.Text | Should -Be @('Online Version:', 'Set-Example', 'about_CommonParameters')
            $Page.Links[1].Uri | Should -Be 'Set-Example.md'
        }
    }

    Context 'malformed fixture pages' {
        It '<File> fails at line <Line>: <Message>' -TestCases @(
            @{ File = 'Get-MissingSection.md'; Line = 8; Message = "missing required section '## DESCRIPTION'" }
            @{ File = 'Get-BadYamlLine.md'; Line = 40; Message = "unparseable yaml line 'Required False'" }
            @{ File = 'Get-UnknownYamlKey.md'; Line = 44; Message = "unknown yaml key 'Accept wildcards'" }
            @{ File = 'Get-UnknownSet.md'; Line = 37; Message = "parameter set 'ByName' is not a '###' set under ## SYNTAX" }
            @{ File = 'Get-SyntaxMismatch.md'; Line = 16; Message = 'shows -Force' }
            @{ File = 'Get-NoYaml.md'; Line = 32; Message = 'parameter -Name has no ```yaml block' }
            @{ File = 'Get-UnclosedFence.md'; Line = 59; Message = 'code block is never closed' }
            @{ File = 'Get-WrongTitle.md'; Line = 8; Message = "does not match the file name 'Get-WrongTitle.md'" }
        ) {
            $path = Join-Path $script:Malformed $File
            $thrown = { InModuleScope HelpBuilder -Parameters @{ Path = $path } { param($Path) Read-SipHelpPage -Path $Path } } |
                Should -Throw -PassThru
            $thrown.Exception | Should -BeOfType [System.FormatException]
            $thrown.Exception.Message | Should -BeLike "*${File}:${Line}: *"
            $thrown.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Message))*"
        }
    }

    Context 'edits of a valid page' {
        BeforeEach {
            $script:Docs = New-DocsCopy "edit-$([guid]::NewGuid().ToString('n'))"
            $script:Target = Join-Path $script:Docs 'Get-Example.md'
        }

        It 'rejects <Case>' -TestCases @(
            @{ Case = 'a non-boolean Required'; Pattern = '^Required: True$'; Replacement = 'Required: Yes'; Message = "'Required' must be True or False" }
            @{ Case = 'a bad Position'; Pattern = '^Position: 0$'; Replacement = 'Position: first'; Message = "'Position' must be Named or a number" }
            @{ Case = 'a bad pipeline value'; Pattern = '^Accept pipeline input: True \(ByValue\)$'; Replacement = 'Accept pipeline input: Yes'; Message = "'Accept pipeline input' must be" }
            @{ Case = 'a missing yaml key'; Pattern = '^Default value: False\r?\n'; Replacement = ''; Message = "yaml block has no 'Default value' key" }
            @{ Case = 'a duplicate section'; Pattern = '^## NOTES$'; Replacement = "## NOTES`n`n## NOTES"; Message = "duplicate section '## NOTES'" }
            @{ Case = 'sections out of order'; Pattern = '^## SYNOPSIS$'; Replacement = "## NOTES`n`n## SYNOPSIS"; Message = "section '## SYNOPSIS' is out of order" }
            @{ Case = 'an unknown section'; Pattern = '^## NOTES$'; Replacement = "## REMARKS`n`n## NOTES"; Message = "unknown section '## REMARKS'" }
            @{ Case = 'loose text under SYNTAX'; Pattern = '^## SYNTAX$'; Replacement = "## SYNTAX`nGet-Example"; Message = 'text under ## SYNTAX must be inside' }
            @{ Case = 'a parameter heading without dash'; Pattern = '^### -Id$'; Replacement = '### Id'; Message = "parameter heading must be '### -Name'" }
            @{ Case = 'a set covered twice'; Pattern = '^Parameter Sets: ByName\r?\nAliases:\r?\n\r?\nRequired: False\r?\nPosition: Named'; Replacement = "Parameter Sets: ByName`nAliases:`n`nRequired: False`nPosition: Named`nDefault value: False`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n``````yaml`nType: SwitchParameter`nParameter Sets: ByName`nAliases:`nRequired: True`nPosition: Named"; Message = "parameter set 'ByName' is covered by more than one yaml block" }
            @{ Case = 'a missing schema'; Pattern = '^schema: 2.0.0\r?\n'; Replacement = ''; Message = "front matter has no 'schema' key" }
            @{ Case = 'another schema'; Pattern = '^schema: 2.0.0$'; Replacement = 'schema: 3.0.0'; Message = "only '2.0.0' is supported" }
            @{ Case = 'no front matter'; Pattern = '\A---'; Replacement = ''; Message = 'page must start with YAML front matter' }
            @{ Case = 'a related link that is not a link'; Pattern = '^\[Set-Example\]\(Set-Example.md\)$'; Replacement = 'See Set-Example.'; Message = '## RELATED LINKS lines must be markdown links' }
        ) {
            Edit-Page $Target $Pattern $Replacement
            $thrown = { InModuleScope HelpBuilder -Parameters @{ Path = $Target } { param($Path) Read-SipHelpPage -Path $Path } } |
                Should -Throw -PassThru
            $thrown.Exception.Message | Should -Match '^.*Get-Example\.md:\d+: '
            $thrown.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Message))*"
        }

        It 'accepts CRLF line endings and a byte order mark' {
            $text = [System.IO.File]::ReadAllText($Target) -replace '\r?\n', "`r`n"
            [System.IO.File]::WriteAllText($Target, $text, [System.Text.UTF8Encoding]::new($true))
            $page = InModuleScope HelpBuilder -Parameters @{ Path = $Target } { param($Path) Read-SipHelpPage -Path $Path }
            $page.Parameters.Count | Should -Be 4
            $page.Examples[0].Code | Should -Be 'Get-Example'
        }

        It 'accepts a parameter with one yaml block per parameter set' {
            Edit-Page $Target '^Parameter Sets: \(All\)\r?\nAliases:\r?\nAccepted values: Udp, Tcp, Tls\r?\n\r?\nRequired: False' (
                "Parameter Sets: ByName`nAliases:`nAccepted values: Udp, Tcp, Tls`n`nRequired: False`nPosition: Named`nDefault value: None`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n" +
                "``````yaml`nType: String`nParameter Sets: ById`nAliases:`nAccepted values: Udp, Tcp, Tls`n`nRequired: True")
            $page = InModuleScope HelpBuilder -Parameters @{ Path = $Target } { param($Path) Read-SipHelpPage -Path $Path }
            $transport = $page.Parameters | Where-Object Name -EQ 'Transport'
            $transport.Entries.Count | Should -Be 2
            $transport.Entries[1].Required | Should -BeTrue
        }
    }
}

Describe 'ConvertTo-SipMamlHelp' {
    BeforeAll {
        $script:XmlPath = Join-Path $TestDrive 'out/en-US/SipSecurity.PowerShell.dll-Help.xml'
        $script:Result = ConvertTo-SipMamlHelp -Path $script:Fixtures -OutputPath $script:XmlPath
        [xml] $script:Xml = Get-Content -Raw -LiteralPath $script:XmlPath
        $script:Get = '/helpItems/command:command[command:details/command:name="Get-Example"]'
    }

    It 'writes UTF-8 (no BOM) MAML with the PlatyPS namespaces, one command per page' {
        $Result.FullName | Should -Be $XmlPath
        $bytes = [System.IO.File]::ReadAllBytes($XmlPath)
        $bytes[0] | Should -Be ([byte][char]'<')
        $Xml.DocumentElement.Name | Should -Be 'helpItems'
        $Xml.DocumentElement.schema | Should -Be 'maml'
        $commands = Select-Maml $Xml '/helpItems/command:command'
        $commands.Count | Should -Be 2
        $commands[0].GetAttribute('xmlns:maml') | Should -Be $Ns.maml
        $commands[0].GetAttribute('xmlns:dev') | Should -Be $Ns.dev
        $commands[0].GetAttribute('xmlns:command') | Should -Be $Ns.command
        (Select-Maml $Xml '//command:details/command:name').InnerText | Should -Be @('Get-Example', 'Set-Example')
    }

    It 'writes name, verb, noun, synopsis and description' {
        (Select-Maml $Xml "$Get/command:details/command:verb").InnerText | Should -Be 'Get'
        (Select-Maml $Xml "$Get/command:details/command:noun").InnerText | Should -Be 'Example'
        (Select-Maml $Xml "$Get/command:details/maml:description/maml:para").InnerText | Should -Be 'Gets the example SIP endpoints known to the local key store.'
        (Select-Maml $Xml "$Get/maml:description/maml:para").Count | Should -Be 2
    }

    It 'builds one syntax item per parameter set, parameters in syntax order' {
        $items = Select-Maml $Xml "$Get/command:syntax/command:syntaxItem"
        $items.Count | Should -Be 2
        (Select-Maml $items[0] 'command:parameter/maml:name').InnerText | Should -Be @('Name', 'Transport', 'IncludeDisabled')
        (Select-Maml $items[1] 'command:parameter/maml:name').InnerText | Should -Be @('Id', 'Transport')
    }

    It 'writes accepted values and omits the value of switches in syntax' {
        $transport = @(Select-Maml $Xml "$Get/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='Transport']")
        (Select-Maml $transport[0] 'command:parameterValueGroup/command:parameterValue').InnerText | Should -Be @('Udp', 'Tcp', 'Tls')
        $switchParameter = @(Select-Maml $Xml "$Get/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='IncludeDisabled']")
        @(Select-Maml $switchParameter[0] 'command:parameterValue').Count | Should -Be 0
    }

    It 'writes every parameter with description, type, required, position, pipeline, wildcard, aliases, default' {
        $parameters = Select-Maml $Xml "$Get/command:parameters/command:parameter"
        $parameters.Count | Should -Be 4
        $name = @(Select-Maml $Xml "$Get/command:parameters/command:parameter[maml:name='Name']")
        $name[0].required | Should -Be 'false'
        $name[0].position | Should -Be '0'
        $name[0].globbing | Should -Be 'true'
        $name[0].pipelineInput | Should -Be 'True (ByValue)'
        $name[0].aliases | Should -Be 'none'
        (Select-Maml $name[0] 'maml:description/maml:para')[0].InnerText | Should -Be "Names of the endpoints to get.`nWildcard characters are permitted."
        (Select-Maml $name[0] 'dev:type/maml:name').InnerText | Should -Be 'String[]'
        (Select-Maml $name[0] 'dev:defaultValue').InnerText | Should -Be 'None'
        $id = @(Select-Maml $Xml "$Get/command:parameters/command:parameter[maml:name='Id']")
        $id[0].required | Should -Be 'true'
        $id[0].position | Should -Be 'named'
        $id[0].aliases | Should -Be 'EndpointId'
        $id[0].pipelineInput | Should -Be 'True (ByPropertyName)'
    }

    It 'writes inputs, outputs, notes, examples and related links' {
        (Select-Maml $Xml "$Get/command:inputTypes/command:inputType/dev:type/maml:name").InnerText | Should -Be @('System.String[]', 'System.Int32')
        (Select-Maml $Xml "$Get/command:returnValues/command:returnValue/dev:type/maml:name").InnerText | Should -Be 'SipSecurity.Example'
        (Select-Maml $Xml "$Get/maml:alertSet/maml:alert/maml:para").InnerText | Should -BeLike 'Endpoints are read*'
        $examples = Select-Maml $Xml "$Get/command:examples/command:example"
        $examples.Count | Should -Be 3
        (Select-Maml $examples[2] 'maml:title').InnerText | Should -BeLike '*Example 3: Get endpoints by id from the pipeline*'
        (Select-Maml $examples[2] 'dev:code').InnerText | Should -Be '[pscustomobject]@{ Id = 42 } | Get-Example'
        (Select-Maml $examples[2] 'dev:remarks/maml:para').InnerText | Should -Match '^The `Id` property'
        (Select-Maml $Xml "$Get/command:relatedLinks/maml:navigationLink/maml:uri").InnerText |
            Should -Be @('https://example.invalid/sipsecurity/Get-Example', 'Set-Example.md', 'http://go.microsoft.com/fwlink/?LinkID=113216')
    }

    It 'escapes XML special characters' {
        $docs = New-DocsCopy 'escape'
        Edit-Page (Join-Path $docs 'Get-Example.md') '^Returns every enabled endpoint, whatever its transport\.$' 'Compare <a> & "b" > c'
        $out = Join-Path $TestDrive 'escape/help.xml'
        ConvertTo-SipMamlHelp -Path $docs -OutputPath $out | Out-Null
        [xml] $xml = Get-Content -Raw -LiteralPath $out
        (Select-Maml $xml '//command:example[1]/dev:remarks/maml:para').InnerText | Should -Contain 'Compare <a> & "b" > c'
    }

    It 'skips about_ topics' {
        $docs = New-DocsCopy 'about'
        Set-Content -LiteralPath (Join-Path $docs 'about_SipSecurity.md') -Value '# about_SipSecurity'
        $out = Join-Path $TestDrive 'about/help.xml'
        ConvertTo-SipMamlHelp -Path $docs -OutputPath $out | Out-Null
        [xml] $xml = Get-Content -Raw -LiteralPath $out
        (Select-Maml $xml '/helpItems/command:command').Count | Should -Be 2
    }

    It 'throws with file and line for a malformed page, and writes nothing' {
        $docs = New-DocsCopy 'broken'
        Copy-Item (Join-Path $Malformed 'Get-BadYamlLine.md') $docs
        $out = Join-Path $TestDrive 'broken/help.xml'
        { ConvertTo-SipMamlHelp -Path $docs -OutputPath $out } | Should -Throw '*Get-BadYamlLine.md:40: *'
        $out | Should -Not -Exist
    }

    It 'throws for a folder without pages' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty')
        { ConvertTo-SipMamlHelp -Path $empty.FullName -OutputPath (Join-Path $TestDrive 'empty/help.xml') } | Should -Throw '*has no `*.md page*'
    }
}

Describe 'Test-SipHelpCoverage' {
    BeforeAll {
        # A script module named SipSecurity whose functions match the fixture pages.
        function New-FixtureModule([string] $Case, [string] $ExtraGetParameter = '') {
            $dir = Join-Path $TestDrive "$Case/SipSecurity"
            $null = New-Item -ItemType Directory -Path $dir -Force
            $path = Join-Path $dir 'SipSecurity.psm1'
            Set-Content -LiteralPath $path -Value @"
function Get-Example {
    [CmdletBinding(DefaultParameterSetName = 'ByName')]
    param(
        [Parameter(ParameterSetName = 'ByName', Position = 0, ValueFromPipeline)] [SupportsWildcards()] [string[]] `$Name,
        [Parameter(ParameterSetName = 'ById', Mandatory, ValueFromPipelineByPropertyName)] [Alias('EndpointId')] [int] `$Id,
        [ValidateSet('Udp', 'Tcp', 'Tls')] [string] `$Transport,
        [Parameter(ParameterSetName = 'ByName')] [switch] `$IncludeDisabled
        $ExtraGetParameter
    )
}
function Set-Example {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Mandatory, Position = 0)] [string] `$Name, [switch] `$Enabled)
}
function Hidden-Helper { }
Export-ModuleMember -Function Get-Example, Set-Example
"@
            $path
        }
    }

    AfterEach { Remove-Module SipSecurity -Force -ErrorAction Ignore }

    It 'reports nothing when the pages cover the module' {
        $module = New-FixtureModule 'ok'
        @(Test-SipHelpCoverage -ModuleName $module -DocsPath (New-DocsCopy 'ok')) | Should -HaveCount 0
    }

    It 'uses an already imported module by name' {
        Import-Module (New-FixtureModule 'byname')
        @(Test-SipHelpCoverage -ModuleName SipSecurity -DocsPath (New-DocsCopy 'byname')) | Should -HaveCount 0
    }

    It 'does not require WhatIf and Confirm to be documented' {
        $docs = New-DocsCopy 'whatif'
        $page = Join-Path $docs 'Set-Example.md'
        Edit-Page $page ' \[-WhatIf\] \[-Confirm\]' ''
        Edit-Page $page '^### -(WhatIf|Confirm)\r?\n(.*\r?\n)*?```\r?\n\r?\n' ''
        @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'whatif') -DocsPath $docs) | Should -HaveCount 0
    }

    It 'reports a command without a page' {
        $docs = New-DocsCopy 'missing'
        Remove-Item (Join-Path $docs 'Set-Example.md')
        $problems = @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'missing') -DocsPath $docs)
        $problems.Kind | Should -Be 'MissingPage'
        $problems[0].Command | Should -Be 'Set-Example'
    }

    It 'reports a page for no exported command' {
        $docs = New-DocsCopy 'orphan'
        $orphan = Join-Path $docs 'Hidden-Helper.md'
        Copy-Item (Join-Path $docs 'Set-Example.md') $orphan
        Edit-Page $orphan 'Set-Example' 'Hidden-Helper'
        $problems = @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'orphan') -DocsPath $docs)
        $problems.Kind | Should -Be 'OrphanPage'
        $problems[0].Command | Should -Be 'Hidden-Helper'
        $problems[0].File | Should -Be $orphan
    }

    It 'reports an undocumented parameter' {
        $module = New-FixtureModule 'undocumented' -ExtraGetParameter ', [switch] $Force'
        $problems = @(Test-SipHelpCoverage -ModuleName $module -DocsPath (New-DocsCopy 'undocumented'))
        $problems.Kind | Should -Be 'UndocumentedParameter'
        $problems[0].Message | Should -BeLike '*-Force of Get-Example*'
    }

    It 'reports a documented parameter the command does not have' {
        $docs = New-DocsCopy 'unknown'
        $page = Join-Path $docs 'Set-Example.md'
        Edit-Page $page ' \[-Enabled\]' ' [-Enabled] [-Force]'
        Edit-Page $page '^### -Name$' "### -Force`nForces it.`n`n``````yaml`nType: SwitchParameter`nParameter Sets: (All)`nAliases:`n`nRequired: False`nPosition: Named`nDefault value: False`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n### -Name"
        $problems = @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'unknown') -DocsPath $docs)
        $problems.Kind | Should -Be 'UnknownParameter'
        $problems[0].Message | Should -BeLike '*-Force*'
        $problems[0].Line | Should -BeGreaterThan 0
    }

    It 'reports a page whose examples have no code block' {
        $docs = New-DocsCopy 'nocode'
        Edit-Page (Join-Path $docs 'Set-Example.md') '^```powershell\r?\nSet-Example -Name pbx-01 -Enabled:\$false\r?\n```$' 'Disables pbx-01.'
        $problems = @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'nocode') -DocsPath $docs)
        $problems.Kind | Should -Be 'MissingExample'
        $problems[0].Command | Should -Be 'Set-Example'
    }

    It 'reports a page without examples' {
        $docs = New-DocsCopy 'noexample'
        Edit-Page (Join-Path $docs 'Set-Example.md') '^### Example 1: Disable an endpoint\r?\n```powershell\r?\n.*\r?\n```\r?\n' ''
        @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'noexample') -DocsPath $docs).Kind | Should -Be 'MissingExample'
    }

    It 'reports empty synopsis and description' {
        $docs = New-DocsCopy 'empty'
        $page = Join-Path $docs 'Set-Example.md'
        Edit-Page $page '^Enables or disables an example SIP endpoint\.$' ''
        Edit-Page $page '^Changes the state of one endpoint in the local key store\.$' ''
        $problems = @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'empty') -DocsPath $docs)
        $problems.Kind | Should -Be @('EmptySynopsis', 'EmptyDescription')
    }

    It 'reports a Module Name that is not the module' {
        $docs = New-DocsCopy 'modname'
        Edit-Page (Join-Path $docs 'Set-Example.md') '^Module Name: SipSecurity$' 'Module Name: SipSecurity.Old'
        @(Test-SipHelpCoverage -ModuleName (New-FixtureModule 'modname') -DocsPath $docs).Kind | Should -Be 'ModuleNameMismatch'
    }

    It 'throws on a malformed page' {
        $docs = New-DocsCopy 'malformed'
        Copy-Item (Join-Path $Malformed 'Get-UnknownSet.md') $docs
        { Test-SipHelpCoverage -ModuleName (New-FixtureModule 'malformed') -DocsPath $docs } | Should -Throw '*Get-UnknownSet.md:37: *'
    }
}

Describe 'End to end: a binary cmdlet gets its help from the generated MAML' {
    BeforeAll {
        $root = Join-Path $TestDrive 'e2e'
        $xmlPath = Join-Path $root 'SipSecurity.PowerShell.dll-Help.xml'
        ConvertTo-SipMamlHelp -Path $script:Fixtures -OutputPath $xmlPath | Out-Null
        $badDocs = New-DocsCopy 'e2e-bad'
        Edit-Page (Join-Path $badDocs 'Set-Example.md') '^external help file: .*$' 'external help file: SipSecurity.dll-Help.xml'

        # Compiling loads an assembly that cannot be unloaded, so the cmdlets live in a
        # separate process (a job) that compiles, imports and asks Get-Help.
        $job = Start-Job -ArgumentList $root, $xmlPath, (Join-Path $PSScriptRoot 'HelpBuilder.psm1'), $script:Fixtures, $badDocs -ScriptBlock {
            param($Root, $XmlPath, $HelpBuilder, $Docs, $BadDocs)
            Set-StrictMode -Version Latest
            $ErrorActionPreference = 'Stop'
            $source = @'
using System.Management.Automation;
namespace SipHelpFixture
{
    [Cmdlet(VerbsCommon.Get, "Example", DefaultParameterSetName = "ByName")]
    public sealed class GetExampleCommand : PSCmdlet
    {
        [Parameter(ParameterSetName = "ByName", Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        public string[] Name { get; set; }

        [Parameter(ParameterSetName = "ById", Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("EndpointId")]
        public int Id { get; set; }

        [Parameter]
        [ValidateSet("Udp", "Tcp", "Tls")]
        public string Transport { get; set; }

        [Parameter(ParameterSetName = "ByName")]
        public SwitchParameter IncludeDisabled { get; set; }

        protected override void ProcessRecord() => WriteObject(Name);
    }

    [Cmdlet(VerbsCommon.Set, "Example", SupportsShouldProcess = true)]
    public sealed class SetExampleCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public string Name { get; set; }

        [Parameter]
        public SwitchParameter Enabled { get; set; }
    }
}
'@
            $module = Join-Path $Root 'SipSecurity'
            $null = New-Item -ItemType Directory -Path (Join-Path $module 'en-US') -Force
            Add-Type -TypeDefinition $source -OutputAssembly (Join-Path $module 'SipSecurity.PowerShell.dll')
            New-ModuleManifest -Path (Join-Path $module 'SipSecurity.psd1') -RootModule 'SipSecurity.PowerShell.dll' -ModuleVersion 0.1.0 `
                -CmdletsToExport Get-Example, Set-Example -FunctionsToExport @() -AliasesToExport @() -VariablesToExport @()
            Copy-Item -LiteralPath $XmlPath -Destination (Join-Path $module 'en-US')
            Import-Module (Join-Path $module 'SipSecurity.psd1')
            Import-Module $HelpBuilder

            $help = Get-Help Get-Example -Full
            @{
                HelpFile      = (Get-Command Get-Example).HelpFile
                GetText       = $help | Out-String -Width 200
                SetText       = Get-Help Set-Example -Full | Out-String -Width 200
                Synopsis      = $help.Synopsis
                ParameterText = Get-Help Get-Example -Parameter Name | Out-String -Width 200
                ExampleCode   = @($help.examples.example | ForEach-Object code)
                Coverage      = @(Test-SipHelpCoverage -ModuleName SipSecurity -DocsPath $Docs | ForEach-Object Kind)
                BadCoverage   = @(Test-SipHelpCoverage -ModuleName SipSecurity -DocsPath $BadDocs | ForEach-Object Kind)
            }
        }
        $script:E2E = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
    }

    It 'finds the help file next to the module' {
        $E2E.HelpFile | Should -BeLike '*SipSecurity.PowerShell.dll-Help.xml'
    }

    It 'shows the synopsis and description' {
        $E2E.Synopsis | Should -Be 'Gets the example SIP endpoints known to the local key store.'
        $E2E.GetText | Should -Match 'SYNOPSIS\s+Gets the example SIP endpoints known to the local key store\.'
        $E2E.GetText | Should -Match 'DESCRIPTION\s+The `Get-Example` cmdlet returns one object per SIP endpoint'
    }

    It 'shows one syntax line per parameter set' {
        $E2E.GetText | Should -Match ([regex]::Escape('Get-Example [[-Name] <String[]>] [-Transport {Udp | Tcp | Tls}] [-IncludeDisabled] [<CommonParameters>]'))
        $E2E.GetText | Should -Match ([regex]::Escape('Get-Example -Id <Int32> [-Transport {Udp | Tcp | Tls}] [<CommonParameters>]'))
        $E2E.SetText | Should -Match ([regex]::Escape('Set-Example [-Name] <String> [-Enabled] [-WhatIf] [-Confirm] [<CommonParameters>]'))
    }

    It 'shows every parameter with description, required, position, pipeline and wildcard' {
        foreach ($p in '-Id <Int32>', '-IncludeDisabled [<SwitchParameter>]', '-Name <String[]>', '-Transport <String>') {
            $E2E.GetText | Should -Match ([regex]::Escape($p))
        }
        $E2E.ParameterText | Should -Match 'Names of the endpoints to get\.\s+Wildcard characters are permitted\.\s+When omitted, all endpoints are returned\.'
        $E2E.ParameterText | Should -Match 'Required\?\s+false'
        $E2E.ParameterText | Should -Match 'Position\?\s+0'
        $E2E.ParameterText | Should -Match 'Accept pipeline input\?\s+True \(ByValue\)'
        $E2E.ParameterText | Should -Match 'Accept wildcard characters\?\s+true'
        $E2E.GetText | Should -Match 'Numeric identifier of the endpoint'
        $E2E.GetText | Should -Match 'Aliases\s+EndpointId'
        $E2E.GetText | Should -Match 'Accept pipeline input\?\s+True \(ByPropertyName\)'
    }

    It 'shows inputs, outputs and notes' {
        $E2E.GetText | Should -Match 'INPUTS\s+System\.String\[\]\s+Endpoint names, bound to `-Name`\.\s+System\.Int32'
        $E2E.GetText | Should -Match 'OUTPUTS\s+SipSecurity\.Example\s+One object per endpoint'
        $E2E.GetText | Should -Match 'NOTES\s+Endpoints are read from the key store at each call'
    }

    It 'shows examples with their code and remarks' {
        $E2E.ExampleCode | Should -Be @('Get-Example', "Get-Example -Name 'pbx-*' -Transport Tls -IncludeDisabled", '[pscustomobject]@{ Id = 42 } | Get-Example')
        $E2E.GetText | Should -Match 'Example 2: Get TLS endpoints by name pattern'
        $E2E.GetText | Should -Match 'The `Id` property of the input object binds to the `-Id` parameter\.'
    }

    It 'shows related links' {
        $E2E.GetText | Should -Match 'RELATED LINKS\s+Online Version: https://example\.invalid/sipsecurity/Get-Example\s+Set-Example Set-Example\.md'
    }

    It 'reports full coverage of the binary module, and a wrong external help file' {
        $E2E.Coverage | Should -HaveCount 0
        $E2E.BadCoverage | Should -Be @('HelpFileMismatch')
    }
}
