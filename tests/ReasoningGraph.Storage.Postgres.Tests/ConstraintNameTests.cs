using ReasoningGraph.Errors;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>
/// A CONFLICT the database reports names the schema's constraint, not a shard's copy of it: on Citus a unique
/// violation comes back as <c>&lt;constraint&gt;_&lt;shard id&gt;</c>. An index named like a shard's stands in for one.
/// </summary>
[RequiresPostgres]
public sealed class ConstraintNameTests
{
    [Fact]
    public async Task AShardsConstraintName_IsReportedAsTheSchemasName()
    {
        var schema = new PostgresSchema();
        await schema.InitializeAsync();
        try
        {
            // A rule of one node per type, named as Citus names a shard's index.
            await schema.ExecuteAsync("CREATE UNIQUE INDEX nodes_one_per_type_102032 ON {s}.nodes (graph_id, type)");
            var store = schema.NewStore();
            await store.AppendAsync([Node(Guid.CreateVersion7(), type: "decision")]);

            var conflict = await Assert.ThrowsAsync<ReasoningGraphException>(() => store.AppendAsync([Node(Guid.CreateVersion7(), type: "decision")]));

            Assert.Equal(ErrorCodes.Conflict, conflict.ErrorCode);
            Assert.Equal("nodes_one_per_type", conflict.Details["constraint"]);
            Assert.DoesNotContain("102032", conflict.Message, StringComparison.Ordinal);
        }
        finally
        {
            await schema.DisposeAsync();
        }
    }
}
