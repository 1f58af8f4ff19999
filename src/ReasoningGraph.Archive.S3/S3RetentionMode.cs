namespace ReasoningGraph.Archive.S3;

/// <summary>The S3 Object Lock retention mode set on every archived object.</summary>
public enum S3RetentionMode
{
    /// <summary>Nobody, not even the bucket owner or root account, can delete the object or shorten its retention before it ends.</summary>
    Compliance = 0,

    /// <summary>Deletion and shortening need the <c>s3:BypassGovernanceRetention</c> permission and an explicit bypass header.</summary>
    Governance = 1,
}
