using ReasoningGraph.Tests.Support;

namespace ReasoningGraph.Tests.Parity;

/// <summary>The frozen vectors are exactly what the generator in tools/go-canonical produces.</summary>
public sealed class FrozenVectorsTests
{
    [ReferenceFact(ReferenceTool.Go, ReferenceTool.Node)]
    public async Task Generator_ReproducesTheFrozenVectorFilesByteForByte()
    {
        var directory = Directory.CreateTempSubdirectory("rg-vectors-");
        try
        {
            await GoReference.GenerateVectorsAsync(directory.FullName);

            foreach (var file in new[] { "go-service.jsonl", "edge-cases.jsonl", "go-corpus.jsonl" })
            {
                byte[] frozen = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Vectors, file));
                byte[] fresh = await File.ReadAllBytesAsync(Path.Combine(directory.FullName, file));
                Assert.True(frozen.AsSpan().SequenceEqual(fresh), $"vectors/{file} differs from what tools/go-canonical generates");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
