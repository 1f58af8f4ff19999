using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using ReasoningGraph.Archive.S3.Internal;

namespace ReasoningGraph.Archive.S3;

/// <summary>Builds the <see cref="IAmazonS3"/> client an <see cref="S3SnapshotArchive"/> uses, with the settings S3-compatible servers need.</summary>
public static class S3ArchiveClient
{
    /// <summary>
    /// A client for the options: path-style addressing for custom endpoints, checksums only where the API requires
    /// them (S3-compatible servers such as Ceph RGW reject the SDK's streaming-trailer checksums) and no
    /// <c>Expect: 100-continue</c> (after a refused upload some servers misread the next request on the connection).
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <returns>A new client; the caller disposes it.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public static IAmazonS3 Create(S3ArchiveOptions options)
    {
        S3ArchiveOptionsValidator.ThrowIfInvalid(options);
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            HttpClientFactory = new NoExpectContinueHttpClientFactory(),
            Timeout = options.RequestTimeout,
            MaxErrorRetry = 2,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.AuthenticationRegion = options.Region;
            config.ForcePathStyle = options.ForcePathStyle ?? true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            config.ForcePathStyle = options.ForcePathStyle ?? false;
        }

        return options.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }
}
