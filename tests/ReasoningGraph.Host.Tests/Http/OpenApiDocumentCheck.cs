using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReasoningGraph.Host.Security;

namespace ReasoningGraph.Host.Tests.Http;

/// <summary>
/// What the OpenAPI document must say of every route the host maps (read from its <see cref="EndpointDataSource"/>, so
/// an endpoint added without metadata is caught): an operation id, a typed success answer, the error envelope for each
/// failure, a required JSON body for writes, its path parameters, and on the API (<c>/reason</c>, <c>/admin</c>) the
/// security requirement of its capability.
/// </summary>
internal static partial class OpenApiDocumentCheck
{
    /// <summary>The routes that are not operations of the API: the document itself and the Prometheus scrape (text, for scrapers).</summary>
    private static readonly HashSet<string> NotOperations = new(StringComparer.Ordinal) { "/openapi/{documentName}.json", "/metrics" };

    public static List<string> Problems(JsonElement document, IServiceProvider services)
    {
        var problems = new List<string>();
        var paths = document.GetProperty("paths");
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        int checkedOperations = 0;
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            string route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || NotOperations.Contains(route))
            {
                continue; // the fallback (404 for anything else) has no method
            }

            foreach (string method in methods.HttpMethods)
            {
                string where = $"{method} {route}";
                if (!paths.TryGetProperty(route, out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    problems.Add($"{where}: not in the document");
                    continue;
                }

                checkedOperations++;
                CheckOperation(problems, where, route, method, operation, endpoint.Metadata.GetMetadata<CapabilityRequirement>(), operationIds);
            }
        }

        if (checkedOperations < 20)
        {
            problems.Add($"only {checkedOperations} operations were checked");
        }

        return problems;
    }

    private static void CheckOperation(
        List<string> problems, string where, string route, string method, JsonElement operation, CapabilityRequirement? capability, HashSet<string> operationIds)
    {
        if (!operation.TryGetProperty("operationId", out var id) || string.IsNullOrEmpty(id.GetString()) || !operationIds.Add(id.GetString()!))
        {
            problems.Add($"{where}: no operationId, or one another operation has");
        }

        var responses = operation.GetProperty("responses").EnumerateObject().ToList();
        if (!responses.Any(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out var content)
                && content.EnumerateObject().Any(media => media.Value.TryGetProperty("schema", out var schema) && IsTyped(schema))))
        {
            problems.Add($"{where}: no 2xx answer with a schema");
        }

        foreach (var response in responses.Where(r => r.Name[0] is '4' or '5' && !(route == "/ready" && r.Name == "503")))
        {
            string? schema = response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out var media)
                && media.GetProperty("schema").TryGetProperty("$ref", out var reference) ? reference.GetString() : null;
            if (schema != "#/components/schemas/ErrorEnvelope")
            {
                problems.Add($"{where}: {response.Name} is not the error envelope");
            }
        }

        if (method is "POST" or "PUT" && !(operation.TryGetProperty("requestBody", out var body) && body.GetProperty("required").GetBoolean()
                && body.GetProperty("content").TryGetProperty("application/json", out var bodyMedia) && IsTyped(bodyMedia.GetProperty("schema"))))
        {
            problems.Add($"{where}: no required, typed JSON body");
        }

        var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
        foreach (Match name in RouteParameter().Matches(route))
        {
            if (!parameters.Any(p => p.GetProperty("name").GetString() == name.Groups[1].Value && p.GetProperty("in").GetString() == "path" && p.GetProperty("required").GetBoolean()))
            {
                problems.Add($"{where}: path parameter {name.Value} is not described");
            }
        }

        bool api = route.StartsWith("/reason/", StringComparison.Ordinal) || route.StartsWith("/admin/", StringComparison.Ordinal);
        if (api || capability is not null)
        {
            CheckSecurity(problems, where, operation, capability, responses.Select(r => r.Name).ToHashSet());
        }
    }

    private static void CheckSecurity(List<string> problems, string where, JsonElement operation, CapabilityRequirement? capability, HashSet<string> statuses)
    {
        if (capability is null)
        {
            problems.Add($"{where}: an API route without a capability");
            return;
        }

        var security = operation.TryGetProperty("security", out var requirements) ? requirements.EnumerateArray().ToList() : [];
        bool mtls = security.Any(r => r.TryGetProperty("mutualTLS", out var scopes) && scopes.GetArrayLength() == 0);
        bool bearer = security.Any(r => r.TryGetProperty("bearer", out var scopes) && scopes.EnumerateArray().Select(s => s.GetString()).SequenceEqual([capability.Capability]));
        if (!mtls || !bearer)
        {
            problems.Add($"{where}: security is not a client certificate or a bearer token with {capability.Capability}");
        }

        foreach (string status in (string[])["401", "403", "429", "503"])
        {
            if (!statuses.Contains(status))
            {
                problems.Add($"{where}: no {status}");
            }
        }
    }

    private static bool IsTyped(JsonElement schema) =>
        schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("allOf", out _) || schema.TryGetProperty("anyOf", out _) || schema.TryGetProperty("type", out _);

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
