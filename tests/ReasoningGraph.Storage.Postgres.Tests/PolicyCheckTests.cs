using System.Text.Json;
using Microsoft.Extensions.Options;
using ReasoningGraph.Audit;
using ReasoningGraph.Model;
using ReasoningGraph.Policy;
using ReasoningGraph.Storage.Postgres.Tests.Support;
using static ReasoningGraph.Tests.Support.Items;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Storage.Postgres.Tests;

/// <summary>A denied write leaves exactly one trace in PostgreSQL: the policyCheck node and its audit event.</summary>
[RequiresPostgres]
public sealed class PolicyCheckTests(PostgresSchema schema) : IClassFixture<PostgresSchema>
{
    private sealed class DenyDecisions : IWritePolicy
    {
        public ValueTask<WritePolicyDecision> EvaluateAsync(GraphBatch batch, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(batch.OfType<NodeInput>().Any(n => n.Type == "decision")
                ? WritePolicyDecision.Deny("manifest-policy", "decisions need a manifest")
                : WritePolicyDecision.Allow);
    }

    private static ReasoningGraphService Service(IReasoningGraphStore store) =>
        new(Options.Create(new ReasoningGraphOptions()), store, new DenyDecisions());

    [Fact]
    public async Task Denial_WritesThePolicyCheckNodeWithItsAuditEvent_AndNothingOfTheWrite()
    {
        var store = schema.NewStore();
        var service = Service(store);
        await service.AppendNodeAsync(Node(Id(1)));

        var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => service.AppendAsync([Node(Id(2), type: "decision"), Edge(Id(1), Id(2), Id(3))]));

        Assert.Equal(ErrorCodes.Forbidden, error.ErrorCode);
        Assert.Empty(await store.GetItemsAsync([Id(2), Id(3)], long.MaxValue));
        var checkId = Guid.Parse(error.Details["policyCheckId"]);
        var check = Assert.IsType<ReasoningNode>(Assert.Single(await store.GetItemsAsync([checkId], long.MaxValue)));
        Assert.Equal((WellKnownNodeTypes.PolicyCheck, 2L), (check.Type, check.Seq));
        Assert.Equal("manifest-policy", check.Payload.GetProperty("policyId").GetString());

        var events = new List<AuditEvent>();
        await foreach (var auditEvent in store.ReadAuditEventsAsync())
        {
            events.Add(auditEvent);
        }

        Assert.Equal(2, events.Count);
        using var payload = JsonDocument.Parse(events[1].Payload);
        string Field(string name) => payload.RootElement.GetProperty(name).GetString()!;
        Assert.Equal((checkId.ToString(), "policy:manifest-policy", AuditEventTypes.NodeCreated), (Field("entityId"), Field("actor"), Field("eventType")));
        Assert.Equal(AuditChain.EntityHash(check), Field("entityHash"));
        var verdict = await store.VerifyAuditChainAsync(schema.Verifier);
        Assert.True(verdict.IsValid, verdict.Message);
    }

    [Fact]
    public async Task RecordFailure_StillRejectsWithForbidden_AndWritesNothing()
    {
        await schema.ExecuteAsync(
            "CREATE OR REPLACE FUNCTION {s}.refuse_checks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
            "IF NEW.type = 'policyCheck' AND NEW.author = 'policy:manifest-policy' THEN RAISE EXCEPTION 'no policy checks here'; END IF; RETURN NEW; END $$; " +
            "CREATE TRIGGER refuse_checks BEFORE INSERT ON {s}.nodes FOR EACH ROW EXECUTE FUNCTION {s}.refuse_checks()");
        try
        {
            var store = schema.NewStore();
            var error = await Assert.ThrowsAsync<ReasoningGraphException>(() => Service(store).AppendNodeAsync(Node(Id(7), type: "decision")));
            Assert.Equal(ErrorCodes.Forbidden, error.ErrorCode);
            Assert.False(error.Details.ContainsKey("policyCheckId"));
            Assert.Equal(ErrorCodes.StoreUnavailable, Assert.IsType<ReasoningGraphException>(error.InnerException).ErrorCode);
            Assert.Equal(0, await store.GetMaxSeqAsync());
        }
        finally
        {
            await schema.ExecuteAsync("DROP TRIGGER refuse_checks ON {s}.nodes");
        }
    }
}
