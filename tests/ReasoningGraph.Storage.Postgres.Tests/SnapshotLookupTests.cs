using Microsoft.Extensions.Time.Testing;
using ReasoningGraph.Snapshots;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>The export's snapshot lookup on PostgreSQL (its own schema: it signs snapshots other tests would count).</summary>
[RequiresPostgres]
public sealed class SnapshotLookupTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    [Fact]
    public async Task LatestSignedByRoot_IsTheNewestSignedSnapshotHavingTheNodeAmongItsRoots()
    {
        await using var store = schema.NewStore();
        await store.AppendAsync([Node(Id(1)), Node(Id(2)), Edge(Id(1), Id(2), Id(12)), Note(Id(2), Id(20))]);
        var time = new FakeTimeProvider();
        var service = new SnapshotService(store, store.Snapshots, schema.Signer, schema.Verifier, timeProvider: time);
        var older = await service.CreateAsync(new SnapshotRequest { RootIds = [Id(2)] });
        time.Advance(TimeSpan.FromSeconds(1));
        var newer = await service.CreateAsync(new SnapshotRequest { RootIds = [Id(1), Id(2)] });
        time.Advance(TimeSpan.FromSeconds(1));
        var otherRoot = await service.CreateAsync(new SnapshotRequest { RootIds = [Id(1)] });

        Assert.Equal(newer.Id, (await store.Snapshots.GetLatestSignedByRootAsync(Id(2)))?.Id);
        Assert.Equal(otherRoot.Id, (await store.Snapshots.GetLatestSignedByRootAsync(Id(1)))?.Id);
        Assert.NotEqual(older.Id, newer.Id);
        Assert.Null(await store.Snapshots.GetLatestSignedByRootAsync(Id(12)));
    }
}
