using QlikCloud.Emulator.Http;
using QlikCloud.Emulator.State;

namespace QlikCloud.Emulator.Clients;

/// <summary>Secret generation. The hint is the secret's last 5 characters (unconfirmed: Qlik documents a 5-character hint, not how it is derived).</summary>
internal static class ClientSecrets
{
    public const int MaxPerClient = 5;

    public static ClientSecret Add(OAuthClient client, string createdBy, DateTimeOffset now)
    {
        string value;
        do
        {
            value = Ids.Secret();
        }
        while (client.Secrets.Any(s => s.Hint == value[^5..]));
        var secret = new ClientSecret(value, value[^5..], now, createdBy);
        client.AddSecret(secret);
        return secret;
    }
}
