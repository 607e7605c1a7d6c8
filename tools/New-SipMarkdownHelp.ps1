#Requires -Version 7.4
<#
.SYNOPSIS
Writes help page skeletons (PlatyPS v1 markdown, schema 2.0.0) for a module's commands, or
refreshes the generated parts of existing pages.

.DESCRIPTION
Reads the command metadata of a module (in a separate PowerShell process, so a stale copy of a
binary module loaded in this session never leaks into the pages) and, for every exported cmdlet
or function:

- without a page in -DocsPath: writes `<Verb-Noun>.md` in the exact schema that
  tools/HelpBuilder.psm1 accepts (see tools/README.md): front matter, SYNTAX per parameter set,
  one `### -Name` per parameter with its yaml block (Type, Parameter Sets, Aliases, Accepted
  values from ValidateSet or an enum type, Required, Position, Default value, Accept pipeline
  input, Accept wildcard characters from [SupportsWildcards]), INPUTS from the pipeline-bound
  parameters, OUTPUTS from [OutputType], and placeholders `{{ ... }}` for all prose.
- with a page and -Update: replaces the SYNTAX code blocks and every parameter's yaml block(s)
  with what the metadata says now, adds `### -Name` sections (with a placeholder description) for
  new parameters, removes the sections of parameters that no longer exist (with a warning), and
  adds `###` entries for new INPUTS/OUTPUTS types. All prose (synopsis, description, examples,
  parameter descriptions, notes, links, front matter) is kept as written.
- with a page and no -Update: leaves it alone.

Outputs one object per command: Command, Path, Action (Created, Updated, Unchanged, Skipped) and
Placeholders (how many `{{ ... }}` placeholders the page still holds). Pages are written as UTF-8
without BOM; an updated page keeps its line endings.

.PARAMETER ModulePath
Path of the module to document: its .psd1, .psm1 or .dll, or its folder. Import the built
(staged) module, e.g. ./out/SipSecurity/SipSecurity.psd1.

.PARAMETER DocsPath
The folder of the pages, e.g. ./docs/en-US. Created when missing.

.PARAMETER Command
Only these commands (wildcards allowed). Default: every exported cmdlet and function.

.PARAMETER Update
Also refresh the SYNTAX, PARAMETERS yaml and INPUTS/OUTPUTS entries of existing pages.

.PARAMETER OnlineVersionUri
The `online version` of new pages; `{0}` is replaced with the command name. Empty for none.

.PARAMETER InProcess
Read the metadata in this session instead of a separate process (the module is imported here).

.EXAMPLE
dotnet pwsh ./build.ps1 Build; ./tools/New-SipMarkdownHelp.ps1 -ModulePath ./out/SipSecurity/SipSecurity.psd1 -DocsPath ./docs/en-US

Writes a skeleton page for every new cmdlet. Then replace every {{ ... }} placeholder.

.EXAMPLE
./tools/New-SipMarkdownHelp.ps1 -ModulePath ./out/SipSecurity/SipSecurity.psd1 -DocsPath ./docs/en-US -Update -WhatIf

Shows which pages a refresh after a parameter change would rewrite.

.EXAMPLE
./tools/New-SipMarkdownHelp.ps1 ./out/SipSecurity/SipSecurity.psd1 ./docs/en-US -Update | Where-Object Placeholders

Refreshes every page and lists those that still contain placeholders.
#>
[CmdletBinding(SupportsShouldProcess)]
[OutputType([pscustomobject])]
param(
    [Parameter(Mandatory, Position = 0)]
    [string] $ModulePath,

    [Parameter(Mandatory, Position = 1)]
    [string] $DocsPath,

    [SupportsWildcards()]
    [string[]] $Command = '*',

    [switch] $Update,

    [AllowEmptyString()]
    [string] $OnlineVersionUri = 'https://github.com/sipsecurity/SipSecurity/blob/main/docs/en-US/{0}.md',

    [switch] $InProcess
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$CommonParametersText = 'This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).'
$ShouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

#region Metadata (runs in a separate process unless -InProcess)

# Returns plain data only (strings, booleans, arrays), so it survives job serialization.
$ReadModel = {
    param([string] $Path, [string[]] $Patterns)
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'

    function Get-ShortTypeName([type] $Type) {
        if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
        $inner = [Nullable]::GetUnderlyingType($Type)
        if ($inner) { return Get-ShortTypeName $inner }
        if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
        $Type.Name -replace '`\d+$', ''
    }
    function Get-FullTypeName([type] $Type) {
        if ($Type.IsArray) { return (Get-FullTypeName $Type.GetElementType()) + '[]' }
        $inner = [Nullable]::GetUnderlyingType($Type)
        if ($inner) { return Get-FullTypeName $inner }
        if ($Type.IsGenericType) { return ($Type.GetGenericTypeDefinition().FullName -replace '`\d+$', '') + '[' + (($Type.GetGenericArguments() | ForEach-Object { Get-FullTypeName $_ }) -join ', ') + ']' }
        $Type.FullName
    }
    function Get-AcceptedValue($Parameter) {
        foreach ($a in $Parameter.Attributes) {
            if ($a -is [System.Management.Automation.ValidateSetAttribute]) { return @($a.ValidValues) }
        }
        $t = $Parameter.ParameterType
        if ($t.IsArray) { $t = $t.GetElementType() }
        $inner = [Nullable]::GetUnderlyingType($t)
        if ($inner) { $t = $inner }
        if ($t.IsEnum) { return @([Enum]::GetNames($t)) }
        @()
    }
    function Format-DefaultValue($Value) {
        if ($null -eq $Value) { return '' }
        if ($Value -is [System.Management.Automation.SwitchParameter]) { return $Value.IsPresent.ToString() }
        if ($Value -is [string]) { return $Value }
        if ($Value -is [bool] -or $Value -is [enum]) { return $Value.ToString() }
        if ($Value -is [System.Array]) {
            $items = @(foreach ($item in $Value) { Format-DefaultValue $item })
            if ($items.Count -eq 0 -or ($items | Where-Object { $_ -eq '' })) { return '' }
            return $items -join ', '
        }
        if ($Value.GetType().IsPrimitive -or $Value -is [decimal]) { return [System.Convert]::ToString($Value, [cultureinfo]::InvariantCulture) }
        ''
    }
    function Get-DefaultValue($CommandInfo) {
        # Cmdlets: the property values of a fresh instance. Functions: the param block's default expressions.
        $defaults = @{}
        if ($CommandInfo.CommandType -eq 'Cmdlet') {
            $instance = $null
            try {
                $instance = [Activator]::CreateInstance($CommandInfo.ImplementingType)
                foreach ($name in $CommandInfo.Parameters.Keys) {
                    $property = $CommandInfo.ImplementingType.GetProperty($name)
                    if ($property -and $property.CanRead) { $defaults[$name] = Format-DefaultValue $property.GetValue($instance) }
                }
            }
            catch { Write-Verbose "No default values for $($CommandInfo.Name): $_" }
            finally { if ($instance -is [System.IDisposable]) { $instance.Dispose() } }
        }
        elseif ($CommandInfo.ScriptBlock -and $CommandInfo.ScriptBlock.Ast) {
            $ast = $CommandInfo.ScriptBlock.Ast
            $parameters = if ($ast -is [System.Management.Automation.Language.FunctionDefinitionAst]) {
                if ($ast.Body.ParamBlock) { $ast.Body.ParamBlock.Parameters } else { $ast.Parameters }
            }
            elseif ($ast.ParamBlock) { $ast.ParamBlock.Parameters }
            foreach ($p in @($parameters)) {
                if ($p -and $p.DefaultValue) { $defaults[$p.Name.VariablePath.UserPath] = $p.DefaultValue.Extent.Text }
            }
        }
        $defaults
    }

    $module = Import-Module $Path -PassThru -Force -DisableNameChecking | Select-Object -First 1
    $common = @([System.Management.Automation.Cmdlet]::CommonParameters) + @('UseTransaction')
    $all = @($module.ExportedCmdlets.Values) + @($module.ExportedFunctions.Values) |
        Where-Object { $n = $_.Name; @($Patterns | Where-Object { $n -like $_ }).Count } |
        Sort-Object Name
    foreach ($c in $all) {
        $defaults = Get-DefaultValue $c
        $sets = @($c.ParameterSets)
        $setModels = foreach ($set in $sets) {
            $members = @($set.Parameters | Where-Object Name -NotIn $common)
            $positional = @($members | Where-Object Position -GE 0 | Sort-Object Position)
            $named = @($members | Where-Object { $_.Position -lt 0 -and $_.Name -notin 'WhatIf', 'Confirm' })
            $ordered = @($positional) + @($named | Where-Object IsMandatory) + @($named | Where-Object { -not $_.IsMandatory }) +
                @($members | Where-Object { $_.Position -lt 0 -and $_.Name -in 'WhatIf', 'Confirm' })
            [pscustomobject]@{
                Name       = $set.Name
                IsDefault  = $set.IsDefault -and $sets.Count -gt 1
                Parameters = @(foreach ($p in $ordered) {
                        [pscustomobject]@{
                            Name        = $p.Name
                            Type        = Get-ShortTypeName $p.ParameterType
                            IsSwitch    = $p.ParameterType -eq [System.Management.Automation.SwitchParameter]
                            Required    = $p.IsMandatory
                            Position    = $p.Position
                            ByValue     = $p.ValueFromPipeline
                            ByProperty  = $p.ValueFromPipelineByPropertyName
                        }
                    })
            }
        }
        $parameters = foreach ($name in $c.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object) {
            $meta = $c.Parameters[$name]
            $inSets = foreach ($set in $sets) {
                $p = $set.Parameters | Where-Object Name -EQ $name | Select-Object -First 1
                if ($p) {
                    [pscustomobject]@{
                        Set        = $set.Name
                        Required   = $p.IsMandatory
                        Position   = $p.Position
                        ByValue    = $p.ValueFromPipeline
                        ByProperty = $p.ValueFromPipelineByPropertyName
                    }
                }
            }
            [pscustomobject]@{
                Name           = $name
                Type           = Get-ShortTypeName $meta.ParameterType
                FullType       = Get-FullTypeName $meta.ParameterType
                IsSwitch       = $meta.SwitchParameter
                Aliases        = @($meta.Aliases)
                AcceptedValues = @(Get-AcceptedValue $meta)
                Wildcards      = [bool]@($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count
                Default        = if ($defaults.ContainsKey($name)) { [string]$defaults[$name] } else { '' }
                Sets           = @($inSets)
            }
        }
        $outputs = foreach ($o in $c.OutputType) {
            if ($o.Type) { if ($o.Type -eq [void]) { 'None' } else { Get-FullTypeName $o.Type } } else { $o.Name }
        }
        [pscustomobject]@{
            Name          = $c.Name
            CommandType   = [string]$c.CommandType
            ModuleName    = $module.Name
            HelpFile      = if ($c.CommandType -eq 'Cmdlet' -and $c.HelpFile) { [System.IO.Path]::GetFileName($c.HelpFile) } else { "$($module.Name)-help.xml" }
            CmdletBinding = ($c.CommandType -eq 'Cmdlet') -or [bool]$c.CmdletBinding
            SetCount      = $sets.Count
            Sets          = @($setModels)
            Parameters    = @($parameters)
            Outputs       = @($outputs | Select-Object -Unique)
        }
    }
}

function Read-CommandModel {
    $path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ModulePath)
    if (-not (Test-Path -LiteralPath $path)) { throw "Module '$ModulePath' does not exist." }
    if ($InProcess) { return & $ReadModel $path $Command }
    $job = Start-Job -ScriptBlock $ReadModel -ArgumentList $path, $Command
    try {
        $null = Wait-Job $job
        $result = @(Receive-Job $job -ErrorAction Stop)
        if ($job.State -eq 'Failed') { throw "Reading the metadata of '$path' failed: $($job.ChildJobs[0].JobStateInfo.Reason)" }
        $result
    }
    finally { Remove-Job $job -Force }
}

#endregion

#region Generation

function Format-Syntax($Model, $Set) {
    $parts = @($Model.Name)
    foreach ($p in $Set.Parameters) {
        $name = "-$($p.Name)"
        if ($p.Position -ge 0) { $name = "[$name]" }
        $text = if ($p.IsSwitch) { $name } else { "$name <$($p.Type)>" }
        if (-not $p.Required) { $text = "[$text]" }
        $parts += $text
    }
    if ($Model.CmdletBinding) { $parts += '[<CommonParameters>]' }
    $parts -join ' '
}

function Get-SyntaxLine($Model) {
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($set in $Model.Sets) {
        $lines.Add("### $($set.Name)$(if ($set.IsDefault) { ' (Default)' })")
        $lines.Add('```')
        $lines.Add((Format-Syntax $Model $set))
        $lines.Add('```')
        $lines.Add('')
    }
    $lines.ToArray()
}

function Format-Pipeline($Entry) {
    if ($Entry.ByValue -and $Entry.ByProperty) { 'True (ByPropertyName, ByValue)' }
    elseif ($Entry.ByValue) { 'True (ByValue)' }
    elseif ($Entry.ByProperty) { 'True (ByPropertyName)' }
    else { 'False' }
}

function Get-YamlLine($Model, $Parameter) {
    # One block per group of sets in which the parameter has the same attributes (as PlatyPS does).
    $groups = [ordered]@{}
    foreach ($e in $Parameter.Sets) {
        $key = '{0}|{1}|{2}' -f $e.Required, $e.Position, (Format-Pipeline $e)
        if (-not $groups.Contains($key)) { $groups[$key] = [System.Collections.Generic.List[object]]::new() }
        $groups[$key].Add($e)
    }
    $default = if ($Parameter.IsSwitch) { if ($Parameter.Default) { $Parameter.Default } else { 'False' } }
    elseif ($Parameter.Default) { $Parameter.Default } else { 'None' }
    $lines = [System.Collections.Generic.List[string]]::new()
    foreach ($group in $groups.Values) {
        $first = $group[0]
        $sets = if ($groups.Count -eq 1 -and $group.Count -eq $Model.SetCount) { '(All)' } else { ($group | ForEach-Object Set) -join ', ' }
        if ($lines.Count) { $lines.Add('') }
        $lines.Add('```yaml')
        $lines.Add("Type: $($Parameter.Type)")
        $lines.Add("Parameter Sets: $sets")
        $lines.Add(("Aliases: $($Parameter.Aliases -join ', ')").TrimEnd())
        if ($Parameter.AcceptedValues.Count) { $lines.Add("Accepted values: $($Parameter.AcceptedValues -join ', ')") }
        $lines.Add('')
        $lines.Add("Required: $($first.Required)")
        $lines.Add("Position: $(if ($first.Position -ge 0) { $first.Position } else { 'Named' })")
        # A value nobody can leave out has no default.
        $lines.Add("Default value: $(if ($first.Required) { 'None' } else { $default })")
        $lines.Add("Accept pipeline input: $(Format-Pipeline $first)")
        $lines.Add("Accept wildcard characters: $($Parameter.Wildcards)")
        $lines.Add('```')
    }
    $lines.ToArray()
}

function Get-ParameterDescription($Parameter) {
    if ($ShouldProcessText.ContainsKey($Parameter.Name)) { return , $ShouldProcessText[$Parameter.Name] }
    , "{{ Fill $($Parameter.Name) Description }}"
}

function Get-ParameterSection($Model, $Parameter, [string[]] $Description) {
    @("### -$($Parameter.Name)") + $Description + @('') + (Get-YamlLine $Model $Parameter) + @('')
}

function Get-InputType($Model) {
    # type => binding description, from the parameters that take pipeline input.
    $types = [ordered]@{}
    foreach ($p in $Model.Parameters) {
        $how = @()
        if (@($p.Sets | Where-Object ByValue).Count) { $how += 'ByValue' }
        if (@($p.Sets | Where-Object ByProperty).Count) { $how += 'ByPropertyName' }
        if (-not $how) { continue }
        if (-not $types.Contains($p.FullType)) { $types[$p.FullType] = [System.Collections.Generic.List[string]]::new() }
        $types[$p.FullType].Add("-$($p.Name) ($($how -join ', '))")
    }
    $types
}

function New-Page($Model) {
    $uri = if ($OnlineVersionUri) { $OnlineVersionUri -f $Model.Name } else { '' }
    $lines = [System.Collections.Generic.List[string]]::new()
    $lines.AddRange([string[]]@(
            '---'
            "external help file: $($Model.HelpFile)"
            "Module Name: $($Model.ModuleName)"
            "online version: $uri".TrimEnd()
            'schema: 2.0.0'
            '---'
            ''
            "# $($Model.Name)"
            ''
            '## SYNOPSIS'
            '{{ Fill in the Synopsis }}'
            ''
            '## SYNTAX'
            ''))
    $lines.AddRange([string[]](Get-SyntaxLine $Model))
    $lines.AddRange([string[]]@(
            '## DESCRIPTION'
            '{{ Fill in the Description }}'
            ''
            '## EXAMPLES'
            ''
            '### Example 1: {{ Add example title }}'
            '```powershell'
            "PS C:\> {{ Add example code here }}"
            '```'
            ''
            '{{ Add example description here }}'
            ''
            '## PARAMETERS'
            ''))
    foreach ($p in $Model.Parameters) {
        $lines.AddRange([string[]](Get-ParameterSection $Model $p (Get-ParameterDescription $p)))
    }
    if ($Model.CmdletBinding) { $lines.AddRange([string[]]@('### CommonParameters', $CommonParametersText, '')) }
    $lines.AddRange([string[]]@('## INPUTS', ''))
    $inputs = Get-InputType $Model
    if ($inputs.Count -eq 0) { $lines.AddRange([string[]]@('### None', '')) }
    foreach ($type in $inputs.Keys) {
        $lines.AddRange([string[]]@("### $type", "{{ Fill in: what this input is. Binds to $($inputs[$type] -join '; ') }}", ''))
    }
    $lines.AddRange([string[]]@('## OUTPUTS', ''))
    if (-not $Model.Outputs) { $lines.AddRange([string[]]@('### None', '{{ No [OutputType] is declared: name the output type, or say that there is none }}', '')) }
    foreach ($type in $Model.Outputs) {
        $text = if ($type -eq 'None') { 'This cmdlet returns no output.' } else { '{{ Fill in: what this output is }}' }
        $lines.AddRange([string[]]@("### $type", $text, ''))
    }
    $lines.AddRange([string[]]@('## NOTES', '', '## RELATED LINKS', ''))
    $lines.ToArray()
}

#endregion

#region Updating an existing page

function Get-FenceState([string[]] $Lines) {
    # Per line: $null (text), 'open', 'code', 'close', as tools/HelpBuilder.psm1 reads fences.
    $state = [string[]]::new($Lines.Count)
    $info = [string[]]::new($Lines.Count)
    $open = $null
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        $t = $Lines[$i]
        if ($null -eq $open) {
            if ($t -match '^\s{0,3}(`{3,})\s*([^`]*?)\s*$') { $open = $Matches[1]; $state[$i] = 'open'; $info[$i] = $Matches[2] }
        }
        elseif ($t -match '^\s{0,3}(`{3,})\s*$' -and $Matches[1].Length -ge $open.Length) { $open = $null; $state[$i] = 'close' }
        else { $state[$i] = 'code' }
    }
    [pscustomobject]@{ State = $state; Info = $info; Unclosed = $null -ne $open }
}

function Find-Heading([string[]] $Lines, $Fence, [int] $Level, [int] $Start, [int] $End) {
    # Headings of exactly this level outside code blocks between [Start, End): Title, Index.
    $pattern = '^' + ('#' * $Level) + '\s+(.+?)\s*$'
    for ($i = $Start; $i -lt $End; $i++) {
        if ($null -eq $Fence.State[$i] -and $Lines[$i] -match $pattern) {
            [pscustomobject]@{ Title = $Matches[1]; Index = $i }
        }
    }
}

function Get-Range($Headings, [int] $End) {
    # Turns headings into ranges: Title, Start (the heading line), End (exclusive).
    $list = @($Headings)
    for ($k = 0; $k -lt $list.Count; $k++) {
        $stop = if ($k + 1 -lt $list.Count) { $list[$k + 1].Index } else { $End }
        [pscustomobject]@{ Title = $list[$k].Title; Start = $list[$k].Index; End = $stop }
    }
}

function Get-TrimmedBlock([string[]] $Lines) {
    # Drops leading and trailing blank lines.
    $a = 0; $b = $Lines.Count - 1
    while ($a -le $b -and $Lines[$a].Trim() -eq '') { $a++ }
    while ($b -ge $a -and $Lines[$b].Trim() -eq '') { $b-- }
    if ($a -gt $b) { return , @() }
    , @($Lines[$a..$b])
}

function Update-Page([string] $File, [string[]] $Lines, $Model) {
    $fence = Get-FenceState $Lines
    if ($fence.Unclosed) { throw "${File}: a code block is never closed; fix the page before -Update." }
    # Skip the front matter.
    $bodyStart = 0
    if ($Lines.Count -and $Lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $Lines.Count; $i++) { if ($Lines[$i].Trim() -eq '---') { $bodyStart = $i + 1; break } }
    }
    $sections = @(Get-Range (Find-Heading $Lines $fence 2 $bodyStart $Lines.Count) $Lines.Count)
    $byTitle = @{}
    foreach ($s in $sections) { $byTitle[$s.Title.ToUpperInvariant()] = $s }
    foreach ($required in 'SYNTAX', 'PARAMETERS', 'INPUTS', 'OUTPUTS') {
        if (-not $byTitle.ContainsKey($required)) { throw "${File}: no '## $required' section; fix the page before -Update." }
    }

    $replacements = @{}   # section start index => new lines of the whole section

    # SYNTAX: regenerated entirely.
    $replacements[$byTitle['SYNTAX'].Start] = @($Lines[$byTitle['SYNTAX'].Start], '') + (Get-SyntaxLine $Model)

    # PARAMETERS: keep descriptions (and any existing order), regenerate yaml.
    $section = $byTitle['PARAMETERS']
    $subs = @(Get-Range (Find-Heading $Lines $fence 3 ($section.Start + 1) $section.End) $section.End)
    $known = @{}
    foreach ($p in $Model.Parameters) { $known[$p.Name] = $p }
    $entries = [System.Collections.Generic.List[object]]::new()   # Name (or $null), Lines
    $done = @{}
    foreach ($sub in $subs) {
        $body = if ($sub.End - 1 -ge $sub.Start + 1) { @($Lines[($sub.Start + 1)..($sub.End - 1)]) } else { @() }
        if ($sub.Title -notmatch '^-(\w+)$') {
            if ($sub.Title -eq 'CommonParameters' -and -not $Model.CmdletBinding) { continue }
            $entries.Add([pscustomobject]@{ Name = $null; Title = $sub.Title; Lines = @($Lines[$sub.Start]) + (Get-TrimmedBlock $body) + @('') })
            continue
        }
        $name = $Matches[1]
        $parameter = $known.Keys | Where-Object { $_ -eq $name } | ForEach-Object { $known[$_] }
        $yamlAt = -1
        for ($k = $sub.Start + 1; $k -lt $sub.End; $k++) {
            if ($fence.State[$k] -eq 'open' -and $fence.Info[$k] -eq 'yaml') { $yamlAt = $k; break }
        }
        $description = if ($yamlAt -lt 0) { Get-TrimmedBlock $body }
        elseif ($yamlAt -gt $sub.Start + 1) { Get-TrimmedBlock @($Lines[($sub.Start + 1)..($yamlAt - 1)]) }
        else { @() }
        if (-not $parameter) {
            Write-Warning "${File}: -$name is no longer a parameter of $($Model.Name); its section is removed. Its description was: $(@($description) -join ' ')"
            continue
        }
        if (@($description).Count -eq 0) { $description = Get-ParameterDescription $parameter }
        $entries.Add([pscustomobject]@{ Name = $parameter.Name; Title = $sub.Title; Lines = Get-ParameterSection $Model $parameter $description })
        $done[$parameter.Name] = $true
    }
    foreach ($p in $Model.Parameters) {
        if ($done.ContainsKey($p.Name)) { continue }
        $new = [pscustomobject]@{ Name = $p.Name; Title = "-$($p.Name)"; Lines = Get-ParameterSection $Model $p (Get-ParameterDescription $p) }
        # Before the first parameter that sorts after it, else before CommonParameters, else last.
        $at = -1
        for ($k = 0; $k -lt $entries.Count; $k++) {
            if (($null -ne $entries[$k].Name -and [string]::Compare($entries[$k].Name, $p.Name, [StringComparison]::OrdinalIgnoreCase) -gt 0) -or
                ($null -eq $entries[$k].Name)) { $at = $k; break }
        }
        if ($at -lt 0) { $entries.Add($new) } else { $entries.Insert($at, $new) }
    }
    if ($Model.CmdletBinding -and -not @($entries | Where-Object Title -EQ 'CommonParameters').Count) {
        $entries.Add([pscustomobject]@{ Name = $null; Title = 'CommonParameters'; Lines = @('### CommonParameters', $CommonParametersText, '') })
    }
    $replacements[$section.Start] = @($Lines[$section.Start], '') + @($entries | ForEach-Object { $_.Lines })

    # INPUTS / OUTPUTS: add entries for types the metadata names and the page does not.
    $inputs = Get-InputType $Model
    $wanted = @{
        INPUTS  = @($inputs.Keys | ForEach-Object { [pscustomobject]@{ Type = $_; Text = "{{ Fill in: what this input is. Binds to $($inputs[$_] -join '; ') }}" } })
        OUTPUTS = @($Model.Outputs | ForEach-Object { [pscustomobject]@{ Type = $_; Text = $(if ($_ -eq 'None') { 'This cmdlet returns no output.' } else { '{{ Fill in: what this output is }}' }) } })
    }
    foreach ($title in 'INPUTS', 'OUTPUTS') {
        $section = $byTitle[$title]
        $subs = @(Get-Range (Find-Heading $Lines $fence 3 ($section.Start + 1) $section.End) $section.End)
        $have = @($subs | ForEach-Object Title)
        $missing = @($wanted[$title] | Where-Object Type -NotIn $have)
        if (-not $missing) {
            foreach ($t in $have) {
                if ($t -ne 'None' -and $t -notin @($wanted[$title] | ForEach-Object Type)) {
                    Write-Warning "${File}: ## $title documents '$t', which the metadata of $($Model.Name) does not name; check it."
                }
            }
            continue
        }
        $kept = foreach ($sub in $subs) {
            $body = if ($sub.End - 1 -ge $sub.Start + 1) { Get-TrimmedBlock @($Lines[($sub.Start + 1)..($sub.End - 1)]) } else { @() }
            # An empty or generated '### None' goes away once there is a real type.
            if ($sub.Title -eq 'None' -and (@($body).Count -eq 0 -or ($body -join ' ') -match '^\{\{.*\}\}$|^This cmdlet returns no output\.$')) { continue }
            @($Lines[$sub.Start]) + $body + @('')
        }
        $added = foreach ($m in $missing) { "### $($m.Type)", $m.Text, '' }
        $replacements[$section.Start] = @($Lines[$section.Start], '') + @($kept) + @($added)
    }

    # Reassemble.
    $result = [System.Collections.Generic.List[string]]::new()
    $i = 0
    while ($i -lt $Lines.Count) {
        if ($replacements.ContainsKey($i)) {
            $range = $sections | Where-Object Start -EQ $i
            $result.AddRange([string[]]$replacements[$i])
            $i = $range.End
        }
        else { $result.Add($Lines[$i]); $i++ }
    }
    $result.ToArray()
}

#endregion

function Write-Page([string] $Path, [string[]] $Lines, [string] $NewLine) {
    while ($Lines.Count -gt 1 -and $Lines[-1] -eq '' -and $Lines[-2] -eq '') { $Lines = $Lines[0..($Lines.Count - 2)] }
    $text = ($Lines -join $NewLine)
    if (-not $text.EndsWith($NewLine)) { $text += $NewLine }
    [System.IO.File]::WriteAllText($Path, $text, [System.Text.UTF8Encoding]::new($false))
}

$models = @(Read-CommandModel)
if ($models.Count -eq 0) { Write-Warning "Module '$ModulePath' exports no command matching '$($Command -join ', ')'."; return }
$docs = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($DocsPath)
if (-not (Test-Path -LiteralPath $docs)) {
    if ($PSCmdlet.ShouldProcess($docs, 'Create help folder')) { $null = New-Item -ItemType Directory -Path $docs -Force }
}

foreach ($model in $models) {
    $path = Join-Path $docs "$($model.Name).md"
    $action = 'Skipped'
    $content = $null
    if (-not (Test-Path -LiteralPath $path)) {
        $content = (New-Page $model) -join "`n"
        $newLine = "`n"
        if ($PSCmdlet.ShouldProcess($path, 'Create help page')) { Write-Page $path ($content -split "`n") $newLine; $action = 'Created' }
    }
    elseif ($Update) {
        $old = [System.IO.File]::ReadAllText($path)
        $newLine = if ($old.Contains("`r`n")) { "`r`n" } else { "`n" }
        $lines = $old -split '\r?\n'
        if ($lines.Count -and $lines[-1] -eq '') { $lines = if ($lines.Count -gt 1) { $lines[0..($lines.Count - 2)] } else { @() } }
        $new = Update-Page $path $lines $model
        $content = $new -join "`n"
        if ($content.TrimEnd() -eq ($lines -join "`n").TrimEnd()) { $action = 'Unchanged' }
        elseif ($PSCmdlet.ShouldProcess($path, 'Update SYNTAX and PARAMETERS of help page')) { Write-Page $path $new $newLine; $action = 'Updated' }
    }
    else { $content = [System.IO.File]::ReadAllText($path) }
    [pscustomobject]@{
        Command      = $model.Name
        Path         = $path
        Action       = $action
        Placeholders = if ($content) { [regex]::Matches($content, '\{\{.*?\}\}').Count } else { 0 }
    }
}

if ($Update) {
    $names = @($models | ForEach-Object Name)
    foreach ($page in Get-ChildItem -LiteralPath $docs -Filter '*.md' -File -ErrorAction SilentlyContinue) {
        if ($page.BaseName -notlike 'about_*' -and $page.BaseName -notin $names -and @($Command | Where-Object { $page.BaseName -like $_ }).Count) {
            Write-Warning "$($page.FullName): no exported command $($page.BaseName); delete or rename the page."
        }
    }
}
