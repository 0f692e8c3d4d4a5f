using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Users;

/// <summary>
/// New-QlikUser with rows of several sessions (a Session column): a session whose sign-in is refused stops its own rows,
/// never another session's.
/// </summary>
public sealed class NewUserAcrossSessionsTests : TenantTestBase
{
    [Fact]
    public async Task ASessionWhoseSignInIsRefusedLeavesTheOtherSessionsRowsToBeCreated()
    {
        EmulatorRest.Client admin = await EmulatorRest.CreateAdminClientAsync(Emulator);
        Shell.SetVariable("AdminCredential", new PSCredential(admin.ClientId, Secure(admin.Secret)));

        // Session $a signs in with a client that is then deleted: its next call is refused (invalid_client). Rows
        // alternate between $a and $b, one at a time, so $a's refusal comes first.
        RunResult result = Shell.Run(
            "$a = Connect-QlikTenant $TenantUrl -Credential $AdminCredential -NoDefault\n" +
            "$b = Connect-QlikTenant $TenantUrl -ApiKey $ApiKey -NoDefault\n" +
            "Remove-QlikOAuthClient -Session $b -ClientId $AdminCredential.UserName -Force\n" +
            "1..6 | ForEach-Object { [pscustomobject]@{ Subject = \"across|$_\"; Email = \"across$_@example.com\"; Session = if ($_ % 2) { $a } else { $b } } } |\n" +
            "    New-QlikUser -ThrottleLimit 1 -Confirm:$false");

        Assert.Null(result.Terminating);
        Assert.Equal(["across|2", "across|4", "across|6"], result.Output.Select(user => user.Prop<string>("Subject")));
        Assert.Equal(["across|1", "across|3", "across|5"], result.Errors.Select(error => error.TargetObject?.ToString()));
        Assert.All(result.Errors, error => Assert.StartsWith("TokenRefused.UnknownClient", error.FullyQualifiedErrorId));
        Assert.StartsWith("User across|1 not created: ", result.Errors[0].ErrorDetails.Message);
    }
}
