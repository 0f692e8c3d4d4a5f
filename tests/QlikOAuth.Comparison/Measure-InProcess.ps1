<#
.SYNOPSIS
    The per-call pairs of the comparison, measured in this one pwsh process against a running emulated tenant.
    Compare.ps1 runs it in a fresh pwsh; it writes one JSON object (the figures of the -Parts it measured) as its last
    output line.

.DESCRIPTION
    Each round runs every variant for -CallsPerRound calls in a row, in an order that rotates from round to round, so
    a burst of load on the shared machine hits all variants alike. Every call is timed alone, and the figure of a
    variant is the median of all its calls: timed as whole rounds, a garbage collection or a descheduled thread that
    lands in one variant's round moved the same pairs by 10 to 25% between runs on this 2-core machine. Calls of a
    variant run in a row, as a script's loop makes them: alternated call by call, each call would also pay for the
    caches the other variants cooled, which is the previous variant's cost, not its own. Every variant pays the same
    timing around its call.

    Before the rounds, the variants run interleaved for -WarmupSeconds. A fresh process (this pwsh, and the emulator
    every variant calls) runs its first seconds of traffic about three times slower while tiered JIT recompiles the
    hot code; rounds measured on that slope compare JIT states, not the code, and the cost of the slowest part (the
    round trip) would hide what the module adds to it.

    -Parts: Wire (an uncached token against the same POST made without the module), Cached (a cached token against a
    trivial cmdlet), Keys (private key JWT against a client secret, a password-protected key against an unprotected
    one), Bulk (impersonation tokens at -BulkThrottleLimit), Heap (the token cache's memory).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $TrivialModulePath,
    [Parameter(Mandatory)] [string] $TenantUrl,
    [Parameter(Mandatory)] [string] $ApiKey,
    [Parameter(Mandatory)] [string] $UserIdsFile,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $ClientSecret,
    [int] $Rounds = 250,
    [int] $CallsPerRound = 20,
    [int] $CachedTokens = 20000,
    [int] $ThrottleLimit = 4,
    [int] $BulkUsers = 2000,
    [int] $BulkThrottleLimit = 8,
    [int] $BulkRounds = 10,
    [double] $WarmupSeconds = 10,
    [string[]] $Parts = @('Wire', 'Cached', 'Keys', 'Bulk', 'Heap')
)

$ErrorActionPreference = 'Stop'
$Parts = @($Parts -split ',')   # a list given through `pwsh -File` arrives as one comma-separated string
. (Join-Path $PSScriptRoot 'Measures.ps1')
Import-Module $ModulePath
Import-Module $TrivialModulePath

$session = Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -TokenCacheSize ($CachedTokens * 2)
$credential = [pscredential]::new($ClientId, (ConvertTo-SecureString $ClientSecret -AsPlainText -Force))
$tokenUrl = "$($TenantUrl.TrimEnd('/'))/oauth/token"
# The body the module sends for Get-QlikAccessToken without -Scope: no scope member (the client's scopes apply).
$body = @{ grant_type = 'client_credentials'; client_id = $ClientId; client_secret = $ClientSecret } | ConvertTo-Json -Compress
$http = [System.Net.Http.HttpClient]::new()
$UserIds = Get-Content $UserIdsFile -Raw | ConvertFrom-Json

# Interleaved rounds of the named variants, each call timed alone; returns the median microseconds per call of each.
function Measure-Interleaved([System.Collections.Specialized.OrderedDictionary] $Variants) {
    $names = @($Variants.Keys)
    $samples = @{}
    foreach ($name in $names) { $samples[$name] = [System.Collections.Generic.List[double]]::new() }
    $warmup = [System.Diagnostics.Stopwatch]::StartNew()
    do {
        foreach ($name in $names) { $null = & $Variants[$name] }
    } while ($warmup.Elapsed.TotalSeconds -lt $WarmupSeconds)
    $ticksPerMicrosecond = [System.Diagnostics.Stopwatch]::Frequency / 1e6
    for ($round = 0; $round -lt $Rounds; $round++) {
        for ($k = 0; $k -lt $names.Count; $k++) {
            $name = $names[($round + $k) % $names.Count]
            $call = $Variants[$name]
            $times = $samples[$name]
            for ($i = 0; $i -lt $CallsPerRound; $i++) {
                $started = [System.Diagnostics.Stopwatch]::GetTimestamp()
                $null = & $call
                $times.Add(([System.Diagnostics.Stopwatch]::GetTimestamp() - $started) / $ticksPerMicrosecond)
            }
        }
    }
    $medians = [ordered]@{}
    foreach ($name in $names) { $medians[$name] = Get-Median $samples[$name].ToArray() }
    $medians
}

$figures = [ordered]@{}

$null = Get-QlikAccessToken -Credential $credential -NoCache
if ($Parts -contains 'Wire') {
    # The engine alone, called from this script without a cmdlet: the module's own client on its own connection. Its
    # types are public but live in the module's load context, which PowerShell's type names do not reach, hence reflection.
    $engineAssembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'QlikOAuth.Engine' }
    $engineConnection = [Activator]::CreateInstance($engineAssembly.GetType('QlikOAuth.Engine.Http.QlikConnection'), @([uri] $TenantUrl, $null, $null, $null))
    $engineClient = $engineAssembly.GetType('QlikOAuth.Engine.Tokens.ClientSecretAuthentication').GetMethod('For').Invoke($null, @($ClientId, $credential.Password))
    $engineIssuer = [Activator]::CreateInstance($engineAssembly.GetType('QlikOAuth.Engine.Tokens.TokenIssuer'), @($engineConnection, $engineClient, $null, $null, $null))
    $noCancellation = [System.Threading.CancellationToken]::None

    $wire = Measure-Interleaved ([ordered]@{
            engine  = { $engineIssuer.GetAccessTokenAsync($noCancellation).GetAwaiter().GetResult() }
            module  = { Get-QlikAccessToken -Credential $credential -NoCache }
            compiledPost = { Invoke-TrivialPost -Uri $tokenUrl -Body $body }
            http    = { $http.PostAsync($tokenUrl, [System.Net.Http.StringContent]::new($body, [System.Text.Encoding]::UTF8, 'application/json')).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult() }
            restMethod = { Invoke-RestMethod -Method Post -Uri $tokenUrl -Body $body -ContentType 'application/json' }
        })
    $figures.moduleNoCacheUs = $wire.module
    $figures.httpClientUs = $wire.http
    $figures.compiledPostUs = $wire.compiledPost
    $figures.engineUs = $wire.engine
    $figures.invokeRestMethodUs = $wire.restMethod
}

if ($Parts -contains 'Cached') {
    $null = Get-QlikAccessToken -Credential $credential
    $cached = Measure-Interleaved ([ordered]@{
            module  = { Get-QlikAccessToken -Credential $credential }
            trivial = { Get-TrivialValue }
        })
    $figures.moduleCachedUs = $cached.module
    $figures.trivialCmdletUs = $cached.trivial
}

# Private key JWT through the session, which reads a key file once (the file is hashed on each call, so a change is
# seen): against a client secret, and a password-protected key against the same unprotected. Each key is its own M2M
# client. With -TenantUrl there is no session to keep the key, so every call reads, proves (and decrypts) the file:
# that figure is shown beside them, without a goal.
if ($Parts -contains 'Keys') {
    $keyDirectory = Join-Path ([System.IO.Path]::GetTempPath()) "qlikoauth-compare-$PID"
    $null = [System.IO.Directory]::CreateDirectory($keyDirectory)
    try {
        $keyPassword = ConvertTo-SecureString "compare-$([guid]::NewGuid())" -AsPlainText -Force
        $plainPath = Join-Path $keyDirectory 'plain.pem'
        $protectedPath = Join-Path $keyDirectory 'protected.pem'
        $plain = New-QlikOAuthKey -Path $plainPath -Force | New-QlikOAuthClient -Name 'compare plain key' -Scope user_default -Trusted
        $protected = New-QlikOAuthKey -Path $protectedPath -Password $keyPassword -Force | New-QlikOAuthClient -Name 'compare protected key' -Scope user_default -Trusted
        # The floor of a private key JWT token: one RS256 signature with the same key, over as many bytes as an
        # assertion has, on top of a client-secret token. Timed from the script, so it carries a method call's cost too.
        $signingKey = [System.Security.Cryptography.RSA]::Create()
        $signingKey.ImportFromPem((Get-Content -Raw $plainPath))
        $assertionBytes = [byte[]]::new(600)
        [System.Security.Cryptography.RandomNumberGenerator]::Fill($assertionBytes)
        $sha256 = [System.Security.Cryptography.HashAlgorithmName]::SHA256
        $pkcs1 = [System.Security.Cryptography.RSASignaturePadding]::Pkcs1
        $keys = Measure-Interleaved ([ordered]@{
                secret    = { Get-QlikAccessToken -Credential $credential -NoCache }
                key       = { Get-QlikAccessToken -ClientId $plain.ClientId -PrivateKeyPath $plainPath -KeyId $plain.KeyId -NoCache }
                protected = { Get-QlikAccessToken -ClientId $protected.ClientId -PrivateKeyPath $protectedPath -KeyPassword $keyPassword -KeyId $protected.KeyId -NoCache }
                keyByUrl  = { Get-QlikAccessToken -ClientId $plain.ClientId -PrivateKeyPath $plainPath -KeyId $plain.KeyId -NoCache -TenantUrl $TenantUrl }
                signature = { $signingKey.SignData($assertionBytes, $sha256, $pkcs1) }
            })
        $figures.secretNoCacheUs = $keys.secret
        $figures.keyNoCacheUs = $keys.key
        $figures.protectedKeyNoCacheUs = $keys.protected
        $figures.keyByUrlNoCacheUs = $keys.keyByUrl
        $figures.signatureUs = $keys.signature
    }
    finally {
        [System.IO.Directory]::Delete($keyDirectory, $true)
    }
}

# Users as a CSV would give them; made before any heap reading, so only what the cache keeps is counted there.
$users = @($UserIds | Select-Object -First ([math]::Max($CachedTokens, $BulkUsers)) | ForEach-Object { [pscustomobject]@{ UserId = $_ } })

# Bulk: impersonation tokens for distinct users at -BulkThrottleLimit, no cache; the best and the median of the rounds
# (tokens a second), and the CPU time this process spent per token over them. First -WarmupSeconds of the same rounds, unmeasured: the emulator's impersonation path is as cold
# as this process's when the part starts, and 2,000 tokens take a tenth of a second, so without it the rounds measured
# the tiered JIT of both processes (1.8x to 2.0x of @qlik/api when the part ran alone, 4.2x to 5.3x after the others).
if ($Parts -contains 'Bulk') {
    $bulkInput = @($users | Select-Object -First $BulkUsers)
    $warmup = [System.Diagnostics.Stopwatch]::StartNew()
    while ($warmup.Elapsed.TotalSeconds -lt $WarmupSeconds) {
        $null = $bulkInput | Get-QlikImpersonationToken -Credential $credential -ThrottleLimit $BulkThrottleLimit -NoCache
    }
    $process = [System.Diagnostics.Process]::GetCurrentProcess()
    $cpuBefore = $process.TotalProcessorTime
    $bulkRates = foreach ($round in 1..$BulkRounds) {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $issued = @($bulkInput | Get-QlikImpersonationToken -Credential $credential -ThrottleLimit $BulkThrottleLimit -NoCache).Count
        if ($issued -ne $bulkInput.Count) { throw "Bulk round $round issued $issued of $($bulkInput.Count) tokens." }
        $bulkInput.Count / $watch.Elapsed.TotalSeconds
    }
    $figures.bulkTokensPerSecond = ($bulkRates | Measure-Object -Maximum).Maximum
    $figures.bulkMedianTokensPerSecond = Get-Median $bulkRates
    $process.Refresh()
    $figures.bulkCpuUsPerToken = ($process.TotalProcessorTime - $cpuBefore).TotalMicroseconds / ($BulkRounds * $bulkInput.Count)
}

if ($Parts -contains 'Heap') {
    # Heap per cached token, on a session whose cap is above the number of users.
    $heapUsers = @($users | Select-Object -First $CachedTokens)
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $before = [GC]::GetTotalMemory($true)
    $heapUsers | Get-QlikImpersonationToken -Credential $credential -ThrottleLimit $ThrottleLimit | Out-Null
    $after = [GC]::GetTotalMemory($true)
    $figures.heapBytesPerToken = ($after - $before) / $heapUsers.Count
    $figures.cachedTokens = $heapUsers.Count

    # The same run on a session with the default cap: the heap is bounded by the cap, not by the number of users.
    $capped = Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -NoDefault
    Disconnect-QlikTenant -Session $session
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $before = [GC]::GetTotalMemory($true)
    $heapUsers | Get-QlikImpersonationToken -Session $capped -Credential $credential -ThrottleLimit $ThrottleLimit | Out-Null
    $figures.cappedHeapGrowthBytes = [GC]::GetTotalMemory($true) - $before
}

[pscustomobject]$figures | ConvertTo-Json -Compress
