package main

import (
	"fmt"
	"math/rand"
	"strings"
	"unicode/utf16"
)

// docGen writes JSON text directly, varying everything the canonical form must erase: member order,
// whitespace, escape choices and number spellings.
type docGen struct {
	r *rand.Rand
	// oneLine writes a space or a tab where a line break was drawn, keeping the random sequence (and so
	// every frozen vector) unchanged, for corpora with one document per line.
	oneLine bool
}

type member struct{ key, value string }

// ws is usually empty, sometimes any run of the four JSON whitespace characters.
func (g *docGen) ws() string {
	if g.r.Intn(4) != 0 {
		return ""
	}
	var b strings.Builder
	for n := 1 + g.r.Intn(3); n > 0; n-- {
		c := " \t\r\n"[g.r.Intn(4)]
		if g.oneLine && (c == '\r' || c == '\n') {
			c = " \t"[c&1]
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (g *docGen) array(items []string) string {
	var b strings.Builder
	b.WriteString("[" + g.ws())
	for i, item := range items {
		if i > 0 {
			b.WriteString(g.ws() + "," + g.ws())
		}
		b.WriteString(item)
	}
	b.WriteString(g.ws() + "]")
	return b.String()
}

// object writes members in a random order; keys are raw strings, escaped here.
func (g *docGen) object(members []member) string {
	g.r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	var b strings.Builder
	b.WriteString("{" + g.ws())
	for i, m := range members {
		if i > 0 {
			b.WriteString(g.ws() + "," + g.ws())
		}
		b.WriteString(g.str(m.key) + g.ws() + ":" + g.ws() + m.value)
	}
	b.WriteString(g.ws() + "}")
	return b.String()
}

// members makes up to n members with distinct keys (compared unescaped, as the canonicalizer does).
func (g *docGen) members(n int, key func() string, value func() string) []member {
	seen := map[string]bool{}
	var members []member
	for i := 0; i < n; i++ {
		k := key()
		if seen[k] {
			continue
		}
		seen[k] = true
		members = append(members, member{k, value()})
	}
	return members
}

// str writes s as a JSON string literal, escaping what must be escaped and, at random, what may be.
func (g *docGen) str(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			if g.r.Intn(4) == 0 {
				b.WriteString(g.uescape(r))
			} else {
				b.WriteString(`\` + string(r))
			}
		case r < 0x20:
			short := map[rune]string{'\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`}[r]
			if short != "" && g.r.Intn(2) == 0 {
				b.WriteString(short)
			} else {
				b.WriteString(g.uescape(r))
			}
		case r == '/' && g.r.Intn(2) == 0:
			b.WriteString(`\/`)
		case g.r.Intn(7) == 0:
			b.WriteString(g.uescape(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// uescape writes \uXXXX (a surrogate pair for astral characters) in random hex case.
func (g *docGen) uescape(r rune) string {
	format := `\u%04x`
	if g.r.Intn(2) == 0 {
		format = `\u%04X`
	}
	if r > 0xFFFF {
		hi, lo := utf16.EncodeRune(r)
		return fmt.Sprintf(format+format, hi, lo)
	}
	return fmt.Sprintf(format, r)
}

// text is a random string of up to max characters drawn from every interesting range.
func (g *docGen) text(max int) string {
	var b strings.Builder
	for n := g.r.Intn(max + 1); n > 0; n-- {
		b.WriteRune(g.char())
	}
	return b.String()
}

var specials = []rune{0x7f, 0x80, 0x9f, 0xa0, 0xad, 0x2028, 0x2029, 0xfeff, 0xfffd, 0xfffe, 0xffff,
	0xe000, 0xf8ff, 0xfb01, '<', '>', '&', '\\', '"', '/', '\'', 0x10ffff, 0x10000}

func (g *docGen) char() rune {
	switch g.r.Intn(14) {
	case 0, 1, 2, 3, 4:
		return rune(0x20 + g.r.Intn(0x5f))
	case 5:
		return rune(g.r.Intn(0x20))
	case 6:
		return rune(0xa0 + g.r.Intn(0x460))
	case 7:
		return rune(0x4e00 + g.r.Intn(0x5200))
	case 8, 9:
		return specials[g.r.Intn(len(specials))]
	case 10:
		return rune(0x1f300 + g.r.Intn(0x800))
	case 11:
		return rune(0x10000 + g.r.Intn(0x100000))
	case 12:
		return rune(0xe000 + g.r.Intn(0x2000))
	default:
		return rune(0x300 + g.r.Intn(0x70))
	}
}

func (g *docGen) ident() string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789"
	var b strings.Builder
	for n := 1 + g.r.Intn(12); n > 0; n-- {
		b.WriteByte(letters[g.r.Intn(len(letters))])
	}
	return b.String()
}

// keyText mixes identifier keys with arbitrary ones, including the empty key and astral keys.
func (g *docGen) keyText() string {
	switch g.r.Intn(5) {
	case 0, 1:
		return g.ident()
	case 2:
		return g.ident() + string(g.char())
	default:
		return g.text(6)
	}
}
