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
    [InlineData("nul.txt", "nul.txt-client.json")]
    [InlineData("v1.2_prod-eu", "v1.2_prod-eu.json")]
    public void TheNameIsMadeSafe(string clientName, string expected) => Assert.Equal(expected, ClientFileName.Of(clientName));

    [Fact]
    public void ALongNameIsCutToAHundredCharacters() => Assert.Equal(new string('a', 100) + ".json", ClientFileName.Of(new string('A', 300)));
}
