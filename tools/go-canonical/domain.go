package main

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

const maxDepth = 256

// domainProblem names why Go is not a reference for a document, or returns "". Go silently accepts
// invalid UTF-8, lone surrogate escapes, duplicate keys and deep nesting, which the kernel profile rejects
// on purpose; the reference program must never be trusted for those. The order of the checks is not the
// canonicalizer's precedence: it only has to find some problem.
func domainProblem(doc []byte) string {
	if !utf8.Valid(doc) {
		return "invalid-utf8"
	}
	if hasLoneSurrogateEscape(doc) {
		return "lone-surrogate"
	}
	return structureProblem(doc)
}

// hasLoneSurrogateEscape scans escape by escape; a backslash outside a string is a syntax error anyway.
func hasLoneSurrogateEscape(doc []byte) bool {
	for i := 0; i < len(doc); i++ {
		if doc[i] != '\\' || i+1 >= len(doc) {
			continue
		}
		if doc[i+1] != 'u' {
			i++
			continue
		}
		unit, ok := hex4(doc, i+2)
		if !ok {
			i++
			continue
		}
		switch {
		case unit >= 0xDC00 && unit <= 0xDFFF:
			return true
		case unit >= 0xD800 && unit <= 0xDBFF:
			if i+11 >= len(doc) || doc[i+6] != '\\' || doc[i+7] != 'u' {
				return true
			}
			low, ok := hex4(doc, i+8)
			if !ok || low < 0xDC00 || low > 0xDFFF {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

func hex4(b []byte, at int) (int, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(b[at:at+4]), 16, 32)
	return int(v), err == nil
}

type frame struct {
	object    bool
	expectKey bool
	keys      map[string]bool
}

// structureProblem walks the token stream for duplicate keys, depth and number range.
func structureProblem(doc []byte) string {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var stack []*frame
	for {
		token, err := dec.Token()
		if err == io.EOF {
			return ""
		}
		if err != nil {
			return "invalid-json"
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if s, isString := token.(string); isString && top != nil && top.object && top.expectKey {
			if top.keys[s] {
				return "duplicate-key"
			}
			top.keys[s] = true
			top.expectKey = false
			continue
		}
		if delim, isDelim := token.(json.Delim); isDelim && (delim == '}' || delim == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if top != nil && top.object {
			top.expectKey = true // this token starts the member's value
		}
		switch t := token.(type) {
		case json.Delim:
			stack = append(stack, &frame{object: t == '{', expectKey: t == '{', keys: map[string]bool{}})
			if len(stack) > maxDepth {
				return "max-depth"
			}
		case json.Number:
			if f, _ := strconv.ParseFloat(string(t), 64); math.IsInf(f, 0) {
				return "number-out-of-range"
			}
		}
	}
}
