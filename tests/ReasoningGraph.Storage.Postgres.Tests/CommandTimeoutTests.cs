using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// A <c>Command Timeout</c> written in the connection string wins over <see cref="PostgresStoreOptions.CommandTimeout"/>:
/// operators set it there (<c>DATABASE_URL</c>), for example to let commits wait out a synchronous standby's outage.
/// A trigger that sleeps stands in for a slow statement.
/// </summary>
[RequiresPostgres]
public sealed class CommandTimeoutTests
{
    [Fact]
    public async Task TheConnectionStringsCommandTimeout_WinsOverTheOptionsDefault()
    {
        var schema = new PostgresSchema();
        await schema.InitializeAsync();
        try
        {
            await schema.ExecuteAsync("CREATE FUNCTION {s}.slow() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$; " +
                "CREATE TRIGGER slow BEFORE INSERT ON {s}.nodes FOR EACH ROW EXECUTE FUNCTION {s}.slow()");
            var options = schema.Options();
            options.ConnectionString = schema.ConnectionString + ";Command Timeout=1";
            options.CommandTimeout = TimeSpan.FromSeconds(30);
            await using var store = new PostgresGraphStore(options, schema.Signer);

            var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.AppendAsync([Node(Guid.CreateVersion7())]));

            Assert.Equal(ErrorCodes.StoreUnavailable, error.ErrorCode);
            Assert.Equal(0, await store.GetMaxSeqAsync());
        }
        finally
        {
            await schema.DisposeAsync();
        }
    }
}
