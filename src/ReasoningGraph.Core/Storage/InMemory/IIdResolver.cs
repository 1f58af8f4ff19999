namespace ReasoningGraph.Storage.InMemory;

/// <summary>Gives the id an <see cref="IdIndex"/> value stands for (the index keeps only hashes).</summary>
internal interface IIdResolver
{
    Guid KeyOf(int value);
}
