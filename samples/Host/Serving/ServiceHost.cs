namespace ReasoningGraph.Host.Serving;

/// <summary>Builds and runs the web application.</summary>
internal static class ServiceHost
{
    public const string DefaultUrl = "http://127.0.0.1:8047";

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            string? port = builder.Configuration["PORT"];
            builder.WebHost.UseUrls(port is null ? DefaultUrl : $"http://127.0.0.1:{port}");
        }

        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Build();
        HealthEndpoints.Map(app);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
