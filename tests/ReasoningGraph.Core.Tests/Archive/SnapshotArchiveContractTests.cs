using ReasoningGraph.Archive;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Tests.Archive;

/// <summary>What every <see cref="ISnapshotArchive"/> must do; each implementation's tests derive from this.</summary>
public abstract class SnapshotArchiveContractTests
{
    /// <summary>A new, empty archive.</summary>
    protected abstract Task<ISnapshotArchive> NewArchiveAsync();

    [Fact]
    public async Task Put_ThenGet_ReturnsTheExactBytesAndMetadata()
    {
        var archive = await NewArchiveAsync();
        var document = await ArchiveSamples.DocumentAsync(piiIncluded: true);

        var receipt = await archive.PutAsync(document);
        var read = await archive.GetAsync(document.Metadata.SnapshotId, document.Metadata.Hash);

        Assert.NotNull(read);
        Assert.Equal(document.Document.ToArray(), read.Document.ToArray());
        Assert.Equal(document.Metadata, read.Metadata);
        Assert.Equal(document.Name, receipt.Name);
        Assert.Equal(document.Document.Length, receipt.Size);
    }

    [Fact]
    public async Task Metadata_WithoutPiiMembers_RoundTripsAsAbsent()
    {
        var archive = await NewArchiveAsync();
        var document = await ArchiveSamples.DocumentAsync(piiIncluded: null);

        await archive.PutAsync(document);
        var read = await archive.GetAsync(document.Metadata.SnapshotId, document.Metadata.Hash);

        Assert.Null(read!.Metadata.PiiIncluded);
        Assert.Null(read.Metadata.PiiPolicyVersion);
        Assert.Equal(document.Metadata, read.Metadata);
    }

    [Fact]
    public async Task SecondPut_IsRefusedAndKeepsTheFirstBytes()
    {
        var archive = await NewArchiveAsync();
        var document = await ArchiveSamples.DocumentAsync();
        await archive.PutAsync(document);

        var error = await Assert.ThrowsAsync<ArchiveException>(() => archive.PutAsync(document));

        Assert.Equal(ErrorCodes.Conflict, error.ErrorCode);
        Assert.Equal(ArchiveFailureReasons.AlreadyArchived, error.Reason);
        Assert.Equal(document.Name, error.Details["name"]);
        Assert.False(error.IsTransient);
        var read = await archive.GetAsync(document.Metadata.SnapshotId, document.Metadata.Hash);
        Assert.Equal(document.Document.ToArray(), read!.Document.ToArray());
    }

    [Fact]
    public async Task ConcurrentPuts_OfOneDocument_StoreItOnce()
    {
        var archive = await NewArchiveAsync();
        var document = await ArchiveSamples.DocumentAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                await archive.PutAsync(document);
                return "stored";
            }
            catch (ArchiveException e) when (e.Reason == ArchiveFailureReasons.AlreadyArchived)
            {
                return "refused";
            }
        }));

        Assert.Single(outcomes, o => o == "stored");
        Assert.Equal(5, outcomes.Count(o => o == "refused"));
        Assert.Single(await archive.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task Get_OfWhatWasNeverArchived_IsNull()
    {
        var archive = await NewArchiveAsync();

        Assert.Null(await archive.GetAsync(Guid.NewGuid().ToString(), new string('a', 64)));
    }

    [Fact]
    public async Task List_ReturnsEveryDocumentOnceInNameOrder()
    {
        var archive = await NewArchiveAsync();
        var documents = new List<ArchiveDocument>();
        for (int i = 0; i < 5; i++)
        {
            documents.Add(await ArchiveSamples.DocumentAsync(note: "n" + i));
            await archive.PutAsync(documents[^1]);
        }

        var listed = await archive.ListAsync().ToListAsync();

        Assert.Equal(documents.Select(d => d.Name).Order(StringComparer.Ordinal), listed.Select(e => e.Name));
        Assert.All(listed, e => Assert.Equal(ArchiveNames.For(e.SnapshotId, e.Hash), e.Name));
        Assert.Equal(documents.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => (long)d.Document.Length), listed.Select(e => e.Size));
    }

    [Fact]
    public async Task Probe_OfAWorkingArchive_IsReady()
    {
        var archive = await NewArchiveAsync();

        var probe = await archive.ProbeAsync();

        Assert.True(probe.IsReady, probe.Detail);
    }
}
