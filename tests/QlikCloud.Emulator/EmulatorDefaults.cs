namespace QlikCloud.Emulator;

/// <summary>The seeded tenant: constants tests and scripts can name without asking the emulator.</summary>
public static class EmulatorDefaults
{
    /// <summary>Development-only API key of the seeded TenantAdmin. Never a real credential.</summary>
    public const string AdminApiKey = "qlik-emulator-dev-admin-api-key";

    public const string TenantId = "emulatortenant000000000000000001";

    public const string AdminUserId = "650000000000000000000001";
    public const string AdminSubject = "auth0|admin";
    public const string AdminEmail = "admin@example.com";

    public const string AliceId = "6500000000000000000000a1";
    public const string AliceSubject = "auth0|alice";
    public const string AliceEmail = "alice@example.com";

    public const string BobId = "6500000000000000000000b0";
    public const string BobSubject = "auth0|bob";
    public const string BobEmail = "bob@example.com";

    public const string CarolId = "6500000000000000000000c0";
    public const string CarolSubject = "auth0|carol";
    public const string CarolEmail = "carol@example.com";

    /// <summary>A disabled user: impersonating it must fail with OAUTH-8.</summary>
    public const string DisabledId = "6500000000000000000000d0";
    public const string DisabledSubject = "auth0|dave";
    public const string DisabledEmail = "dave@example.com";

    /// <summary>Two users share <see cref="SharedEmail"/>: an email lookup then finds several matches.</summary>
    public const string SharedEmail = "shared@example.com";
    public const string Twin1Id = "6500000000000000000000e1";
    public const string Twin1Subject = "auth0|twin1";
    public const string Twin2Id = "6500000000000000000000e2";
    public const string Twin2Subject = "auth0|twin2";

    public const string TenantAdminRole = "TenantAdmin";

    public static List<EmulatorUser> CreateUsers() =>
    [
        User(AdminUserId, AdminSubject, AdminEmail, "Tenant Admin", "active", TenantAdminRole),
        User(AliceId, AliceSubject, AliceEmail, "Alice", "active"),
        User(BobId, BobSubject, BobEmail, "Bob", "active"),
        User(CarolId, CarolSubject, CarolEmail, "Carol", "active"),
        User(DisabledId, DisabledSubject, DisabledEmail, "Dave (disabled)", "disabled"),
        User(Twin1Id, Twin1Subject, SharedEmail, "Twin One", "active"),
        User(Twin2Id, Twin2Subject, SharedEmail, "Twin Two", "active"),
    ];

    private static EmulatorUser User(string id, string subject, string email, string name, string status, params string[] roles) =>
        new() { Id = id, Subject = subject, Email = email, Name = name, Status = status, Roles = [.. roles] };
}
