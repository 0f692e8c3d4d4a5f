namespace QlikCloud.Emulator;

/// <summary>A tenant user as the users API shows it.</summary>
public sealed class EmulatorUser
{
    /// <summary>24 hex characters like Qlik's; left empty, <see cref="TenantEmulator.AddUser"/> assigns one.</summary>
    public string Id { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Email { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary><c>active</c>, <c>invited</c>, <c>disabled</c> or <c>deleted</c>; only an active user may be impersonated or act.</summary>
    public string Status { get; set; } = "active";
    public List<string> Roles { get; set; } = [];

    public EmulatorUser Clone() => new()
    {
        Id = Id, Subject = Subject, Email = Email, Name = Name, Status = Status, Roles = [.. Roles],
    };
}
