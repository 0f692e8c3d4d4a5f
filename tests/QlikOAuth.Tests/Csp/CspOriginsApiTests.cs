using QlikCloud.Emulator;
using QlikOAuth.Engine.Csp;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Csp;

/// <summary>The CSP origin list over real HTTP: each call, the ensure used by -AddCspOrigin, and the limits checked before the call.</summary>
public sealed class CspOriginsApiTests : TenantFixture
{
    private CspOriginsApi Api => new(Session.Connection, Session.Credential);

    [Fact]
    public async Task CreateListReplaceDelete()
    {
        CspOrigin created = await Api.CreateAsync(new CspOriginSpec("HTTPS://Custom-App.com", CspDirectives.Embedding, "web app"), CancellationToken.None);
        Assert.Equal("https://custom-app.com", created.Origin);
        Assert.Equal(CspDirectives.FrameAncestors | CspDirectives.ConnectSrc, created.Directives);
        Assert.NotNull(created.CreatedDate);

        CspOrigin replaced = await Api.ReplaceAsync(created, new CspOriginSpec(created.Origin, CspDirectives.FrameAncestors | CspDirectives.ImgSrc, "renamed"), CancellationToken.None);
        Assert.Equal(CspDirectives.FrameAncestors | CspDirectives.ImgSrc, replaced.Directives);
        Assert.Equal("renamed", (await Api.GetAsync(created.Id, CancellationToken.None)).Name);

        Assert.Single(await Api.ListAsync(null, "ren*", CspDirectives.ImgSrc, CancellationToken.None));
        Assert.Empty(await Api.ListAsync(null, null, CspDirectives.ConnectSrc, CancellationToken.None));

        await Api.DeleteAsync(created.Id, CancellationToken.None);
        var gone = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.GetAsync(created.Id, CancellationToken.None));
        Assert.Equal(CspErrors.CspOriginNotFound, gone.ErrorId);
    }

    [Fact]
    public async Task ListingPagesThroughMoreThanOnePage()
    {
        for (int i = 0; i < 105; i++)
        {
            await Api.CreateAsync(new CspOriginSpec($"h{i}.io", CspDirectives.ImgSrc), CancellationToken.None);
        }

        Assert.Equal(105, (await Api.ListAsync(null, null, CspDirectives.None, CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData("https://custom-app.com/")]
    [InlineData("https://custom-app.com/app")]
    [InlineData("custom app.com")]
    [InlineData("custom-app.com:0")]
    [InlineData("custom-app.com:*")]
    [InlineData("[::1]")]
    [InlineData("")]
    public async Task ABadOriginIsRefusedBeforeAnyRequest(string origin)
    {
        Emulator.ClearRequests();
        var refused = await Assert.ThrowsAsync<QlikValidationException>(() => Api.CreateAsync(new CspOriginSpec(origin, CspDirectives.Embedding), CancellationToken.None));
        Assert.Equal(CspErrors.InvalidCspOrigin, refused.ErrorId);
        Assert.Contains("https://custom-app.com", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task ASecondEntryForAnOriginIsAConflictThatNamesTheFirst()
    {
        CspOrigin first = await Api.CreateAsync(new CspOriginSpec("custom-app.com", CspDirectives.ImgSrc), CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.CreateAsync(new CspOriginSpec("Custom-App.com", CspDirectives.Embedding), CancellationToken.None));
        Assert.Equal(CspErrors.CspOriginExists, conflict.ErrorId);
        Assert.Contains(first.Id, conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The257thEntryIsRefusedBeforeThePost()
    {
        for (int i = 0; i < CspOriginRules.MaxEntries; i++)
        {
            await Api.CreateAsync(new CspOriginSpec($"h{i}.io", CspDirectives.ImgSrc), CancellationToken.None);
        }

        Emulator.ClearRequests();
        var refused = await Assert.ThrowsAsync<QlikOAuthException>(() => Api.CreateAsync(new CspOriginSpec("one-more.io", CspDirectives.Embedding), CancellationToken.None));
        Assert.Equal(CspErrors.CspOriginLimitReached, refused.ErrorId);
        Assert.Contains("Remove-QlikCspOrigin", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task AHeaderOverTheLimitIsRefusedBeforeThePost()
    {
        int accepted = 0;
        QlikOAuthException? refused = null;
        while (refused is null && accepted < 200)
        {
            try
            {
                await Api.CreateAsync(new CspOriginSpec($"https://{accepted:D3}{new string('x', 48)}.io", CspDirectives.FrameAncestors), CancellationToken.None);
                accepted++;
            }
            catch (QlikOAuthException exception)
            {
                refused = exception;
            }
        }

        Assert.Equal(CspErrors.CspHeaderTooLong, refused!.ErrorId);
        Assert.Contains("6144", refused.Message, StringComparison.Ordinal);
        // The estimate and the tenant agree: the module refused, not the tenant's 400.
        Assert.DoesNotContain(Emulator.Requests, r => r.Method == "POST" && r.Status == 400);
        Assert.InRange((await Api.GenerateHeaderAsync(CancellationToken.None)).Length, 6000, CspOriginRules.MaxHeaderLength);
    }

    [Fact]
    public async Task EnsureCreatesThenAddsMissingDirectivesThenDoesNothing()
    {
        CspOrigin? created = await Api.EnsureAsync("https://custom-app.com", CspDirectives.FrameAncestors, "app", CancellationToken.None);
        Assert.Equal(CspDirectives.FrameAncestors, created!.Directives);

        CspOrigin? widened = await Api.EnsureAsync("https://custom-app.com", CspDirectives.Embedding, null, CancellationToken.None);
        Assert.Equal(created.Id, widened!.Id);
        Assert.Equal(CspDirectives.Embedding, widened.Directives);
        Assert.Equal("app", widened.Name);

        Emulator.ClearRequests();
        Assert.Null(await Api.EnsureAsync("https://custom-app.com", CspDirectives.ConnectSrc, null, CancellationToken.None));
        Assert.All(Emulator.Requests, r => Assert.Equal("GET", r.Method));
    }
}
