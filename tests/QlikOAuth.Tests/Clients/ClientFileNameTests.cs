using QlikOAuth.Engine.Clients;

namespace QlikOAuth.Tests.Clients;

/// <summary>A client's definition file name is the same on every file system and never a reserved name.</summary>
public sealed class ClientFileNameTests
{
    [Theory]
    [InlineData("Embedded analytics", "embedded-analytics.json")]
    [InlineData("ETL / nightly: loads?", "etl-nightly-loads.json")]
    [InlineData("  ..hidden..  ", "hidden.json")]
    [InlineData("Café", "caf.json")]
    [InlineData("***", "client.json")]
    [InlineData("", "client.json")]
    [InlineData("CON", "con-client.json")]
    [InlineData("nul.txt", "nul-client.txt.json")]
    [InlineData("Com0.Prod", "com0-client.prod.json")]
    [InlineData("v1.2_prod-eu", "v1.2_prod-eu.json")]
    public void TheNameIsMadeSafe(string clientName, string expected) => Assert.Equal(expected, ClientFileName.Of(clientName));

    /// <summary>Windows opens the device for a device name followed by any extension, so the part before the first dot is what counts.</summary>
    [Theory]
    [InlineData("con")]
    [InlineData("PRN")]
    [InlineData("aux")]
    [InlineData("Nul")]
    [InlineData("com0")]
    [InlineData("COM9")]
    [InlineData("lpt0")]
    [InlineData("lpt5")]
    public void NoFileStartsWithADeviceName(string device)
    {
        foreach (string name in new[] { device, device + ".txt", device + ".a.b", device + " .prod", device + "..x" })
        {
            string fileName = ClientFileName.Of(name);
            string beforeFirstDot = fileName.Split('.')[0];
            Assert.False(
                string.Equals(beforeFirstDot, device, StringComparison.OrdinalIgnoreCase),
                $"'{name}' gave '{fileName}', which Windows opens as the {device} device");
        }
    }

    [Fact]
    public void ALongNameIsCutToAHundredCharacters() => Assert.Equal(new string('a', 100) + ".json", ClientFileName.Of(new string('A', 300)));
}
