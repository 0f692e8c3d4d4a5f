// QlikCloud.Emulator standalone: a strict stand-in for one Qlik Cloud tenant, for Pester tests and demos.
// Its options are in Usage at the end of this file; `--help` prints them.
using System.Runtime.InteropServices;
using System.Text.Json;
using QlikCloud.Emulator;
using QlikCloud.Emulator.Http;

if (args.Any(arg => arg is "--help" or "-h" or "-?"))
{
    Console.WriteLine(Usage);
    return 0;
}

EmulatorOptions options;
int? tenantCount;
try
{
    (options, tenantCount) = ParseArguments(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or JsonException or OverflowException)
{
    Console.Error.WriteLine($"QlikCloud.Emulator: {ex.Message} (--help lists the options)");
    return 2;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

if (tenantCount is { } count)
{
    await using var fleet = await EmulatorFleet.StartAsync(count, options);
    for (var i = 0; i < count; i++)
    {
        Console.WriteLine($"QlikCloud.Emulator tenant {i + 1} of {count} listening on {fleet.Tenants[i].BaseUrl}");
    }
    await stop.Task;
}
else
{
    await using var emulator = await TenantEmulator.StartAsync(options);
    Console.WriteLine($"QlikCloud.Emulator listening on {emulator.BaseUrl}");
    await stop.Task;
}
return 0;

static (EmulatorOptions Options, int? TenantCount) ParseArguments(string[] args)
{
    var options = new EmulatorOptions();
    int? tenantCount = null;
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        switch (args[i])
        {
            case "--urls": options.Url = Value(); break;
            case "--admin-api-key": options.AdminApiKey = Value(); break;
            case "--tenants":
                tenantCount = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
                if (tenantCount < 1)
                {
                    throw new ArgumentException("--tenants needs a count of 1 or more");
                }
                break;
            case "--users":
                options.Users = JsonSerializer.Deserialize<List<EmulatorUser>>(File.ReadAllText(Value()), JsonBody.Web)
                    ?? throw new ArgumentException("--users file holds no users");
                break;
            case "--test-controls": options.EnableTestControls = true; break;
            case "--tier1-limit": options.Tier1Limit = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
            case "--tier2-limit": options.Tier2Limit = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
            case "--rate-window-seconds": options.RateLimitWindow = TimeSpan.FromSeconds(int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture)); break;
            case "--no-consent-rule": options.RequireTrustedConsent = false; break;
            case "--no-csp-cors-rule": options.RequireCspOriginForCors = false; break;
            case "--ignore-create-consent": options.IgnoreConsentAtCreate = true; break;
            case "--loopback-jwks": options.FetchLoopbackJwks = true; break;
            case "--any-loopback-port": options.AcceptAnyLoopbackPort = true; break;
            case "--token-lifetime-seconds": options.TokenLifetimeSeconds = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
            default: throw new ArgumentException($"unknown option '{args[i]}'");
        }
    }
    return (options, tenantCount);
}

partial class Program
{
    private const string Usage = """
        QlikCloud.Emulator: a strict stand-in for one Qlik Cloud tenant, for Pester tests and demos.

        Usage: dotnet run --project tests/QlikCloud.Emulator -- [options]

          --urls <url>                  loopback URL to bind (default http://127.0.0.1:0; port 0 picks a free port)
          --admin-api-key <key>         the API key acting as the seeded TenantAdmin (default EmulatorDefaults.AdminApiKey)
          --tenants <n>                 serve n separate tenants of one region on consecutive ports from the --urls port
                                        (port 0 finds n free consecutive ports); all share the admin API key and the other
                                        options, each has its own clients, users, tokens, CSP entries and rate limits, and
                                        tenant i's id ends in i as four digits (EmulatorFleet.TenantIdOf)
          --users <path>                JSON array of users replacing the seed: [{"id","subject","email","name","status","roles":[...]}]
          --test-controls               serve /_emulator/* (reset, users, faults, outage, stop, requests, rate-limits, consent-rule,
                                        sign-in-consent, tokens/invalidate; each tenant of a fleet its own), and let a login_hint
                                        naming a user sign in at /oauth/authorize at once and answer its consent screen (Allow;
                                        sign-in-consent {"allow":false} denies). POST outage {"status":503} fails every other
                                        request of the tenant until DELETE outage or reset; POST stop answers 202, then the
                                        tenant's port refuses connections for good
          --tier1-limit <n>             GET requests per window per caller (default 5000)
          --tier2-limit <n>             write and /oauth/token requests per window per caller (default 500)
          --rate-window-seconds <n>     the sliding rate-limit window (default 300)
          --no-consent-rule             issue M2M/impersonation tokens even when the client's consent is not trusted
          --no-csp-cors-rule            let a browser origin in by the client's allowedOrigins alone, without a CSP entry
          --ignore-create-consent       apply no connectionConfig at create: clients start "required" until the consent call
          --loopback-jwks               take a jwksUri on a loopback address (http too) and fetch it for every private key JWT
                                        assertion (5 s timeout; a failed fetch refuses the token: 401 OAUTH-3).
                                        Without it only https jwksUris register, and their assertions are refused: the
                                        emulator never fetches from the network. With --test-controls it serves test JWKS
                                        documents itself: PUT then GET /_emulator/jwks/<name>.
          --any-loopback-port           /oauth/authorize takes a loopback redirect URI registered with another port
                                        (RFC 8252 7.3; unconfirmed for Qlik, so off by default: the match is exact)
          --token-lifetime-seconds <n>  access token lifetime (default 21600 = 6 h)
          --help, -h                    print this and exit

        Once listening it prints exactly one line, "QlikCloud.Emulator listening on http://127.0.0.1:<port>", with the
        real port, and runs until Ctrl+C or SIGTERM. With --tenants n it prints n lines instead, in port order,
        "QlikCloud.Emulator tenant <i> of <n> listening on http://127.0.0.1:<port>". Bad options print a message to stderr and exit with code 2.
        """;
}
