using System.Diagnostics;

namespace ReasoningGraph.Host.Tests.Export;

/// <summary>
/// Debian's <c>chromium</c> in headless mode (scripts/lib/deps.sh installs it): renders a local file, prints the DOM
/// after render and takes screenshots. Tests that need it run wherever it is installed; without it they do nothing
/// locally and fail in CI.
/// </summary>
internal static class HeadlessChromium
{
    public static string? PathOrSkip()
    {
        string? found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "chromium is required in CI (scripts/lib/deps.sh)");
        }

        return found;
    }

    /// <summary>Runs chromium headless on <paramref name="page"/> with <paramref name="arguments"/>; returns stdout and stderr.</summary>
    public static async Task<(string Output, string Errors)> RunAsync(string chromium, string page, string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --no-sandbox: tests may run as root, where Chromium's sandbox refuses to start. The page is our own file,
        // and its Content-Security-Policy forbids scripts and every external load anyway.
        foreach (string argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile, .. arguments, new Uri(page).AbsoluteUri])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await errors}");
        return (await output, await errors);
    }

    /// <summary>
    /// What a self-contained page must leave in Chromium's logs and on its screenshot: no console message, no uncaught
    /// error, nothing the CSP refused, and a 1280-pixel-wide picture that is not (nearly) blank.
    /// </summary>
    public static async Task AssertCleanAndDrawnAsync(string screenshot, params string[] logs)
    {
        foreach (string log in logs)
        {
            Assert.DoesNotContain("CONSOLE", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Uncaught", log, StringComparison.Ordinal);
            Assert.DoesNotContain("Refused to", log, StringComparison.Ordinal);
        }

        var image = PngImage.Decode(await File.ReadAllBytesAsync(screenshot));
        Assert.Equal(1280, image.Width);
        Assert.True(image.DistinctColours(enough: 16) >= 16, "the screenshot is (nearly) blank");
    }
}
