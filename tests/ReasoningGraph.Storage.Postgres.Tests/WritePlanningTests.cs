using ReasoningGraph.Model;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// Entity hashes are computed in parallel after the in-order checks, yet the error is still the first bad input's:
/// an item that cannot be canonicalized (a duplicate key) before a dangling edge is what is reported.
/// </summary>
[RequiresPostgres]
public sealed class WritePlanningTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Theory]
    [InlineData(3, 1, 2)]     // small batch: hashed on one thread
    [InlineData(200, 70, 80)] // large batch: hashed on all cores
    [InlineData(200, 90, 80)] // the dangling edge comes first
    public async Task TheFirstBadInput_IsReported_AndNothingIsWritten(int size, int unhashable, int dangling)
    {
        var store = schema.NewStore();
        var batch = new GraphBatch();
        for (int i = 0; i < size; i++)
        {
            batch.Add(i == unhashable ? Node(Id(i + 1), payload: "{\"a\":1,\"a\":2}")
                : i == dangling ? Edge(Id(1), Guid.CreateVersion7())
                : Node(Id(i + 1), payload: $"{{\"n\":{i}}}"));
        }

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.AppendAsync(batch));

        var (code, index) = unhashable < dangling ? (ErrorCodes.InvalidPayload, unhashable) : (ErrorCodes.NotFound, dangling);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Details["index"]);
        Assert.Equal(0, await store.GetMaxSeqAsync());
    }
}
