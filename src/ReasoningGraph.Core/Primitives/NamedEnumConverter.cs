using System.Text.Json.Serialization;

namespace ReasoningGraph.Primitives;

/// <summary>
/// An enum read and written by its names only. <see cref="JsonStringEnumConverter{TEnum}"/> also reads numbers, so
/// <c>"targetType": 1</c> was taken as <c>node</c>: a spelling the contract never names, which a strict reader refuses
/// like any other value it does not name.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
