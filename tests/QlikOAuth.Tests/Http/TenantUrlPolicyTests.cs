using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;

namespace QlikOAuth.Tests.Http;

public sealed class TenantUrlPolicyTests
{
    [Theory]
    [InlineData("https://acme.eu.qlikcloud.com", "https://acme.eu.qlikcloud.com/")]
    [InlineData("https://acme.eu.qlikcloud.com/hub/home?x=1", "https://acme.eu.qlikcloud.com/")]
    [InlineData("https://analytics.acme.example:8443/", "https://analytics.acme.example:8443/")]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://localhost:5080", "http://localhost:5080/")]
    [InlineData("http://[::1]:5080", "http://[::1]:5080/")]
    public void KeepsSchemeHostAndPortOnly(string given, string expected) =>
        Assert.Equal(expected, TenantUrlPolicy.Normalize(new Uri(given)).ToString());

    [Theory]
    [InlineData("http://acme.eu.qlikcloud.com")]
    [InlineData("http://10.0.0.5")]
    [InlineData("ftp://acme.eu.qlikcloud.com")]
    public void RefusesAnythingButHttpsOffLoopback(string given)
    {
        var error = Assert.Throws<QlikValidationException>(() => TenantUrlPolicy.Normalize(new Uri(given)));
        Assert.Equal("InsecureTenantUrl", error.ErrorId);
        Assert.Contains("https", error.Message);
    }

    [Fact]
    public void RefusesARelativeUrl()
    {
        var error = Assert.Throws<QlikValidationException>(() => TenantUrlPolicy.Normalize(new Uri("acme.eu.qlikcloud.com", UriKind.Relative)));
        Assert.Equal("InvalidTenantUrl", error.ErrorId);
    }

    [Theory]
    [InlineData("https://admin:s3cret-pw@acme.eu.qlikcloud.com")]
    [InlineData("https://admin@acme.eu.qlikcloud.com/hub")]
    [InlineData("http://admin:s3cret-pw@127.0.0.1:5080")]
    public void RefusesAUrlThatCarriesCredentialsWithoutEchoingThem(string given)
    {
        var error = Assert.Throws<QlikValidationException>(() => TenantUrlPolicy.Normalize(new Uri(given)));

        Assert.Equal("TenantUrlWithCredentials", error.ErrorId);
        Assert.DoesNotContain("s3cret-pw", error.Message + error.Target, StringComparison.Ordinal);
        Assert.DoesNotContain("admin@", error.Message + error.Target, StringComparison.Ordinal);
    }
}
