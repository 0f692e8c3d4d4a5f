using QlikOAuth.Engine.Errors;

namespace QlikOAuth.Tests.Http;

/// <summary>Qlik's error bodies vary by API (status as string or number) and OAuth servers may answer RFC 6749.</summary>
public sealed class ErrorBodyTests
{
    [Fact]
    public void ReadsTheFirstQlikErrorAndTheTraceId()
    {
        QlikErrorBody body = QlikErrorBody.Parse("""{"errors":[{"code":"OAUTH-14","title":"Invalid client_id","detail":"no such client","status":"400"},{"code":"X"}],"traceId":"abc123"}""");

        Assert.Equal("OAUTH-14", body.Code);
        Assert.Equal("Invalid client_id", body.Title);
        Assert.Equal("no such client", body.Detail);
        Assert.Equal("abc123", body.TraceId);
    }

    [Fact]
    public void ReadsANumericCodeAsText()
    {
        QlikErrorBody body = QlikErrorBody.Parse("""{"errors":[{"code":404,"title":"Not found","status":404}]}""");

        Assert.Equal("404", body.Code);
        Assert.Null(body.TraceId);
    }

    [Fact]
    public void FallsBackToRfc6749Errors()
    {
        QlikErrorBody body = QlikErrorBody.Parse("""{"error":"invalid_client","error_description":"bad secret"}""");

        Assert.Equal("invalid_client", body.Code);
        Assert.Equal("bad secret", body.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("""{"errors":[]}""")]
    public void AnythingElseIsEmpty(string? text) => Assert.Same(QlikErrorBody.Empty, QlikErrorBody.Parse(text));
}
