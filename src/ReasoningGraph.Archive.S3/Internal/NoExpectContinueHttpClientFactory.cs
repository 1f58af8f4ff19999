using Amazon.Runtime;

namespace ReasoningGraph.Archive.S3.Internal;

/// <summary>HTTP clients that never send <c>Expect: 100-continue</c> (the SDK sets it on uploads).</summary>
internal sealed class NoExpectContinueHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new NoExpectContinueHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return new HttpClient(handler, disposeHandler: true) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(100) };
    }

    private sealed class NoExpectContinueHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Ceph RGW answers a refused upload early; with 100-continue the unsent body is then read as the next request.
            request.Headers.ExpectContinue = false;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
