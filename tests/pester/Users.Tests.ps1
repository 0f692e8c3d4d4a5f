# Users as a user sees them in a full pwsh: the default view in 80 columns, and real Import-Csv rows into New-QlikUser.
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    Reset-TestTenant # the CSV rows must be new to this tenant
    $script:work = New-TestDirectory 'users'
}

AfterAll {
    Remove-Item $work -Recurse -Force
}

Describe 'Users as PowerShell shows them' {
    BeforeAll {
        Connect-TestTenant | Out-Null
    }

    It 'fits a user table in 80 columns: name, email, status and id' {
        $alice = Get-QlikUser -Email alice@example.com
        $view = $alice | Out-String -Width 80
        Assert-FitsWithoutSqueezedColumns $view 80
        $view | Should -Match 'Name\s+Email\s+Status\s+UserId'
        $view | Should -Match ([regex]::Escape($alice.UserId))
    }

    It 'creates the rows of a CSV file once, and nothing the second time' {
        $csv = Join-Path $work 'users.csv'
        'Subject,Email,Name', 'pester|ann,ann@example.com,Ann', 'pester|ben,ben@example.com,Ben' | Set-Content $csv
        $first = Import-Csv $csv | New-QlikUser
        $second = Import-Csv $csv | New-QlikUser
        $first.Created | Should -Be @($true, $true)
        $second.Created | Should -Be @($false, $false)
        $second.UserId | Should -Be $first.UserId
    }
}
