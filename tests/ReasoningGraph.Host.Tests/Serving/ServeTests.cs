using System.Net;
using System.Text.Json;

namespace ReasoningGraph.Host.Tests.Serving;

/// <summary>The service as users start it: the real executable, real HTTP over loopback.</summary>
public sealed class ServeTests
{
    [Theory]
    [InlineData("serve")]
    [InlineData(null)]
    public async Task Serve_AnswersHealthOnTheConfiguredPort(string? command)
    {
        await using var service = ServiceProcess.Start(command, new Dictionary<string, string>());

        using var response = await service.WaitForHealthAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("ok").GetBoolean());
        Assert.True(body.RootElement.GetProperty("uptime").GetInt64() >= 0);
    }

    [Fact]
    public async Task AnonymousReads_WithoutACatalog_AreAnnouncedOnceAndLoudly()
    {
        var service = ServiceProcess.Start("serve", new Dictionary<string, string> { ["ALLOW_ANONYMOUS_READS"] = "true" });
        HttpStatusCode read, write;
        await using (service)
        {
            (await service.WaitForHealthAsync()).Dispose();
            using var client = new HttpClient { BaseAddress = service.Address };
            using var readResponse = await client.GetAsync(new Uri($"/reason/traces/{Guid.NewGuid()}", UriKind.Relative));
            using var writeResponse = await client.PostAsync(new Uri("/reason/node", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            (read, write) = (readResponse.StatusCode, writeResponse.StatusCode);
            await service.KillAsync();
        }

        string log = (await service.OutputAsync()).Output;
        Assert.Equal(HttpStatusCode.NotFound, read); // served (no such node), not refused
        Assert.Equal(HttpStatusCode.Unauthorized, write);
        Assert.Single(log.Split('\n'), line => line.Contains("ALLOW_ANONYMOUS_READS=true and the PII catalog is empty or not configured", StringComparison.Ordinal));
    }
}
