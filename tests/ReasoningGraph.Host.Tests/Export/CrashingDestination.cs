using ReasoningGraph.Archive.Export;

namespace ReasoningGraph.Host.Tests.Export;

/// <summary>Where a simulated crash strikes: the process "dies" (an exception ends the run) at that point, once.</summary>
public enum CrashPoint
{
    None,
    BeforeBatchWrite,
    AfterBatchWrite,
    AfterWatermark,
}

/// <summary>A real destination that simulates a crash at <see cref="CrashPoint"/> on the <c>n</c>-th batch of a run.</summary>
internal sealed class CrashingDestination(IExportDestination inner, CrashPoint point, int onBatch = 1) : IExportDestination
{
    private int _batches;

    public string LocationOf(string batchName) => inner.LocationOf(batchName);

    public async Task<bool> TryPutBatchAsync(string batchName, ReadOnlyMemory<byte> batch, CancellationToken cancellationToken = default)
    {
        bool strikes = ++_batches == onBatch;
        Crash(strikes && point == CrashPoint.BeforeBatchWrite);
        bool placed = await inner.TryPutBatchAsync(batchName, batch, cancellationToken);
        Crash(strikes && point == CrashPoint.AfterBatchWrite);
        return placed;
    }

    public Task<byte[]?> ReadBatchAsync(string batchName, CancellationToken cancellationToken = default) => inner.ReadBatchAsync(batchName, cancellationToken);

    public Task<ExportWatermark?> ReadWatermarkAsync(CancellationToken cancellationToken = default) => inner.ReadWatermarkAsync(cancellationToken);

    public async Task WriteWatermarkAsync(ExportWatermark watermark, CancellationToken cancellationToken = default)
    {
        await inner.WriteWatermarkAsync(watermark, cancellationToken);
        Crash(_batches == onBatch && point == CrashPoint.AfterWatermark);
    }

    private static void Crash(bool now)
    {
        if (now)
        {
            throw new SimulatedCrashException();
        }
    }
}

internal sealed class SimulatedCrashException() : Exception("simulated crash");
