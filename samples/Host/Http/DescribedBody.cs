using Microsoft.AspNetCore.Http.Metadata;

namespace ReasoningGraph.Host.Http;

/// <summary>
/// Endpoint metadata: the type of the JSON body a handler reads itself (<see cref="ApiDescriptions.AcceptsJson"/>), for
/// the OpenAPI document only. It lists no content type, so routing's content-type matching leaves the endpoint alone.
/// </summary>
internal sealed class DescribedBody(Type requestType) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => [];

    public Type? RequestType => requestType;

    public bool IsOptional => false;
}
