package main

import (
	"math"
	"strconv"
	"strings"
)

var boundaries = []float64{1e-7, 1e-6, 1e21, 1e20, 9007199254740992, 5e-324, math.MaxFloat64,
	2.2250738585072014e-308, 0.1, 1, 0}

// number writes a finite number in one of many spellings; underflow to zero is allowed, overflow is not.
func (g *docGen) number() string {
	for {
		text := g.numberText()
		if f, _ := strconv.ParseFloat(text, 64); !math.IsInf(f, 0) {
			return text
		}
	}
}

func (g *docGen) numberText() string {
	sign := ""
	if g.r.Intn(3) == 0 {
		sign = "-"
	}
	switch g.r.Intn(9) {
	case 0:
		return sign + strconv.Itoa(g.r.Intn(1000))
	case 1:
		return sign + g.digits(15+g.r.Intn(15)) // beyond 2^53
	case 2:
		return sign + []string{"0", "0.0", "0e0", "0E-5", "0.000e+10"}[g.r.Intn(5)]
	case 3:
		return sign + g.digits(1+g.r.Intn(4)) + "." + g.fraction(1+g.r.Intn(20)) + g.exponent()
	case 4:
		return g.spell(math.Float64frombits(g.r.Uint64()))
	case 5:
		f := boundaries[g.r.Intn(len(boundaries))]
		for steps := g.r.Intn(3); steps > 0; steps-- {
			f = math.Nextafter(f, math.Inf(2*g.r.Intn(2)-1))
		}
		return sign + g.spell(math.Abs(f))
	case 6:
		return sign + "0." + strings.Repeat("0", g.r.Intn(12)) + g.digits(1+g.r.Intn(10))
	case 7:
		return sign + g.digits(1+g.r.Intn(3)) + "e" + strconv.Itoa(g.r.Intn(340)-330)
	default:
		return sign + strconv.FormatFloat(float64(g.r.Intn(100000))/100, 'f', -1, 64)
	}
}

// digits is an integer literal without leading zeros.
func (g *docGen) digits(n int) string {
	b := []byte{byte('1' + g.r.Intn(9))}
	for i := 1; i < n; i++ {
		b = append(b, byte('0'+g.r.Intn(10)))
	}
	return string(b)
}

func (g *docGen) fraction(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.r.Intn(10))
	}
	return string(b)
}

func (g *docGen) exponent() string {
	if g.r.Intn(2) == 0 {
		return ""
	}
	e := []string{"e", "E"}[g.r.Intn(2)] + []string{"", "+", "-"}[g.r.Intn(3)]
	return e + strconv.Itoa(g.r.Intn(330))
}

// spell writes a finite double in a random valid JSON spelling (Go's 'e' form keeps a two-digit exponent).
func (g *docGen) spell(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		f = 1.5
	}
	var text string
	switch g.r.Intn(4) {
	case 0:
		text = strconv.FormatFloat(f, 'e', -1, 64)
	case 1:
		text = strconv.FormatFloat(f, 'g', -1, 64)
	case 2:
		text = strconv.FormatFloat(f, 'e', 17+g.r.Intn(8), 64)
	default:
		text = strings.ToUpper(strconv.FormatFloat(f, 'e', -1, 64))
	}
	return text
}
