using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Net.Http.Headers;
using ReasoningGraph.Canonicalization;
using ReasoningGraph.Errors;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// The one strict reader of request bodies. A body must be declared JSON (else 415) and must pass the canonical
/// profile's own rules before anything parses it: valid UTF-8, no duplicate keys, no lone surrogates, numbers in
/// range, nesting within the limit. A body that breaks one is refused with <c>CANONICALIZATION_ERROR</c> and its
/// stable reason (text that is not JSON at all: <c>INVALID_PAYLOAD</c>, reason <c>invalid-json</c>), so nothing is
/// silently altered (U+FFFD for bad bytes) or decided by the last of two keys.
/// </summary>
internal static class JsonBody
{
    /// <summary>The whole body, checked; the server's body size limit applies while it is read.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        RequireJsonContentType(request.ContentType);
        // The declared length only sizes the first buffer, capped: the server's body limit applies while reading,
        // not to what a client claims it will send.
        using var buffer = new MemoryStream((int)Math.Clamp(request.ContentLength ?? 4096, 256, 64 * 1024));
        await request.Body.CopyToAsync(buffer, cancellationToken);
        byte[] body = buffer.ToArray();
        if (body.Length == 0)
        {
            throw ApiErrors.InvalidPayload("body", "The body is empty; send a JSON object.");
        }

        try
        {
            CanonicalJson.Validate(body);
        }
        catch (CanonicalizationException e) when (e.Reason == CanonicalJsonError.InvalidJson)
        {
            // Not JSON at all is a malformed request; the other reasons are JSON no signature may cover.
            throw GraphErrors.InvalidPayload("body", $"The body is not valid JSON (byte {e.Position}).", reason: e.Reason);
        }

        return body;
    }

    /// <summary>A checked body as <typeparamref name="T"/>; a body that does not fit the contract is INVALID_PAYLOAD.</summary>
    public static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw ApiErrors.InvalidPayload("body", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw Unreadable(e.Path, typeInfo, what);
        }
    }

    /// <summary>
    /// A refusal naming the member the serializer's path points at (<c>$.types[0]</c> is <c>types[0]</c>) and what it
    /// must be, from the contract's type (<see cref="ValueExpectation"/>); never the serializer's own message.
    /// </summary>
    private static ReasoningGraphException Unreadable(string? path, JsonTypeInfo typeInfo, string what)
    {
        if (ValueExpectation.MemberOf(path) is { } name)
        {
            if (typeInfo.Properties.FirstOrDefault(p => p.Name == name) is not { } property)
            {
                // These bodies refuse members they do not have; the serializer's path then names the stranger.
                string fields = string.Join(", ", typeInfo.Properties.Select(p => p.Name).Order(StringComparer.Ordinal));
                return ApiErrors.InvalidPayload(name, $"'{name}' is not a field of a {what}; the fields are {fields}.");
            }

            // The member itself ($.types) or an element of it ($.types[1]): the field is the path without its "$.".
            string field = path![2..];
            var type = field.Length == name.Length ? property.PropertyType : ValueExpectation.ElementOf(property.PropertyType);
            if (type is not null && ValueExpectation.Of(type, typeInfo.Options) is { } expected)
            {
                return ApiErrors.InvalidPayload(field, $"'{field}' must be {expected}.");
            }
        }

        return ApiErrors.InvalidPayload("body", $"The {what} is not valid JSON for its fields.");
    }

    private static void RequireJsonContentType(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw new BadHttpRequestException(
            $"The body must be sent as Content-Type: application/json (UTF-8), not '{contentType ?? "none"}'.", StatusCodes.Status415UnsupportedMediaType);
    }
}
