Set-StrictMode -Version Latest

# Converts help pages written in PlatyPS's markdown schema (v1, "schema: 2.0.0") into
# MAML (<module dll>-Help.xml) without PlatyPS, and checks that the pages cover a
# module's commands. See tools/README.md for the accepted schema.

$script:Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# The H2 sections of a page, all required, in this order.
$script:SectionOrder = @(
    'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS',
    'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
)

# Keys of a parameter's ```yaml block: canonical spelling => required.
$script:YamlKeys = [ordered]@{
    'Type'                       = $true
    'Parameter Sets'             = $true
    'Aliases'                    = $true
    'Accepted values'            = $false
    'Required'                   = $true
    'Position'                   = $true
    'Default value'              = $true
    'Accept pipeline input'      = $true
    'Accept wildcard characters' = $true
}

$script:PipelinePattern = '^(False|True \((ByValue|ByPropertyName)(, ?(ByValue|ByPropertyName))?\))$'

#region Errors

function New-PageError {
    # A FormatException whose message starts with "<file>:<line>: ".
    param([string] $File, [int] $Line, [string] $Message)
    [System.FormatException]::new("${File}:${Line}: $Message")
}

#endregion

#region Markdown structure

function Read-PageLine {
    # Splits the text after the front matter into line records:
    # N (1-based line number), Text, Fence ($null | open | code | close), Info (fence info string).
    param([string] $File, [string[]] $Text, [int] $FirstIndex)

    $open = $null
    for ($i = $FirstIndex; $i -lt $Text.Count; $i++) {
        $t = $Text[$i]
        $fence = $null
        $info = ''
        if ($null -eq $open) {
            if ($t -match '^\s{0,3}(`{3,})\s*([^`]*?)\s*$') {
                $open = [pscustomobject]@{ Marker = $Matches[1]; N = $i + 1 }
                $fence = 'open'
                $info = $Matches[2]
            }
        }
        elseif ($t -match '^\s{0,3}(`{3,})\s*$' -and $Matches[1].Length -ge $open.Marker.Length) {
            $open = $null
            $fence = 'close'
        }
        else {
            $fence = 'code'
        }
        [pscustomobject]@{ N = $i + 1; Text = $t; Fence = $fence; Info = $info }
    }
    if ($null -ne $open) {
        throw (New-PageError $File $open.N 'code block is never closed (missing closing ```)')
    }
}

function Split-Heading {
    # Splits line records at headings of exactly the given level (outside code blocks).
    # Returns @{ Preamble = lines before the first heading; Sections = @(@{ Title; N; Body }) }.
    param([object[]] $Lines, [int] $Level)

    $prefix = '#' * $Level
    $preamble = [System.Collections.Generic.List[object]]::new()
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if ($null -eq $line.Fence -and $line.Text -match "^$prefix\s+(.+?)\s*$") {
            $current = [pscustomobject]@{
                Title = $Matches[1]
                N     = $line.N
                Body  = [System.Collections.Generic.List[object]]::new()
            }
            $sections.Add($current)
        }
        elseif ($null -eq $current) { $preamble.Add($line) }
        else { $current.Body.Add($line) }
    }
    [pscustomobject]@{ Preamble = $preamble.ToArray(); Sections = $sections.ToArray() }
}

function Get-Block {
    # Groups line records into blocks: Text (a paragraph: consecutive non-blank lines)
    # and Code (a fenced block, with its info string). Blank lines separate blocks.
    param([object[]] $Lines)

    $para = [System.Collections.Generic.List[object]]::new()
    $code = $null
    $flush = {
        if ($para.Count -gt 0) {
            [pscustomobject]@{ Kind = 'Text'; N = $para[0].N; Info = ''; Text = (($para | ForEach-Object { $_.Text.Trim() }) -join "`n") }
            $para.Clear()
        }
    }
    foreach ($line in $Lines) {
        switch ($line.Fence) {
            'open' {
                & $flush
                $code = [pscustomobject]@{ N = $line.N; Info = $line.Info; Lines = [System.Collections.Generic.List[string]]::new() }
            }
            'code' { $code.Lines.Add($line.Text) }
            'close' {
                [pscustomobject]@{ Kind = 'Code'; N = $code.N; Info = $code.Info; Text = ($code.Lines -join "`n") }
                $code = $null
            }
            default {
                if ($line.Text.Trim() -eq '') { & $flush } else { $para.Add($line) }
            }
        }
    }
    & $flush
}

function Get-Paragraph {
    # Text of a section as paragraphs (code blocks become paragraphs of their own).
    param([object[]] $Lines)
    @(Get-Block $Lines | ForEach-Object { $_.Text })
}

function Assert-NoText {
    # Throws when the lines hold anything but blank lines.
    param([string] $File, [object[]] $Lines, [string] $Message)
    foreach ($line in $Lines) {
        if ($null -ne $line.Fence -or $line.Text.Trim() -ne '') {
            throw (New-PageError $File $line.N $Message)
        }
    }
}

#endregion

#region Page parsing

function Read-FrontMatter {
    param([string] $File, [string[]] $Text)

    if ($Text.Count -eq 0 -or $Text[0].Trim() -ne '---') {
        throw (New-PageError $File 1 "page must start with YAML front matter ('---')")
    }
    $values = [ordered]@{}
    for ($i = 1; $i -lt $Text.Count; $i++) {
        $t = $Text[$i]
        if ($t.Trim() -eq '---') {
            foreach ($key in 'external help file', 'Module Name', 'schema') {
                if (-not $values.Contains($key)) {
                    throw (New-PageError $File 1 "front matter has no '$key' key")
                }
            }
            if ($values['schema'] -ne '2.0.0') {
                throw (New-PageError $File 1 "front matter 'schema' is '$($values['schema'])'; only '2.0.0' is supported")
            }
            if ($values['external help file'] -notmatch '-Help\.xml$') {
                throw (New-PageError $File 1 "front matter 'external help file' must name a '<assembly>-Help.xml' file")
            }
            if (-not $values.Contains('online version')) { $values['online version'] = '' }
            return [pscustomobject]@{ Values = $values; EndIndex = $i }
        }
        if ($t.Trim() -eq '') { continue }
        if ($t -notmatch '^([A-Za-z][\w .-]*?)\s*:(?:\s+(.*?))?\s*$') {
            throw (New-PageError $File ($i + 1) "unparseable front matter line: '$t'")
        }
        $key = $Matches[1]
        $value = if ($Matches[2]) { $Matches[2] -replace '^([''"])(.*)\1$', '$2' } else { '' }
        $canonical = @('external help file', 'Module Name', 'online version', 'schema') | Where-Object { $_ -eq $key }
        if ($canonical) { $key = $canonical }
        if ($values.Contains($key)) { throw (New-PageError $File ($i + 1) "duplicate front matter key '$key'") }
        $values[$key] = $value
    }
    throw (New-PageError $File 1 "front matter is never closed (missing second '---')")
}

function Read-ParameterYaml {
    # Parses one ```yaml block of a parameter into a record.
    param([string] $File, [object] $Block, [string] $Parameter)

    $values = @{}
    $lineOf = @{}
    $n = $Block.N
    foreach ($t in ($Block.Text -split "`n")) {
        $n++
        if ($t.Trim() -eq '') { continue }
        if ($t -notmatch '^([A-Za-z][A-Za-z ]*?)\s*:(?:\s+(.*?))?\s*$') {
            throw (New-PageError $File $n "parameter -${Parameter}: unparseable yaml line '$t' (expected 'Key: value')")
        }
        $key = @($script:YamlKeys.Keys) | Where-Object { $_ -eq $Matches[1] }
        if (-not $key) {
            throw (New-PageError $File $n "parameter -${Parameter}: unknown yaml key '$($Matches[1])' (known: $(@($script:YamlKeys.Keys) -join ', '))")
        }
        if ($values.ContainsKey($key)) { throw (New-PageError $File $n "parameter -${Parameter}: duplicate yaml key '$key'") }
        $values[$key] = if ($Matches[2]) { $Matches[2] } else { '' }
        $lineOf[$key] = $n
    }
    foreach ($key in $script:YamlKeys.Keys) {
        if ($script:YamlKeys[$key] -and -not $values.ContainsKey($key)) {
            throw (New-PageError $File $Block.N "parameter -${Parameter}: yaml block has no '$key' key")
        }
    }

    $bool = {
        param($key)
        switch -Regex ($values[$key]) {
            '^(?i:true)$' { return $true }
            '^(?i:false)$' { return $false }
            default { throw (New-PageError $File $lineOf[$key] "parameter -${Parameter}: '$key' must be True or False, not '$($values[$key])'") }
        }
    }
    $list = {
        param($key)
        if (-not $values.ContainsKey($key)) { return , @() }
        , @($values[$key] -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' })
    }

    if ($values['Type'] -eq '') { throw (New-PageError $File $lineOf['Type'] "parameter -${Parameter}: 'Type' is empty") }
    $position = $values['Position']
    if ($position -match '^(?i:named)$') { $position = 'Named' }
    elseif ($position -notmatch '^\d+$') {
        throw (New-PageError $File $lineOf['Position'] "parameter -${Parameter}: 'Position' must be Named or a number, not '$position'")
    }
    $pipeline = $values['Accept pipeline input']
    if ($pipeline -notmatch $script:PipelinePattern) {
        throw (New-PageError $File $lineOf['Accept pipeline input'] "parameter -${Parameter}: 'Accept pipeline input' must be False, 'True (ByValue)', 'True (ByPropertyName)' or 'True (ByPropertyName, ByValue)', not '$pipeline'")
    }
    $sets = & $list 'Parameter Sets'
    if ($sets.Count -eq 0) { throw (New-PageError $File $lineOf['Parameter Sets'] "parameter -${Parameter}: 'Parameter Sets' is empty (use (All) or set names)") }
    if ($sets -contains '(All)' -and $sets.Count -gt 1) {
        throw (New-PageError $File $lineOf['Parameter Sets'] "parameter -${Parameter}: '(All)' cannot be combined with set names")
    }
    $type = $values['Type']
    if ($type -eq 'switch') { $type = 'SwitchParameter' }

    [pscustomobject]@{
        N              = $Block.N
        SetsLine       = $lineOf['Parameter Sets']
        Type           = $type
        Sets           = $sets
        AllSets        = ($sets -contains '(All)')
        Aliases        = & $list 'Aliases'
        AcceptedValues = & $list 'Accepted values'
        Required       = & $bool 'Required'
        Position       = $position
        DefaultValue   = $values['Default value']
        PipelineInput  = $pipeline
        Globbing       = & $bool 'Accept wildcard characters'
    }
}

function Read-SyntaxSection {
    param([string] $File, [object] $Section)
    $split = Split-Heading $Section.Body 3
    Assert-NoText $File $split.Preamble "text under ## SYNTAX must be inside '### ParameterSetName' subsections"
    if ($split.Sections.Count -eq 0) {
        throw (New-PageError $File $Section.N "## SYNTAX has no '### ParameterSetName' subsection")
    }
    foreach ($s in $split.Sections) {
        $isDefault = $s.Title -match '\s+\(Default\)$'
        $name = ($s.Title -replace '\s+\(Default\)$', '').Trim()
        if ($name -notmatch '^[\w.-]+$') { throw (New-PageError $File $s.N "invalid parameter set name '$name'") }
        $blocks = @(Get-Block $s.Body)
        $code = @($blocks | Where-Object Kind -EQ 'Code')
        if ($code.Count -ne 1 -or $blocks.Count -ne 1) {
            throw (New-PageError $File $s.N "syntax of parameter set '$name' must be exactly one ``````-fenced code block")
        }
        $tokens = @([regex]::Matches($code[0].Text, '(?<![\w-])-([A-Za-z_]\w*)') | ForEach-Object { $_.Groups[1].Value })
        [pscustomobject]@{ Name = $name; IsDefault = $isDefault; N = $s.N; CodeLine = $code[0].N; Code = $code[0].Text; Tokens = $tokens }
    }
}

function Read-ExampleSection {
    param([string] $File, [object] $Section)
    $split = Split-Heading $Section.Body 3
    Assert-NoText $File $split.Preamble "text under ## EXAMPLES must be inside '### Example N: title' subsections"
    foreach ($s in $split.Sections) {
        $blocks = @(Get-Block $s.Body)
        [pscustomobject]@{
            Title   = $s.Title
            N       = $s.N
            Code    = (@($blocks | Where-Object Kind -EQ 'Code' | ForEach-Object Text) -join "`n`n")
            HasCode = [bool]@($blocks | Where-Object Kind -EQ 'Code').Count
            Remarks = @($blocks | Where-Object Kind -EQ 'Text' | ForEach-Object Text)
        }
    }
}

function Read-ParameterSection {
    param([string] $File, [object] $Section)
    $split = Split-Heading $Section.Body 3
    Assert-NoText $File $split.Preamble "text under ## PARAMETERS must be inside '### -Name' subsections"
    $seen = @{}
    foreach ($s in $split.Sections) {
        if ($s.Title -in 'CommonParameters', 'WorkflowParameters') { continue }
        if ($s.Title -notmatch '^-([A-Za-z_]\w*)$') {
            throw (New-PageError $File $s.N "parameter heading must be '### -Name' or '### CommonParameters', not '### $($s.Title)'")
        }
        $name = $Matches[1]
        if ($seen.ContainsKey($name)) { throw (New-PageError $File $s.N "parameter -$name is documented twice") }
        $seen[$name] = $true

        $description = [System.Collections.Generic.List[string]]::new()
        $entries = [System.Collections.Generic.List[object]]::new()
        foreach ($block in Get-Block $s.Body) {
            if ($block.Kind -eq 'Code' -and $block.Info -eq 'yaml') {
                $entries.Add((Read-ParameterYaml $File $block $name))
            }
            elseif ($entries.Count -gt 0) {
                throw (New-PageError $File $block.N "parameter -${name}: only ``````yaml blocks may follow the first ``````yaml block")
            }
            else { $description.Add($block.Text) }
        }
        if ($entries.Count -eq 0) { throw (New-PageError $File $s.N "parameter -$name has no ``````yaml block") }
        [pscustomobject]@{ Name = $name; N = $s.N; Description = $description.ToArray(); Entries = $entries.ToArray() }
    }
}

function Read-TypeSection {
    # INPUTS / OUTPUTS: one '### TypeName' per type, with optional text.
    param([string] $File, [object] $Section)
    $split = Split-Heading $Section.Body 3
    Assert-NoText $File $split.Preamble "text under ## $($Section.Title) must be inside '### TypeName' subsections (use '### None' for none)"
    foreach ($s in $split.Sections) {
        [pscustomobject]@{ TypeName = $s.Title; Description = Get-Paragraph $s.Body }
    }
}

function Read-LinkSection {
    param([string] $File, [object] $Section)
    foreach ($line in $Section.Body) {
        if ($null -eq $line.Fence -and $line.Text.Trim() -eq '') { continue }
        if ($null -ne $line.Fence -or $line.Text -notmatch '^\s*(?:[-*]\s+)?\[([^\]]+)\]\(([^)\s]*)\)\s*$') {
            throw (New-PageError $File $line.N "## RELATED LINKS lines must be markdown links '[text](uri)', not '$($line.Text)'")
        }
        [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] }
    }
}

function Assert-SyntaxMatchesParameter {
    # The SYNTAX code blocks and the yaml 'Parameter Sets' must describe the same sets.
    param([string] $File, [object[]] $Syntax, [object[]] $Parameters)

    $setNames = @($Syntax | ForEach-Object Name)
    foreach ($p in $Parameters) {
        $claimed = @{}
        foreach ($e in $p.Entries) {
            if ($e.AllSets) { $names = $setNames } else { $names = $e.Sets }
            foreach ($set in $names) {
                if ($set -notin $setNames) {
                    throw (New-PageError $File $e.SetsLine "parameter -$($p.Name): parameter set '$set' is not a '###' set under ## SYNTAX (sets: $($setNames -join ', '))")
                }
                if ($claimed.ContainsKey($set)) {
                    throw (New-PageError $File $e.SetsLine "parameter -$($p.Name): parameter set '$set' is covered by more than one yaml block")
                }
                $claimed[$set] = $true
            }
        }
    }
    foreach ($set in $Syntax) {
        $members = @(Get-SetMember $set.Name $Parameters | ForEach-Object { $_.Parameter.Name })
        foreach ($token in $set.Tokens) {
            if ($token -notin $members) {
                throw (New-PageError $File $set.CodeLine "syntax of set '$($set.Name)' shows -$token, but no parameter documented under ## PARAMETERS belongs to that set with that name")
            }
        }
        foreach ($member in $members) {
            if ($member -notin $set.Tokens) {
                throw (New-PageError $File $set.CodeLine "parameter -$member belongs to set '$($set.Name)' (yaml 'Parameter Sets') but the syntax of that set does not show it")
            }
        }
    }
}

function Get-SetMember {
    # Parameters in a set, each with the yaml entry that applies to it, in syntax order.
    param([string] $SetName, [object[]] $Parameters, [string[]] $Order = @())
    $members = foreach ($p in $Parameters) {
        $entry = $p.Entries | Where-Object { $_.AllSets -or $_.Sets -contains $SetName } | Select-Object -First 1
        if ($entry) { [pscustomobject]@{ Parameter = $p; Entry = $entry } }
    }
    $members | Sort-Object -Stable {
        $i = [array]::IndexOf($Order, $_.Parameter.Name)
        if ($i -lt 0) { [int]::MaxValue } else { $i }
    }
}

function Read-SipHelpPage {
    <#
    .SYNOPSIS
    Parses one PlatyPS v1 markdown help page; throws "<file>:<line>: ..." when it is malformed.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)

    $file = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
    $text = [System.IO.File]::ReadAllText($file) -split '\r?\n'
    $front = Read-FrontMatter $file $text
    $lines = @(Read-PageLine $file $text ($front.EndIndex + 1))

    $top = Split-Heading $lines 1
    Assert-NoText $file $top.Preamble "expected '# Verb-Noun' after the front matter"
    if ($top.Sections.Count -eq 0) { throw (New-PageError $file ($front.EndIndex + 1) "page has no '# Verb-Noun' title") }
    if ($top.Sections.Count -gt 1) { throw (New-PageError $file $top.Sections[1].N "page has more than one '#' title") }
    $h1 = $top.Sections[0]
    $name = $h1.Title
    $expected = [System.IO.Path]::GetFileNameWithoutExtension($file)
    if ($name -ne $expected) { throw (New-PageError $file $h1.N "title '# $name' does not match the file name '$expected.md'") }

    $h2 = Split-Heading $h1.Body.ToArray() 2
    Assert-NoText $file $h2.Preamble "text after '# $name' must be inside '##' sections"
    $sections = @{}
    $previous = -1
    foreach ($s in $h2.Sections) {
        $title = $s.Title.ToUpperInvariant()
        $index = [array]::IndexOf($script:SectionOrder, $title)
        if ($index -lt 0) { throw (New-PageError $file $s.N "unknown section '## $($s.Title)' (expected: $($script:SectionOrder -join ', '))") }
        if ($sections.ContainsKey($title)) { throw (New-PageError $file $s.N "duplicate section '## $title'") }
        if ($index -lt $previous) { throw (New-PageError $file $s.N "section '## $title' is out of order (expected: $($script:SectionOrder -join ', '))") }
        $previous = $index
        $s.Title = $title
        $sections[$title] = $s
    }
    foreach ($title in $script:SectionOrder) {
        if (-not $sections.ContainsKey($title)) {
            throw (New-PageError $file $h1.N "missing required section '## $title'")
        }
    }

    $syntax = @(Read-SyntaxSection $file $sections['SYNTAX'])
    $parameters = @(Read-ParameterSection $file $sections['PARAMETERS'])
    Assert-SyntaxMatchesParameter $file $syntax $parameters

    $links = [System.Collections.Generic.List[object]]::new()
    if ($front.Values['online version']) { $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $front.Values['online version'] }) }
    foreach ($link in Read-LinkSection $file $sections['RELATED LINKS']) { $links.Add($link) }

    [pscustomobject]@{
        PSTypeName       = 'SipHelpPage'
        Name             = $name
        File             = $file
        Line             = $h1.N
        ExternalHelpFile = $front.Values['external help file']
        ModuleName       = $front.Values['Module Name']
        OnlineVersion    = $front.Values['online version']
        Synopsis         = @(Get-Paragraph $sections['SYNOPSIS'].Body)
        SynopsisLine     = $sections['SYNOPSIS'].N
        Syntax           = $syntax
        Description      = @(Get-Paragraph $sections['DESCRIPTION'].Body)
        DescriptionLine  = $sections['DESCRIPTION'].N
        Examples         = @(Read-ExampleSection $file $sections['EXAMPLES'])
        ExamplesLine     = $sections['EXAMPLES'].N
        Parameters       = $parameters
        Inputs           = @(Read-TypeSection $file $sections['INPUTS'])
        Outputs          = @(Read-TypeSection $file $sections['OUTPUTS'])
        Notes            = @(Get-Paragraph $sections['NOTES'].Body)
        Links            = $links.ToArray()
    }
}

function Get-SipHelpPageFile {
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path -PathType Container)) { throw "Help folder '$Path' does not exist." }
    # about_*.md topics are not command pages.
    @(Get-ChildItem -LiteralPath $Path -Filter '*.md' -File | Where-Object Name -NotLike 'about_*' | Sort-Object Name)
}

#endregion

#region MAML

function Write-MamlElement {
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [string] $Text, [hashtable] $Attributes = @{})
    $prefix, $local = $Name -split ':', 2
    $Writer.WriteStartElement($prefix, $local, $script:Namespaces[$prefix])
    foreach ($key in $Attributes.Keys | Sort-Object) { $Writer.WriteAttributeString($key, $Attributes[$key]) }
    if ($null -ne $Text) { $Writer.WriteString($Text) }
    $Writer.WriteEndElement()
}

function Write-MamlStart {
    param([System.Xml.XmlWriter] $Writer, [string] $Name)
    $prefix, $local = $Name -split ':', 2
    $Writer.WriteStartElement($prefix, $local, $script:Namespaces[$prefix])
}

function Write-MamlPara {
    # <Name><maml:para>...</maml:para>...</Name>
    param([System.Xml.XmlWriter] $Writer, [string] $Name, [string[]] $Paragraphs)
    Write-MamlStart $Writer $Name
    foreach ($p in $Paragraphs) { Write-MamlElement $Writer 'maml:para' $p }
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [object] $Entry, [switch] $InSyntax)

    $isSwitch = $Entry.Type -eq 'SwitchParameter'
    Write-MamlStart $Writer 'command:parameter'
    $Writer.WriteAttributeString('required', $Entry.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', ($Entry.Type.EndsWith('[]')).ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Entry.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Entry.PipelineInput)
    $Writer.WriteAttributeString('position', $Entry.Position.ToLowerInvariant())
    $Writer.WriteAttributeString('aliases', $(if ($Entry.Aliases.Count) { $Entry.Aliases -join ', ' } else { 'none' }))

    Write-MamlElement $Writer 'maml:name' $Parameter.Name
    Write-MamlPara $Writer 'maml:description' $Parameter.Description
    if ($InSyntax -and $Entry.AcceptedValues.Count) {
        Write-MamlStart $Writer 'command:parameterValueGroup'
        foreach ($v in $Entry.AcceptedValues) {
            Write-MamlElement $Writer 'command:parameterValue' $v @{ required = 'false'; variableLength = 'false' }
        }
        $Writer.WriteEndElement()
    }
    # Get-Help shows "-Switch" rather than "-Switch <SwitchParameter>" in syntax.
    if (-not ($InSyntax -and $isSwitch)) {
        Write-MamlElement $Writer 'command:parameterValue' $Entry.Type @{
            required       = (-not $isSwitch).ToString().ToLowerInvariant()
            variableLength = 'false'
        }
    }
    Write-MamlStart $Writer 'dev:type'
    Write-MamlElement $Writer 'maml:name' $Entry.Type
    Write-MamlElement $Writer 'maml:uri' ''
    $Writer.WriteEndElement()
    Write-MamlElement $Writer 'dev:defaultValue' $(if ($Entry.DefaultValue) { $Entry.DefaultValue } else { 'None' })
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $Writer, [object] $Page)

    Write-MamlStart $Writer 'command:command'
    foreach ($prefix in $script:Namespaces.Keys) {
        $Writer.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $script:Namespaces[$prefix])
    }

    $verb, $noun = $Page.Name -split '-', 2
    Write-MamlStart $Writer 'command:details'
    Write-MamlElement $Writer 'command:name' $Page.Name
    Write-MamlElement $Writer 'command:verb' $verb
    Write-MamlElement $Writer 'command:noun' $(if ($noun) { $noun } else { '' })
    Write-MamlPara $Writer 'maml:description' $Page.Synopsis
    $Writer.WriteEndElement()

    Write-MamlPara $Writer 'maml:description' $Page.Description

    Write-MamlStart $Writer 'command:syntax'
    foreach ($set in $Page.Syntax) {
        Write-MamlStart $Writer 'command:syntaxItem'
        Write-MamlElement $Writer 'maml:name' $Page.Name
        foreach ($m in Get-SetMember $set.Name $Page.Parameters $set.Tokens) {
            Write-MamlParameter $Writer $m.Parameter $m.Entry -InSyntax
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Write-MamlStart $Writer 'command:parameters'
    foreach ($p in $Page.Parameters) { Write-MamlParameter $Writer $p $p.Entries[0] }
    $Writer.WriteEndElement()

    foreach ($kind in @(
            @{ List = 'command:inputTypes'; Item = 'command:inputType'; Types = $Page.Inputs },
            @{ List = 'command:returnValues'; Item = 'command:returnValue'; Types = $Page.Outputs })) {
        Write-MamlStart $Writer $kind.List
        foreach ($t in $kind.Types) {
            Write-MamlStart $Writer $kind.Item
            Write-MamlStart $Writer 'dev:type'
            Write-MamlElement $Writer 'maml:name' $t.TypeName
            $Writer.WriteEndElement()
            Write-MamlPara $Writer 'maml:description' $t.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    Write-MamlStart $Writer 'maml:alertSet'
    Write-MamlPara $Writer 'maml:alert' $Page.Notes
    $Writer.WriteEndElement()

    Write-MamlStart $Writer 'command:examples'
    foreach ($example in $Page.Examples) {
        Write-MamlStart $Writer 'command:example'
        Write-MamlElement $Writer 'maml:title' "-------------------------- $($example.Title) --------------------------"
        Write-MamlElement $Writer 'dev:code' $example.Code
        Write-MamlPara $Writer 'dev:remarks' $example.Remarks
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    Write-MamlStart $Writer 'command:relatedLinks'
    foreach ($link in $Page.Links) {
        Write-MamlStart $Writer 'maml:navigationLink'
        Write-MamlElement $Writer 'maml:linkText' $link.Text
        Write-MamlElement $Writer 'maml:uri' $link.Uri
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

#endregion

#region Public commands

function ConvertTo-SipMamlHelp {
    <#
    .SYNOPSIS
    Converts a folder of PlatyPS v1 markdown help pages into one MAML help file.

    .DESCRIPTION
    Reads every *.md page of -Path (not recursive; about_*.md are skipped), validates it
    (throwing "<file>:<line>: message" on malformed pages) and writes a UTF-8 MAML
    <helpItems schema="maml"> file to -OutputPath, which is returned as a FileInfo.
    Nothing is written when any page is malformed.

    .EXAMPLE
    ConvertTo-SipMamlHelp -Path docs/en-US -OutputPath out/SipSecurity/en-US/SipSecurity.PowerShell.dll-Help.xml
    #>
    [CmdletBinding()]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $OutputPath
    )

    $files = @(Get-SipHelpPageFile $Path)
    if ($files.Count -eq 0) { throw "Help folder '$Path' has no *.md page." }
    $pages = @(foreach ($f in $files) { Read-SipHelpPage -Path $f.FullName })

    $target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
    $null = New-Item -ItemType Directory -Path ([System.IO.Path]::GetDirectoryName($target)) -Force

    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $temporary = "$target.tmp"
    $writer = [System.Xml.XmlWriter]::Create($temporary, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($page in $pages) { Write-MamlCommand $writer $page }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
    Move-Item -LiteralPath $temporary -Destination $target -Force
    Write-Verbose "Wrote help for $($pages.Count) command(s) to $target"
    Get-Item -LiteralPath $target
}

function New-HelpProblem {
    param([string] $Kind, [string] $Command, [string] $File, [int] $Line, [string] $Message)
    [pscustomobject]@{
        PSTypeName = 'SipHelpProblem'
        Kind       = $Kind
        Command    = $Command
        File       = $File
        Line       = $Line
        Message    = $Message
    }
}

function Test-SipHelpCoverage {
    <#
    .SYNOPSIS
    Lists what the help pages of a folder miss or get wrong about a module's commands.

    .DESCRIPTION
    Returns one SipHelpProblem (Kind, Command, File, Line, Message) per problem; nothing
    when the pages cover the module. Kinds: MissingPage, OrphanPage, UndocumentedParameter,
    UnknownParameter, MissingExample, EmptySynopsis, EmptyDescription, HelpFileMismatch,
    ModuleNameMismatch. Malformed pages throw, as in ConvertTo-SipMamlHelp.
    -ModuleName is the name (or path) of a module; it is imported when not already loaded.

    .EXAMPLE
    $problems = Test-SipHelpCoverage -ModuleName ./out/SipSecurity/SipSecurity.psd1 -DocsPath docs/en-US
    if ($problems) { $problems | Format-Table -AutoSize | Out-String | Write-Host; throw 'help is incomplete' }
    #>
    [CmdletBinding()]
    [OutputType('SipHelpProblem')]
    param(
        [Parameter(Mandatory)] [string] $ModuleName,
        [Parameter(Mandatory)] [string] $DocsPath
    )

    $module = $null
    if ($ModuleName -notmatch '[\\/]|\.(psd1|psm1|dll)$') { $module = Get-Module -Name $ModuleName | Select-Object -First 1 }
    if (-not $module) { $module = Import-Module $ModuleName -PassThru -ErrorAction Stop | Select-Object -First 1 }

    $commands = @{}
    foreach ($c in @($module.ExportedCmdlets.Values) + @($module.ExportedFunctions.Values)) { $commands[$c.Name] = $c }

    $pages = @{}
    foreach ($f in Get-SipHelpPageFile $DocsPath) {
        $page = Read-SipHelpPage -Path $f.FullName
        $pages[$page.Name] = $page
    }

    $ignored = @([System.Management.Automation.Cmdlet]::CommonParameters) + @([System.Management.Automation.Cmdlet]::OptionalCommonParameters)

    foreach ($name in $commands.Keys | Sort-Object) {
        if (-not $pages.ContainsKey($name)) {
            New-HelpProblem MissingPage $name (Join-Path $DocsPath "$name.md") 0 "exported command $name has no help page"
        }
    }

    foreach ($name in $pages.Keys | Sort-Object) {
        $page = $pages[$name]
        $command = $commands[$name]
        if (-not $command) {
            New-HelpProblem OrphanPage $name $page.File $page.Line "page documents $name, which module $($module.Name) does not export"
            continue
        }

        if ($page.ModuleName -ne $module.Name) {
            New-HelpProblem ModuleNameMismatch $name $page.File 1 "front matter says 'Module Name: $($page.ModuleName)', the module is $($module.Name)"
        }
        if ($command.CommandType -eq 'Cmdlet' -and $command.HelpFile -and
            $page.ExternalHelpFile -ne [System.IO.Path]::GetFileName($command.HelpFile)) {
            New-HelpProblem HelpFileMismatch $name $page.File 1 "front matter says 'external help file: $($page.ExternalHelpFile)', PowerShell looks for $([System.IO.Path]::GetFileName($command.HelpFile))"
        }

        $documented = @($page.Parameters | ForEach-Object Name)
        foreach ($p in $command.Parameters.Keys | Sort-Object) {
            if ($p -in $ignored) { continue }
            if ($p -notin $documented) {
                New-HelpProblem UndocumentedParameter $name $page.File $page.Line "parameter -$p of $name is not documented under ## PARAMETERS"
            }
        }
        foreach ($p in $page.Parameters) {
            if (-not $command.Parameters.ContainsKey($p.Name)) {
                New-HelpProblem UnknownParameter $name $page.File $p.N "page documents -$($p.Name), which $name does not have"
            }
        }

        if (-not @($page.Examples | Where-Object HasCode).Count) {
            New-HelpProblem MissingExample $name $page.File $page.ExamplesLine "page has no example with a code block"
        }
        if (-not ($page.Synopsis -join '').Trim()) {
            New-HelpProblem EmptySynopsis $name $page.File $page.SynopsisLine 'synopsis is empty'
        }
        if (-not ($page.Description -join '').Trim()) {
            New-HelpProblem EmptyDescription $name $page.File $page.DescriptionLine 'description is empty'
        }
    }
}

#endregion

Export-ModuleMember -Function ConvertTo-SipMamlHelp, Test-SipHelpCoverage
