using Microsoft.OpenApi;
using ReasoningGraph.Host.Http.Schemas;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// What the OpenAPI document says of an endpoint whose body is read by hand (<see cref="JsonBody"/>) and whose answer is
/// written by hand (<see cref="EnvelopeResult"/>): metadata only, read by <c>Serving.OpenApiDocument</c>; the reading
/// and writing paths do not see it.
/// </summary>
internal static class ApiDescriptions
{
    public const string Json = "application/json";

    /// <summary>The operation id: the name a generated client gives the call.</summary>
    public static RouteHandlerBuilder Named(this RouteHandlerBuilder builder, string operationId) => builder.WithName(operationId);

    /// <summary>The JSON body <typeparamref name="T"/> describes (required; the document lists it as <c>application/json</c>).</summary>
    /// <remarks>
    /// Not <c>Accepts&lt;T&gt;("application/json")</c>: routing would then match the endpoint by the request's
    /// Content-Type, and a body sent as <c>text/plain</c> would fall through to the 404 fallback instead of reaching
    /// <see cref="JsonBody"/>, which answers 415 in the envelope after authentication. <see cref="DescribedBody"/> names
    /// no content type, so routing ignores it.
    /// </remarks>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder)
        where T : notnull => builder.WithMetadata(new DescribedBody(typeof(T)));

    /// <summary>Success answers in the envelope: <c>{"ok": true}</c> joined to the members of <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (int status in statusCodes.DefaultIfEmpty(StatusCodes.Status200OK))
        {
            builder.Produces<T>(status, Json).WithMetadata(new EnvelopedAnswer(status));
        }

        return builder;
    }

    /// <summary>
    /// Another form of the answer with status <paramref name="statusCode"/>: <paramref name="contentType"/> as text, or,
    /// with <paramref name="bareType"/>, JSON of that type outside the envelope (chosen by a query parameter).
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswers(this RouteHandlerBuilder builder, int statusCode, string contentType, Type? bareType = null) =>
        builder.WithMetadata(new AlternativeAnswer(statusCode, contentType, bareType));

    /// <summary>A header of the answer with status <paramref name="statusCode"/> (e.g. <c>Location</c> of a 202).</summary>
    public static RouteHandlerBuilder WithAnswerHeader(this RouteHandlerBuilder builder, int statusCode, string name, string description) =>
        builder.WithMetadata(new AnswerHeader(statusCode, name, description));

    /// <summary>Failures in the error envelope, one per status.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (int status in statusCodes)
        {
            builder.Produces<ErrorEnvelope>(status, Json);
        }

        return builder;
    }

    /// <summary>A query parameter the handler reads itself (from <c>HttpRequest.Query</c>).</summary>
    public static RouteHandlerBuilder WithQuery(
        this RouteHandlerBuilder builder, string name, JsonSchemaType type, string description, bool required = false, params string[] values) =>
        builder.WithMetadata(new DescribedParameter(ParameterLocation.Query, name, type, description, required, values));

    /// <summary>A request header the handler reads itself.</summary>
    public static RouteHandlerBuilder WithHeader(this RouteHandlerBuilder builder, string name, string description) =>
        builder.WithMetadata(new DescribedParameter(ParameterLocation.Header, name, JsonSchemaType.String, description, Required: false, []));
}
