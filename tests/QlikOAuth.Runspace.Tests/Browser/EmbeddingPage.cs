using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QlikOAuth.Runspace.Tests.Browser;

/// <summary>
/// The web app of the embedding tutorial, on its own loopback origin: one page whose script calls
/// GET /api/v1/users/me on the tenant with the token it was given, and writes the answer (or the failure) into
/// <c>#result</c>, where --dump-dom finds it.
/// </summary>
public sealed class EmbeddingPage : IAsyncDisposable
{
    private readonly WebApplication _app;
    private string _html = "<html><body><div id=\"result\">no page yet</div></body></html>";

    private EmbeddingPage(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port: the origin a browser sends from this page.</summary>
    public string Origin { get; private set; } = null!;

    public static async Task<EmbeddingPage> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        WebApplication app = builder.Build();
        var page = new EmbeddingPage(app);
        app.Run(async http =>
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync(page._html);
        });
        await app.StartAsync();
        page.Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return page;
    }

    /// <summary>Serves the page that calls <paramref name="tenantUrl"/> with <paramref name="token"/> from now on.</summary>
    public Uri Serve(Uri tenantUrl, string token)
    {
        string tenant = JsonSerializer.Serialize(tenantUrl.ToString().TrimEnd('/'));
        string bearer = JsonSerializer.Serialize(token);
        _html = $$"""
            <!doctype html>
            <html><body><div id="result">pending</div><script>
            fetch({{tenant}} + '/api/v1/users/me', { headers: { Authorization: 'Bearer ' + {{bearer}} } })
              .then(response => response.ok ? response.json().then(user => 'user: ' + user.name) : 'failed: HTTP ' + response.status)
              .catch(error => 'failed: ' + error.name + ': ' + error.message)
              .then(text => { document.getElementById('result').textContent = text; });
            </script></body></html>
            """;
        return new Uri(Origin + "/");
    }

    /// <summary>What the page wrote into #result, from a DOM dump.</summary>
    public static string Result(string dom)
    {
        const string open = "<div id=\"result\">";
        int start = dom.IndexOf(open, StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has no #result: " + dom);
        start += open.Length;
        return dom[start..dom.IndexOf("</div>", start, StringComparison.Ordinal)];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
