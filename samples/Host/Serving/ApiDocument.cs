using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using ReasoningGraph.Errors;
using ReasoningGraph.Host.Http;
using ReasoningGraph.Host.Http.Schemas;
using ReasoningGraph.Host.Security;
using ReasoningGraph.Tracing;

namespace ReasoningGraph.Host.Serving;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, typed enough to generate a client from: the endpoints' metadata
/// (<see cref="ApiDescriptions"/>) gives bodies, answers, parameters and operation ids; here the success answers are
/// joined to the envelope's <c>{"ok": true}</c>, the layers every request passes add their failures (500, 504; and on
/// the API 429 and 503), the capability filter becomes a security requirement (a client certificate or a Kernel JWT),
/// and the probes, mapped elsewhere, get their answers.
/// </summary>
internal static class ApiDocument
{
    public const string MutualTlsScheme = "mutualTLS";
    public const string BearerScheme = "bearer";
    private const string OkEnvelopeId = nameof(OkEnvelope);

    /// <summary>The tag of each endpoint class (the generator's default tag), and what it groups.</summary>
    private static readonly Dictionary<string, (string Name, string Description)> Tags = new(StringComparer.Ordinal)
    {
        ["NodeEndpoints"] = ("nodes", "Record nodes and read a node with its edges."),
        ["EdgeEndpoints"] = ("edges", "Record edges between existing nodes."),
        ["AnnotationEndpoints"] = ("annotations", "Annotate nodes and edges."),
        ["TraceEndpoints"] = ("traces", "Walk the graph page by page, or read a node's ordered causal trace."),
        ["ExplainEndpoints"] = ("explanations", "Readable rationales built from causal traces."),
        ["QueryEndpoints"] = ("query", "Nodes matching a filter, page by page."),
        ["SnapshotEndpoints"] = ("snapshots", "Signed snapshots of a part of the graph."),
        ["ExportEndpoints"] = ("export", "What an auditor needs about one node."),
        ["LogEndpoints"] = ("log", "The audit chain as a verifiable log: checkpoints and proofs."),
        ["AdminEndpoints"] = ("admin", "The operator switches: signing hold and read-only."),
    };

    private const string ProbesTag = "probes";

    /// <summary>The request bodies: their readers refuse a member they do not know, so the document says so.</summary>
    private static readonly HashSet<Type> ClosedBodies =
    [
        typeof(Model.NodeInput), typeof(Model.EdgeInput), typeof(AnnotationRequest), typeof(NodeBatch), typeof(EdgeBatch), typeof(BatchAuditContext),
        typeof(QueryRequest), typeof(SnapshotRequestBody), typeof(ControlRequestBody),
    ];

    public static void Add(IServiceCollection services)
    {
        // The schemas are read from the HTTP JSON options; no endpoint binds a body or writes an answer through them (bodies
        // go through JsonBody, answers through EnvelopeResult), and strict number handling makes a number a number.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOutputCache();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer(DescribeDocument);
            options.AddOperationTransformer(DescribeAsync);
            options.AddSchemaTransformer(DescribeSchema);
        });
    }

    private static async Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The probes are health-check endpoints (MapHealthChecks), which the endpoint explorer does not list.
        document.Paths ??= [];
        foreach (string route in (string[])["/health", "/ready"])
        {
            if (!document.Paths.ContainsKey(route))
            {
                var operation = new OpenApiOperation { Tags = new HashSet<OpenApiTagReference> { new(ProbesTag, document) } };
                await DescribeProbeAsync(route, operation, (type, token) => context.GetOrCreateSchemaAsync(type, null, token), cancellationToken);
                document.Paths.Add(route, new OpenApiPathItem { Operations = new() { [HttpMethod.Get] = operation } });
            }
        }

        document.Info.Title = "Reasoning Graph";
        document.Info.Description = "The reasoning graph service (docs/SERVICE.md). Success answers are {\"ok\": true, …}; failures "
            + "{\"ok\": false, \"error\": {code, message, details}} with a stable code.";
        document.Info.License = new OpenApiLicense { Name = "Apache-2.0", Identifier = "Apache-2.0" };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        var descriptions = Tags.Values.Append((Name: ProbesTag, Description: "Liveness and readiness; no credential.")).ToDictionary(t => t.Name, t => t.Description);
        document.Tags = new HashSet<OpenApiTag>(
            (document.Paths ?? []).SelectMany(path => path.Value.Operations ?? []).SelectMany(operation => operation.Value.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                .Select(tag => tag.Name!).Distinct().Order(StringComparer.Ordinal)
                .Select(name => new OpenApiTag { Name = name, Description = descriptions.GetValueOrDefault(name, name) }));
        AddComponents(document);
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (ClosedBodies.Contains(type))
        {
            schema.AdditionalPropertiesAllowed = false;
        }

        // Members the readers check by hand (the body types keep them nullable to name the field in their refusal).
        foreach (string member in type == typeof(SnapshotRequestBody) ? ["rootNodeIds"] : type == typeof(ControlRequestBody) ? ["enabled"] : (string[])[])
        {
            schema.Required ??= new HashSet<string>();
            schema.Required.Add(member);
            if (schema.Properties?[member] is OpenApiSchema property && property.Type is { } memberType)
            {
                property.Type = memberType & ~JsonSchemaType.Null;
            }
        }

        if (type == typeof(CausalTraceEntry))
        {
            // An entry reads these from its item instead of storing them, so nothing marks them required; it always writes them.
            schema.Required ??= new HashSet<string>();
            schema.Required.UnionWith(["id", "type", "entityType", "timestamp"]);
        }

        if (type == typeof(ErrorBody) && schema.Properties?["code"] is OpenApiSchema code)
        {
            code.Enum = [.. ErrorCodeNames().Select(name => (JsonNode)name)];
        }
        else if (type == typeof(ErrorEnvelope) && schema.Properties?["ok"] is OpenApiSchema ok)
        {
            ok.Enum = [false];
        }
        else if (type == typeof(HealthReport) && schema.Required is { } required)
        {
            // HostJsonContext omits null members (WhenWritingNull): a nullable member of the report may be absent.
            var nullability = new NullabilityInfoContext();
            foreach (var property in typeof(HealthReport).GetProperties())
            {
                if (nullability.Create(property).ReadState == NullabilityState.Nullable)
                {
                    required.Remove(context.JsonTypeInfo.Properties.Single(p => (p.AttributeProvider as PropertyInfo)?.Name == property.Name).Name);
                }
            }
        }
        else if (type == typeof(System.Text.Json.JsonElement))
        {
            schema.Description ??= "Any JSON value, stored and answered as sent (a payload or metadata is a JSON object).";
        }
        else if (schema.Format == "date-time" && schema.Type is null)
        {
            // The model's times have a converter of their own (RFC 3339 with nanoseconds), so the generator does not
            // know they are strings.
            schema.Type = context.JsonPropertyInfo?.PropertyType == typeof(DateTimeOffset?) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        AddComponents(document);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        string route = "/" + (context.Description.RelativePath ?? "").TrimStart('/');
        string tag = operation.Tags?.FirstOrDefault()?.Name ?? "";
        tag = route is "/health" or "/ready" ? ProbesTag : Tags.TryGetValue(tag, out var known) ? known.Name : tag;
        operation.Tags = new HashSet<OpenApiTagReference> { new(tag, document) };
        await DescribeProbeAsync(route, operation, (type, token) => context.GetOrCreateSchemaAsync(type, null, token), cancellationToken);
        DescribeParameters(operation, metadata);

        operation.Responses ??= [];
        foreach (var answer in metadata.OfType<EnvelopedAnswer>())
        {
            if (operation.Responses.TryGetValue(answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
                && response.Content?.TryGetValue(ApiDescriptions.Json, out var media) == true && media.Schema is { } members)
            {
                media.Schema = new OpenApiSchema { AllOf = [new OpenApiSchemaReference(OkEnvelopeId, document), members] };
            }
        }

        foreach (var header in metadata.OfType<AnswerHeader>())
        {
            if (operation.Responses.TryGetValue(header.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) && response is OpenApiResponse answer)
            {
                answer.Headers ??= new Dictionary<string, IOpenApiHeader>();
                answer.Headers[header.Name] = new OpenApiHeader { Description = header.Description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }

        foreach (var alternative in metadata.OfType<AlternativeAnswer>())
        {
            if (operation.Responses.TryGetValue(alternative.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response) && response.Content is { } content)
            {
                IOpenApiSchema? bare = alternative.BareType is null ? null : await context.GetOrCreateSchemaAsync(alternative.BareType, null, cancellationToken);
                if (bare is not null && document.Components?.Schemas?.ContainsKey(alternative.BareType!.Name) == true)
                {
                    bare = new OpenApiSchemaReference(alternative.BareType.Name, document); // the component, not a copy of it
                }

                content[alternative.ContentType] = bare is not null && content.TryGetValue(alternative.ContentType, out var media) && media.Schema is { } enveloped
                    ? new OpenApiMediaType { Schema = new OpenApiSchema { AnyOf = [enveloped, bare] } }
                    : new OpenApiMediaType { Schema = bare ?? new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }

        var failures = new List<int> { StatusCodes.Status500InternalServerError, StatusCodes.Status504GatewayTimeout };
        if (metadata.OfType<CapabilityRequirement>().LastOrDefault() is { } requirement)
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(MutualTlsScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [requirement.Capability] },
            ];
            operation.Description = $"Requires the capability `{requirement.Capability}`.";
            if (AnonymousReads.IsMarked(metadata) && context.ApplicationServices.GetRequiredService<CallerAuthenticators>().AllowAnonymousReads)
            {
                // ALLOW_ANONYMOUS_READS=true on this host: no credential at all is accepted too (read:trace, PII redacted).
                operation.Security.Add(new OpenApiSecurityRequirement());
                operation.Description += " Open to requests without a credential here (ALLOW_ANONYMOUS_READS=true), PII redacted.";
            }

            failures.AddRange([StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable]);
        }

        foreach (int status in failures)
        {
            string key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = ErrorResponse(document, status);
            }
        }
    }

    private static void DescribeParameters(OpenApiOperation operation, IList<object> metadata)
    {
        operation.Parameters ??= [];
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            parameter.Schema = parameter.Name switch
            {
                "id" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$" },
                "control" => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["signing-hold", "read-only"] },
                _ => parameter.Schema,
            };
        }

        foreach (var described in metadata.OfType<DescribedParameter>())
        {
            var existing = operation.Parameters.FirstOrDefault(p => p.Name == described.Name && p.In == described.In);
            if (existing is not null)
            {
                operation.Parameters.Remove(existing);
            }

            var schema = new OpenApiSchema { Type = described.Type };
            if (described.Type == JsonSchemaType.Integer)
            {
                schema.Format = "int64";
            }
            else if (described.Type == JsonSchemaType.Number)
            {
                schema.Format = "double";
            }

            if (described.Values.Count > 0)
            {
                schema.Enum = [.. described.Values.Select(value => (JsonNode)value)];
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = described.Name,
                In = described.In,
                Required = described.Required,
                Description = described.Description,
                Schema = schema,
            });
        }
    }

    /// <summary>The probes are mapped by their own files (HealthEndpoints, ReadyEndpoints); their answers are described here.</summary>
    private static async Task DescribeProbeAsync(
        string route, OpenApiOperation operation, Func<Type, CancellationToken, Task<OpenApiSchema>> schemaOf, CancellationToken cancellationToken)
    {
        (string Id, Type Answer, int[] Statuses)? probe = route switch
        {
            "/health" => ("getHealth", typeof(HealthReport), [StatusCodes.Status200OK]),
            "/ready" => ("getReady", typeof(ReadyReport), [StatusCodes.Status200OK, StatusCodes.Status503ServiceUnavailable]),
            _ => null,
        };
        if (probe is not { } known)
        {
            return;
        }

        operation.OperationId ??= known.Id;
        operation.Summary ??= route == "/health" ? "Liveness and a summary of the configuration; 200 while the process serves." : "Readiness: 503 while the service cannot serve.";
        operation.Security = [new OpenApiSecurityRequirement()]; // no credential
        operation.Responses = [];
        var schema = await schemaOf(known.Answer, cancellationToken);
        foreach (int status in known.Statuses)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = status == StatusCodes.Status200OK ? "OK" : "Not ready",
                Content = new Dictionary<string, OpenApiMediaType> { [ApiDescriptions.Json] = new() { Schema = schema } },
            };
        }
    }

    private static OpenApiResponse ErrorResponse(OpenApiDocument document, int status) => new()
    {
        Headers = status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before sending again (429, and 503 STORE_UNAVAILABLE): re-send by the same ids.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                },
            }
            : null,
        Description = status switch
        {
            StatusCodes.Status429TooManyRequests => "RATE_LIMITED (Retry-After)",
            StatusCodes.Status503ServiceUnavailable => "STORE_UNAVAILABLE (Retry-After) or READ_ONLY",
            StatusCodes.Status504GatewayTimeout => "The request timeout expired",
            _ => "INTERNAL_ERROR: an unexpected failure, logged",
        },
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ApiDescriptions.Json] = new() { Schema = new OpenApiSchemaReference(nameof(ErrorEnvelope), document) },
        },
    };

    private static void AddComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(MutualTlsScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.MutualTLS,
            Description = "A client certificate chaining to KERNEL_CA_CERT: the Kernel's CN holds reasoning:write and read:trace, any other read:trace.",
        });
        document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A Kernel JWT (iss kernel, EdDSA or RS256); its scope, scp and roles are the capabilities.",
        });
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(OkEnvelopeId, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "ok" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["ok"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Enum = [true] } },
        });
    }

    private static IEnumerable<string> ErrorCodeNames() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Append(ErrorStatus.InternalError)
            .Order(StringComparer.Ordinal);
}
