using System.Net;
using k8s.Models;

namespace ReasoningGraph.Deploy.Tests.Support;

/// <summary>
/// What a NetworkPolicy leaves open to everyone: a direction it does not restrict, a rule without peers (every
/// source or destination) or without ports (every port), a peer that matches every namespace or every pod, or an
/// address range wider than a /8 (IPv4) or /16 (IPv6), which is the internet in effect.
/// </summary>
internal static class NetworkPolicyCheck
{
    public static IReadOnlyList<string> Problems(V1NetworkPolicy policy)
    {
        var problems = new List<string>();
        string name = policy.Metadata.Name;
        var types = policy.Spec.PolicyTypes ?? [];
        foreach (string direction in new[] { "Ingress", "Egress" }.Where(d => !types.Contains(d)))
        {
            problems.Add($"{name}: policyTypes lacks {direction}, so this policy leaves {direction.ToLowerInvariant()} open");
        }

        foreach (var (rule, index) in (policy.Spec.Ingress ?? []).Select((r, i) => (r, i)))
        {
            Rule(problems, $"{name}: ingress rule {index}", rule.FromProperty, rule.Ports, "source");
        }

        foreach (var (rule, index) in (policy.Spec.Egress ?? []).Select((r, i) => (r, i)))
        {
            Rule(problems, $"{name}: egress rule {index}", rule.To, rule.Ports, "destination");
        }

        return problems;
    }

    private static void Rule(List<string> problems, string where, IList<V1NetworkPolicyPeer>? peers, IList<V1NetworkPolicyPort>? ports, string what)
    {
        if (peers is null || peers.Count == 0)
        {
            problems.Add($"{where} admits every {what}");
        }

        if (ports is null || ports.Count == 0)
        {
            problems.Add($"{where} admits every port");
        }

        foreach (var peer in peers ?? [])
        {
            if (peer.IpBlock is { } block)
            {
                if (!IPNetwork.TryParse(block.Cidr, out var network))
                {
                    problems.Add($"{where}: '{block.Cidr}' is not a CIDR");
                }
                else if (network.PrefixLength < (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 8 : 16))
                {
                    problems.Add($"{where}: {block.Cidr} admits the internet");
                }
            }
            else if (peer.NamespaceSelector is not null && IsEmpty(peer.NamespaceSelector) && IsEmpty(peer.PodSelector))
            {
                problems.Add($"{where}: a peer matches every pod of every namespace");
            }
            else if (peer.NamespaceSelector is null && IsEmpty(peer.PodSelector))
            {
                problems.Add($"{where}: a peer matches every pod of the namespace");
            }
        }
    }

    private static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);

    /// <summary>Whether a label selector selects these labels (matchLabels and the four expression operators).</summary>
    public static bool Selects(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out string? v) && v == l.Value)
            && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
            {
                "In" => labels.TryGetValue(e.Key, out string? v) && e.Values.Contains(v),
                "NotIn" => !labels.TryGetValue(e.Key, out string? v) || !e.Values.Contains(v),
                "Exists" => labels.ContainsKey(e.Key),
                "DoesNotExist" => !labels.ContainsKey(e.Key),
                _ => throw new InvalidOperationException($"unknown selector operator {e.OperatorProperty}"),
            });
    }
}
