BeforeDiscovery {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:cmdlets = Get-Command -Module QlikOAuth | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $script:help = Get-Help $Name -Full
    }

    It 'has a synopsis of its own' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and an explanation' {
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $first = @($help.Examples.Example)[0]
        $first.Code | Should -Not -BeNullOrEmpty
        ($first.Remarks | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'describes every parameter' {
        $undocumented = @($help.Parameters.Parameter | Where-Object { -not ($_.Description | Out-String).Trim() } | ForEach-Object Name)
        $undocumented | Should -BeNullOrEmpty
    }
}

Describe 'about_QlikOAuth' {
    It 'is available through Get-Help' {
        (Get-Help about_QlikOAuth | Out-String) | Should -Match 'Connect-QlikTenant'
    }
}
