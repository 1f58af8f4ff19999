using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using ReasoningGraph.Errors;
using ReasoningGraph.Model;

namespace ReasoningGraph.Storage.Writing;

/// <summary>
/// Plans writes the way every store must take them (docs/GRAPH.md, the store contract): for each input in order, an
/// id the store or an earlier planned input holds is an idempotent replay when the content is the same and a
/// <c>CONFLICT</c> otherwise; a new input passes the store's own check, its references must exist as the right kind
/// (<c>NOT_FOUND</c>), and it gets the next seq and the store time. The first failing input's error is thrown and the
/// plan leaves no trace. Changes nothing in the store: the caller writes <see cref="WritePlan.Created"/>.
/// </summary>
/// <remarks>
/// <para>
/// A planner keeps its running <see cref="MaxSeq"/> and the items it planned, so several writes committed together
/// (group commit) or the chunks of one import are planned one after the other exactly as if each had been committed
/// before the next; a failed <see cref="Plan{TStored}"/> takes back what it had added. Not thread-safe: one writer.
/// </para>
/// <para>Part of the store-implementer kit: the API may change in a minor version (diagnostic <c>RG0001</c>).</para>
/// </remarks>
[Experimental("RG0001")]
public sealed partial class WritePlanner
{
    private static readonly WritePlannerOptions Defaults = new();
    private readonly WritePlannerOptions _options;

    /// <summary>Items planned by earlier calls and by this call (by id); made only when a later lookup can need it.</summary>
    private Dictionary<Guid, GraphItem>? _planned;

    /// <summary>The item of a one-input plan made while <see cref="_planned"/> did not exist; moved into it by the next plan.</summary>
    private GraphItem? _pending;

    /// <summary>Creates a planner that continues after <paramref name="maxSeq"/>.</summary>
    /// <param name="maxSeq">The highest seq the store has assigned (0 when empty).</param>
    /// <param name="options">The store's rules; the defaults when null.</param>
    public WritePlanner(long maxSeq, WritePlannerOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSeq);
        MaxSeq = maxSeq;
        _options = options ?? Defaults;
    }

    /// <summary>The highest seq assigned so far: the store's at creation, then the last successful plan's.</summary>
    public long MaxSeq { get; private set; }

    /// <summary>
    /// The ids a store must look up to plan <paramref name="inputs"/>: each input's own (for idempotency) and the ones
    /// it references, once each.
    /// </summary>
    /// <param name="inputs">The inputs.</param>
    /// <param name="indexOffset">The position of the first input in the whole batch or import (for the misuse message).</param>
    /// <returns>The distinct ids.</returns>
    /// <exception cref="ArgumentException">An input has no id.</exception>
    public static Guid[] IdsToLookUp(IReadOnlyList<GraphItemInput> inputs, long indexOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var ids = new HashSet<Guid>();
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            ids.Add(IdOf(inputs, i, indexOffset));
            switch (input)
            {
                case EdgeInput edge:
                    ids.Add(edge.From);
                    ids.Add(edge.To);
                    break;
                case AnnotationInput annotation:
                    ids.Add(annotation.TargetId);
                    break;
            }
        }

        return [.. ids];
    }

    /// <summary>Plans <paramref name="inputs"/> against <paramref name="stored"/> and everything this planner planned before.</summary>
    /// <typeparam name="TStored">The store's lookup; a struct is called without boxing.</typeparam>
    /// <param name="inputs">The inputs, in order; every input must have an id.</param>
    /// <param name="indexOffset">The position of the first input in the whole batch or import: errors name <c>indexOffset + i</c>.</param>
    /// <param name="stored">What the store holds (at least every id of <see cref="IdsToLookUp"/>).</param>
    /// <param name="now">The store time for inputs that carry no <c>createdAt</c>.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ReasoningGraphException">
    /// The first bad input's <c>CONFLICT</c> (field <c>id</c>), <c>NOT_FOUND</c> (<c>from</c>, <c>to</c>, <c>targetId</c>), or
    /// the error of <see cref="WritePlannerOptions.CheckInput"/>, with <c>index</c> and <c>id</c> details; with
    /// <see cref="WritePlannerOptions.HashEntities"/>, <c>INVALID_PAYLOAD</c> for an item that cannot be hashed when it
    /// comes first.
    /// </exception>
    /// <exception cref="ArgumentException">An input has no id.</exception>
    /// <exception cref="InvalidOperationException">The store is full (<see cref="WritePlannerOptions.SeqLimit"/>).</exception>
    public WritePlan Plan<TStored>(IReadOnlyList<GraphItemInput> inputs, long indexOffset, TStored stored, DateTimeOffset now)
        where TStored : IStoredItems
    {
        ArgumentNullException.ThrowIfNull(inputs);
        TakeInPending();
        var items = new GraphItem[inputs.Count];
        try
        {
            return PlanCore(inputs, indexOffset, stored, now, items);
        }
        catch
        {
            TakeBack(items);
            throw;
        }
    }

    /// <summary>
    /// The planning loop, without exception handling of its own (which would slow every iteration): checks return
    /// their error, and whatever is thrown is taken back by <see cref="Plan{TStored}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private WritePlan PlanCore<TStored>(IReadOnlyList<GraphItemInput> inputs, long indexOffset, TStored stored, DateTimeOffset now, GraphItem[] items)
        where TStored : IStoredItems
    {
        int count = items.Length;
        List<GraphItem>? created = null;    // made at the first replay; until then the created items are items[..createdCount]
        List<int>? positions = _options.HashEntities ? new List<int>(count) : null;
        int createdCount = 0;
        bool indexed = count > 1 || _planned is not null;
        long seq = MaxSeq;
        ReasoningGraphException? stop = null;
        for (int i = 0; i < count; i++)
        {
            var input = inputs[i];
            long index = indexOffset + i;
            var id = input?.Id ?? throw MissingId(input, index, nameof(inputs));
            if ((_planned?.GetValueOrDefault(id) ?? stored.Find(id)) is { } existing)
            {
                if ((stop = CompareReplay(input, existing, index, id)) is not null)
                {
                    break;
                }

                items[i] = existing;
                if (created is null)
                {
                    created = new List<GraphItem>(count);
                    created.AddRange(items.AsSpan(0, i));
                }

                continue;
            }

            if ((stop = Check(input, index, stored)) is not null)
            {
                break;
            }

            if (seq >= _options.SeqLimit)
            {
                throw new InvalidOperationException(_options.SeqLimitMessage ?? $"The store is full: no seq after {_options.SeqLimit} can be assigned.");
            }

            var item = input.ToItem(++seq, now);
            items[i] = item;
            created?.Add(item);
            positions?.Add(i);
            createdCount++;
            if (indexed)
            {
                (_planned ??= new Dictionary<Guid, GraphItem>(count))[id] = item;
            }
        }

        IReadOnlyList<GraphItem> createdItems = created ?? (IReadOnlyList<GraphItem>)items;
        string[] hashes = positions is null ? [] : HashCreated(inputs, createdItems, createdCount, positions, indexOffset);
        if (stop is not null)
        {
            ExceptionDispatchInfo.Throw(stop);
        }

        MaxSeq = seq;
        if (!indexed && createdCount == 1)
        {
            _pending = items[0];
        }

        return new WritePlan(items, createdItems, hashes);
    }

    /// <summary>
    /// Forgets the planned items (keeping <see cref="MaxSeq"/>) once the store itself holds them, so an import planned
    /// chunk by chunk needs memory for one chunk only. Later plans find those items through their <c>stored</c> lookup.
    /// </summary>
    public void ForgetPlanned()
    {
        _planned?.Clear();
        _pending = null;
    }

    private static Guid IdOf(IReadOnlyList<GraphItemInput> inputs, int i, long indexOffset) =>
        inputs[i]?.Id ?? throw MissingId(inputs[i], indexOffset + i, nameof(inputs));

    private static ArgumentException MissingId(GraphItemInput? input, long index, string paramName) => new(
        input is null ? $"The input at index {index} is null." : $"The input at index {index} has no id; assign ids before appending.", paramName);

    /// <summary>
    /// Takes back what a failed plan added: its created items, the ones of <paramref name="items"/> numbered after
    /// <see cref="MaxSeq"/> (a replay's item never is).
    /// </summary>
    private void TakeBack(GraphItem[] items)
    {
        if (_planned is null)
        {
            return;
        }

        foreach (var item in items)
        {
            if (item is not null && item.Seq > MaxSeq)
            {
                _planned.Remove(item.Id);
            }
        }
    }

    private void TakeInPending()
    {
        if (_pending is { } item)
        {
            (_planned ??= []).Add(item.Id, item);
            _pending = null;
        }
    }
}
