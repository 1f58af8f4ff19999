using Microsoft.Extensions.Options;

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
        try
        {
            SigningConfiguration.AddSigning(builder.Services, builder.Configuration);
            var app = builder.Build();
            HealthEndpoints.Map(app);
            await app.RunAsync(cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            // Start-up validation (ValidateOnStart): one line per problem, exit code 2 like any bad input.
            await Console.Error.WriteLineAsync("error: the service cannot start with this configuration:");
            foreach (string problem in e.Failures)
            {
                await Console.Error.WriteLineAsync("  - " + problem);
            }

            return Cli.ExitCodes.BadInput;
        }

        return Cli.ExitCodes.Success;
    }
}
