# Many tenants in real pwsh, against a fleet of emulated tenants in one process (--tenants): sessions from a CSV, one
# sync across the fleet with two failing tenants, a second run that writes nothing anywhere, and one published client's
# tokens from each tenant (section 8.3).
BeforeAll {
    . $PSScriptRoot/TestEnvironment.ps1
    $script:fleet = Start-TestFleet -Tenants 8
    $script:directory = New-TestDirectory 'fleet'
    $fleet.Urls | ForEach-Object { [pscustomobject]@{ Customer = "customer of $_"; TenantUrl = $_ } } |
        Export-Csv -Path (Join-Path $directory 'tenants.csv')
    New-Item -ItemType Directory -Path (Join-Path $directory 'clients') | Out-Null
    foreach ($name in 'alpha', 'beta', 'gamma') {
        Set-Content -Path (Join-Path $directory "clients/$name.json") -Value (
            '{"schemaVersion":1,"clientName":"' + $name + '","allowedAuthMethods":["client_secret"],"allowedGrantTypes":["client_credentials"],"allowedScopes":["user_default"]}')
    }

    # Invoke-RestMethod writes the JSON array as one object: ForEach-Object writes its items.
    function Get-FleetRequests([int] $Tenant) { @(Invoke-RestMethod -Uri "$($fleet.Urls[$Tenant])/_emulator/requests" | ForEach-Object { $_ }) }
    function Get-FleetClientNames([int] $Tenant) {
        $headers = @{ Authorization = "Bearer $ApiKeyText" }
        @((Invoke-RestMethod -Uri "$($fleet.Urls[$Tenant])/api/v1/oauth-clients?limit=100" -Headers $headers).data.clientName | Sort-Object)
    }
}

AfterAll {
    Stop-TestFleet $fleet
    Remove-Item $directory -Recurse -Force
}

Describe 'Many tenants' {
    It 'connects one session per row of a CSV, in its order, and makes none the default' {
        $before = $global:QlikOAuthDefaultSession
        $script:sessions = Import-Csv (Join-Path $directory 'tenants.csv') | Connect-QlikTenant -ApiKey $ApiKey

        $sessions.Count | Should -Be 8
        $sessions.TenantUrl.GetLeftPart('Authority') | Should -Be $fleet.Urls
        $global:QlikOAuthDefaultSession | Should -Be $before
    }

    It 'syncs every tenant; two failing tenants give one error each naming them, and the others converge' {
        # Tenant 2 answers 503 to every create; tenant 5 drops every connection (no answer at all).
        Invoke-RestMethod -Method Post -Uri "$($fleet.Urls[2])/_emulator/faults" -ContentType application/json -Body '{"pathPrefix":"/api/v1/oauth-clients","method":"POST","status":503,"count":1000}' | Out-Null
        Invoke-RestMethod -Method Post -Uri "$($fleet.Urls[5])/_emulator/faults" -ContentType application/json -Body '{"pathPrefix":"/api/v1/","dropConnection":true,"count":1000}' | Out-Null

        $results = Sync-QlikOAuthClient -Session $sessions -Path "$directory/clients/*.json" -ThrottleLimit 4 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 2
        $failures.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'SyncTenantFailed,*' }
        ($failures | Where-Object { $_.Exception.Message -like "*$($fleet.Urls[2])*" }).Exception.Message | Should -BeLike '*Nothing was changed there*'
        @($failures | Where-Object { $_.Exception.Message -like "*$($fleet.Urls[5])*" }).Count | Should -Be 1
        foreach ($tenant in 0, 1, 3, 4, 6, 7) {
            Get-FleetClientNames $tenant | Should -Be 'alpha', 'beta', 'gamma'
            @($results | Where-Object { $_.Session.TenantUrl.GetLeftPart('Authority') -eq $fleet.Urls[$tenant] -and $_.Action -eq 'Created' }).Count | Should -Be 3
        }
        Get-FleetClientNames 2 | Should -BeNullOrEmpty
    }

    It 'changes nothing on a second run' {
        foreach ($tenant in 0..7) { Invoke-RestMethod -Method Delete -Uri "$($fleet.Urls[$tenant])/_emulator/requests" | Out-Null }

        $results = Sync-QlikOAuthClient -Session $sessions -Path "$directory/clients/*.json" -ErrorAction SilentlyContinue

        @($results | Where-Object Action -ne 'Unchanged') | Should -BeNullOrEmpty
        $results.Count | Should -Be 18
        foreach ($tenant in 0, 1, 3, 4, 6, 7) {
            $requests = Get-FleetRequests $tenant
            $requests.Count | Should -BeGreaterThan 0
            @($requests | Where-Object method -ne 'GET') | Should -BeNullOrEmpty
        }
    }

    It 'gets a token on each tenant with one published client, and each tenant keeps its own consent' {
        $published = New-QlikOAuthClient -Session $sessions[0] -Name 'published automation' -Scope user_default -Trusted
        Publish-QlikOAuthClient -Session $sessions[0] -ClientId $published.ClientId
        foreach ($tenant in 1, 3) { Set-QlikOAuthConsent -Session $sessions[$tenant] -ClientId $published.ClientId -Method Trusted }

        $tokens = foreach ($tenant in 0, 1, 3) { Get-QlikAccessToken -TenantUrl $fleet.Urls[$tenant] -Credential $published.Credential }
        Get-QlikAccessToken -TenantUrl $fleet.Urls[4] -Credential $published.Credential -ErrorAction SilentlyContinue -ErrorVariable refused

        $tokens.TenantUrl.GetLeftPart('Authority') | Should -Be $fleet.Urls[0], $fleet.Urls[1], $fleet.Urls[3]
        $tokens.ClientId | Sort-Object -Unique | Should -Be $published.ClientId
        # Tenant 4 never trusted it: its own consent refuses, whatever the other tenants said.
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'TokenRefused.*'
    }

    AfterAll {
        Disconnect-QlikTenant -Session $sessions
    }
}
