package main

import (
	"fmt"
	"strconv"
)

// The realistic shapes: what Reasoning Graph hashes and signs (DESIGN.md, INTEROP.md §3-4).

var (
	nodeTypes   = []string{"observation", "recommendation", "decision", "action", "hypothesis", "policyCheck", "score", "correction"}
	edgeTypes   = []string{"causal", "supports", "contradicts", "derivedFrom", "influencedBy"}
	authors     = []string{"agent:planner", "service:eval", "kernel", "user:ana@example.org", "sentinel-net", "agent:𝒳-prime"}
	eventTypes  = []string{"reason.node.created", "reason.edge.created", "reason.annotation.created", "reason.snapshot.created"}
	payloadKeys = []string{"reason", "score", "details", "inputs", "model", "confidence", "tags", "note", "threshold", "alternatives", "évaluation", "理由", "😀"}
)

func (g *docGen) pick(options []string) string { return options[g.r.Intn(len(options))] }

func (g *docGen) uuid() string {
	b := make([]byte, 16)
	g.r.Read(b)
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// timestamp is an RFC3339Nano UTC time with trailing zeros of the fraction dropped, as the Kernel writes it.
func (g *docGen) timestamp() string {
	fraction := ""
	if micro := g.r.Intn(1000000); micro != 0 && g.r.Intn(3) != 0 {
		fraction = "." + trimZeros(fmt.Sprintf("%06d", micro))
	}
	return fmt.Sprintf("2025-%02d-%02dT%02d:%02d:%02d%sZ", 1+g.r.Intn(12), 1+g.r.Intn(28), g.r.Intn(24), g.r.Intn(60), g.r.Intn(60), fraction)
}

func trimZeros(s string) string {
	for len(s) > 0 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

func (g *docGen) quoted(s string) string { return g.str(s) }

func (g *docGen) payload() string {
	return g.object(g.members(1+g.r.Intn(6), func() string { return g.pick(payloadKeys) }, func() string {
		return g.value(1, 4)
	}))
}

func (g *docGen) metadata() string {
	members := []member{{"confidence", strconv.FormatFloat(float64(g.r.Intn(1001))/1000, 'f', -1, 64)}}
	if g.r.Intn(2) == 0 {
		members = append(members, member{"source", g.quoted(g.pick(authors))})
	}
	if g.r.Intn(3) == 0 {
		members = append(members, member{"labels", g.array(g.many(g.r.Intn(4), func() string { return g.str(g.text(8)) }))})
	}
	return g.object(members)
}

func (g *docGen) node() string {
	members := []member{
		{"id", g.quoted(g.uuid())}, {"type", g.quoted(g.pick(nodeTypes))}, {"author", g.quoted(g.pick(authors))},
		{"createdAt", g.quoted(g.timestamp())}, {"payload", g.payload()}, {"metadata", g.metadata()},
	}
	if g.r.Intn(2) == 0 {
		members = append(members, member{"version", strconv.Itoa(1 + g.r.Intn(5))})
	}
	if g.r.Intn(3) == 0 {
		members = append(members, member{"manifestSignatureId", g.quoted(g.uuid())}, member{"auditEventId", g.quoted(g.uuid())})
	}
	return g.object(members)
}

func (g *docGen) edge() string {
	members := []member{
		{"id", g.quoted(g.uuid())}, {"from", g.quoted(g.uuid())}, {"to", g.quoted(g.uuid())},
		{"type", g.quoted(g.pick(edgeTypes))}, {"createdAt", g.quoted(g.timestamp())}, {"metadata", g.metadata()},
	}
	if g.r.Intn(3) != 0 {
		members = append(members, member{"weight", g.number()})
	}
	return g.object(members)
}

func (g *docGen) annotation() string {
	return g.object([]member{
		{"id", g.quoted(g.uuid())}, {"targetId", g.quoted(g.uuid())}, {"targetType", g.quoted(g.pick([]string{"node", "edge"}))},
		{"annotationType", g.quoted(g.pick([]string{"note", "correction", "review"}))}, {"author", g.quoted(g.pick(authors))},
		{"payload", g.payload()}, {"createdAt", g.quoted(g.timestamp())},
	})
}

func (g *docGen) auditEvent() string {
	return g.object([]member{
		{"eventType", g.quoted(g.pick(eventTypes))}, {"entityId", g.quoted(g.uuid())},
		{"entityHash", g.quoted(fmt.Sprintf("%016x%016x%016x%016x", g.r.Uint64(), g.r.Uint64(), g.r.Uint64(), g.r.Uint64()))},
		{"actor", g.quoted(g.pick(authors))}, {"ts", g.quoted(g.timestamp())}, {"seq", strconv.Itoa(g.r.Intn(1 << 30))},
	})
}

func (g *docGen) snapshot() string {
	ids := g.many(1+g.r.Intn(3), func() string { return g.quoted(g.uuid()) })
	payload := g.object([]member{
		{"nodes", g.array(g.many(g.r.Intn(4), g.node))}, {"edges", g.array(g.many(g.r.Intn(4), g.edge))},
		{"annotations", g.array(g.many(g.r.Intn(2), g.annotation))},
		{"audience", g.quoted(g.pick([]string{"operator", "auditor"}))}, {"pii_included", g.pick([]string{"true", "false"})},
		{"pii_policy_version", g.quoted("2025-11." + strconv.Itoa(g.r.Intn(9)))},
	})
	return g.object([]member{
		{"id", g.quoted(g.uuid())}, {"root_ids", g.array(ids)}, {"created_at", g.quoted(g.timestamp())},
		{"reasoning_graph_version", g.quoted("0.1.0")}, {"payload", payload},
	})
}
