# The examples of the MAML help name only parameters the module's cmdlets really have, so a renamed
# parameter cannot leave a stale example behind. Parsed, not run: they need a real tenant's names.
BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:cmdlets = Get-Command -Module QlikOAuth | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

    # "Cmdlet -Parameter" for every parameter an example passes to a QlikOAuth cmdlet that the cmdlet lacks.
    function Get-UnknownParameter([string] $Code) {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
        foreach ($call in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
            $command = Get-Command -Module QlikOAuth -Name $call.GetCommandName() -ErrorAction SilentlyContinue
            if (-not $command) { continue }
            foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                if ($parameter.ParameterName -notin @($command.Parameters.Keys) + $common) { "$($command.Name) -$($parameter.ParameterName)" }
            }
        }
    }
}

Describe 'Help examples of <Name>' -ForEach $cmdlets {
    It 'use only parameters the cmdlets have' {
        $examples = @((Get-Help $Name -Full).Examples.Example)
        $examples.Count | Should -BeGreaterThan 0
        $examples | ForEach-Object { Get-UnknownParameter ($_.Code | Out-String) } | Should -BeNullOrEmpty
    }
}
