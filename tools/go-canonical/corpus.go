package main

import (
	"fmt"
	"math/rand"
)

// corpusVectors generates realistic and random documents the kernel profile must accept, with their
// expected bytes from Go. The seed makes the file reproducible; the file is frozen in vectors/ anyway.
func corpusVectors(seed int64, count int) ([]vector, error) {
	g := &docGen{r: rand.New(rand.NewSource(seed))}
	vectors := make([]vector, 0, count)
	for i := 1; i <= count; i++ {
		category, text := g.document()
		name := fmt.Sprintf("go-s%d-%04d-%s", seed, i, category)
		canonical, err := acceptedByGo(name, []byte(text))
		if err != nil {
			return nil, err
		}
		vectors = append(vectors, vector{name: name, profile: "kernel", input: []byte(text), canonical: canonical})
	}
	return vectors, nil
}

// document picks a category: mostly the shapes Reasoning Graph stores and signs, plus random JSON that
// stresses one rule each (numbers, strings, keys, depth, width).
func (g *docGen) document() (string, string) {
	var category, text string
	switch n := g.r.Intn(100); {
	case n < 14:
		category, text = "node", g.node()
	case n < 22:
		category, text = "edge", g.edge()
	case n < 28:
		category, text = "annotation", g.annotation()
	case n < 34:
		category, text = "audit-event", g.auditEvent()
	case n < 38:
		category, text = "snapshot", g.snapshot()
	case n < 58:
		category, text = "random", g.value(0, 2+g.r.Intn(5))
	case n < 68:
		category, text = "numbers", g.array(g.many(1+g.r.Intn(30), g.number))
	case n < 78:
		category, text = "strings", g.array(g.many(1+g.r.Intn(12), func() string { return g.str(g.text(40)) }))
	case n < 88:
		category, text = "keys", g.object(g.members(1+g.r.Intn(25), g.keyText, func() string { return g.scalar() }))
	case n < 92:
		category, text = "scalar", g.scalar()
	case n < 96:
		category, text = "deep", g.deep(1+g.r.Intn(maxDepth))
	default:
		category, text = "wide", g.object(g.members(100+g.r.Intn(200), g.ident, g.scalar))
	}
	return category, g.ws() + text + g.ws()
}

func (g *docGen) many(n int, item func() string) []string {
	items := make([]string, n)
	for i := range items {
		items[i] = item()
	}
	return items
}

// value is a random JSON value no deeper than maxDepth levels below depth.
func (g *docGen) value(depth, maxDepth int) string {
	if depth >= maxDepth || g.r.Intn(3) == 0 {
		return g.scalar()
	}
	child := func() string { return g.value(depth+1, maxDepth) }
	if g.r.Intn(2) == 0 {
		return g.array(g.many(g.r.Intn(6), child))
	}
	return g.object(g.members(g.r.Intn(6), g.keyText, child))
}

func (g *docGen) scalar() string {
	switch g.r.Intn(10) {
	case 0:
		return "null"
	case 1:
		return "true"
	case 2:
		return "false"
	case 3, 4, 5:
		return g.number()
	default:
		return g.str(g.text(24))
	}
}

// deep nests arrays and objects exactly levels deep (the kernel limit is 256).
func (g *docGen) deep(levels int) string {
	inner := g.scalar()
	if g.r.Intn(4) == 0 {
		inner = "[]"
		levels--
	}
	for i := 0; i < levels; i++ {
		if g.r.Intn(2) == 0 {
			inner = g.array([]string{inner})
		} else {
			inner = g.object([]member{{g.ident(), inner}})
		}
	}
	return inner
}
