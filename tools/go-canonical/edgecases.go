package main

import (
	"fmt"
	"strings"
)

// edgeCase is one hand-picked input. Accepted cases (code "") get their expected output from the
// references: Go for kernel, the npm package canonicalize for rfc8785. Rejected cases carry the code that
// vectors/README.md and the shared README's precedence rules prescribe; no reference can produce those,
// because Go and JavaScript silently accept most of them.
type edgeCase struct {
	name    string
	input   string // raw bytes: Go string literals may hold invalid UTF-8
	code    string // expected error code; "" when accepted
	profile string // "" for both profiles
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

// controlEscapes is a string literal holding every control character U+0000..U+001F as \u escapes with
// uppercase hex, which canonical output turns into short escapes or lowercase \u00xx.
func controlEscapes() string {
	var b strings.Builder
	b.WriteByte('"')
	for c := 0; c < 0x20; c++ {
		fmt.Fprintf(&b, `\u%04X`, c)
	}
	b.WriteByte('"')
	return b.String()
}

var edgeCases = []edgeCase{
	// Key order: UTF-8 bytes (kernel) versus UTF-16 code units (rfc8785).
	{"key-order-ascii", `{"b":1,"a":2,"B":3,"_":4,"aa":5,"":6,"a b":7,"~":8}`, "", ""},
	{"key-order-prefix-first", `{"abc":1,"ab":2,"a":3}`, "", ""},
	{"key-order-private-use-vs-astral", "{\"\xf0\x9f\x98\x80\":1,\"\xee\x80\x80\":2}", "", ""},
	{"key-order-specials-vs-astral-after-prefix", `{"k\uffff":1,"k\ud83d\ude00":2,"k\ufb01":3,"k\u4e00":4}`, "", ""},
	{"key-order-max-code-points", `{"\udbff\udfff":1,"\uffff":2,"\ud800\udc00":3,"\ue000":4}`, "", ""},
	{"key-order-uses-unescaped-keys", `{"\u0062":1,"a":2,"\u00e9":3,"z":4,"\u007f":5}`, "", ""},
	{"key-order-nested-objects", `{"b":{"d":1,"c":2},"a":[{"f":1,"e":2}]}`, "", ""},
	{"keys-not-normalized-are-distinct", "{\"\xc3\xa9\":1,\"e\\u0301\":2,\"A\":3,\"a\":4,\"a \":5}", "", ""},
	{"same-key-in-sibling-objects", `{"a":{"a":1},"b":{"a":2},"c":[{"a":1},{"a":1}]}`, "", ""},

	// Strings and escapes.
	{"string-short-escapes", `"\b\f\n\r\t\"\\\/"`, "", ""},
	{"string-all-controls-as-escapes", controlEscapes(), "", ""},
	{"string-nul", `"a\u0000b"`, "", ""},
	{"string-del-and-c1-raw", `"\u007f\u0080\u009f\u00a0"`, "", ""},
	{"string-u2028-u2029-escaped-input", `"\u2028|\u2029"`, "", ""},
	{"string-u2028-u2029-raw-input", "\"\xe2\x80\xa8|\xe2\x80\xa9\"", "", ""},
	{"string-html-characters-raw", `"\u003c\u003e\u0026<>&"`, "", ""},
	{"string-literal-backslash-u0008", `"\\u0008 \\u000c \\u000C"`, "", ""},
	{"string-backslash-then-backspace", `"\\\u0008\\\u000C"`, "", ""},
	{"string-two-backslashes-u000c", `"\\\\u000c"`, "", ""},
	{"string-backspace-formfeed-uppercase-escapes", `"\u0008\u000C\u000A\u000D\u0009"`, "", ""},
	{"string-bom-and-noncharacters", "[\"\\ufeff\\ufffe\\uffff\",\"\xef\xbb\xbf\xef\xbf\xbe\xef\xbf\xbf\"]", "", ""},
	{"string-astral-escaped-pair", `"\ud83d\ude00"`, "", ""},
	{"string-astral-uppercase-pair", `"\uD83D\uDE00"`, "", ""},
	{"string-max-code-point", "[\"\\udbff\\udfff\",\"\xf4\x8f\xbf\xbf\"]", "", ""},
	{"string-decomposed-not-normalized", `["e\u0301","\u00e9"]`, "", ""},
	{"string-solidus", `"a/b\/c"`, "", ""},
	{"string-replacement-character-is-data", `"\ufffd"`, "", ""},

	// Numbers.
	{"number-negative-zero", `-0`, "", ""},
	{"number-negative-zero-forms", `[-0.0,-0e5,-0E-5,-0.000e+10]`, "", ""},
	{"number-zero-forms", `[0,0.0,0e0,0E+10,0.000]`, "", ""},
	{"number-underflow-positive", `1e-400`, "", ""},
	{"number-underflow-negative", `-1e-400`, "", ""},
	{"number-underflow-huge-exponent", `[1e-99999999999999999999,-1e-99999999999999999999]`, "", ""},
	{"number-min-subnormal-round-up", `2.4703282292062328e-324`, "", ""},
	{"number-min-subnormal-round-down", `2.4703282292062327e-324`, "", ""},
	{"number-min-subnormal", `[5e-324,4.9406564584124654e-324]`, "", ""},
	{"number-max-double", `1.7976931348623157e308`, "", ""},
	{"number-max-double-upper-edge", `1.7976931348623158e308`, "", ""},
	{"number-layout-below-1e-6", `[1e-7,0.0000001,1.5e-7,9.999999999999999e-7]`, "", ""},
	{"number-layout-at-1e-6", `[0.000001,1e-6,0.0000012345,1.0000000000000002e-6]`, "", ""},
	{"number-layout-at-1e21", `[1e21,1000000000000000000000,999999999999999999999,1e+21]`, "", ""},
	{"number-layout-below-1e21", `[1e20,123456789012345678901,9.999999999999999e20]`, "", ""},
	{"number-2-53-plus-1-ties-to-even", `[9007199254740993,-9007199254740993]`, "", ""},
	{"number-2-53-plus-1-with-tail-rounds-up", `9007199254740993.0000000000000000001`, "", ""},
	{"number-2-64-minus-1", `18446744073709551615`, "", ""},
	{"number-exponent-forms", `[1E2,1e+2,1e-0,10e-1,100e-2,0.5e1,1.50,1.0,1e007]`, "", ""},
	{"number-many-digits", `3.14159265358979323846264338327950288419716939937510`, "", ""},
	{"number-long-zero-fraction", "1." + repeat("0", 400), "", ""},
	{"number-long-leading-zeros-fraction", "0." + repeat("0", 40) + "1", "", ""},
	{"number-typical-decimals", `[0.1,0.2,0.30000000000000004,4.35,1.1,100.5,-273.15,6.02214076e23,1.602176634e-19]`, "", ""},
	{"number-exact-integers", `[1,-1,123456789,4294967296,1e15,1e16,1e17,-1e19]`, "", ""},

	// Literals, structure, whitespace.
	{"literal-true", `true`, "", ""},
	{"literal-false", `false`, "", ""},
	{"literal-null", `null`, "", ""},
	{"top-level-string", `"text"`, "", ""},
	{"top-level-number-in-whitespace", " \t\r\n 42 \n", "", ""},
	{"empty-object", `{}`, "", ""},
	{"empty-array", `[]`, "", ""},
	{"empty-containers-nested", `{"a":{},"b":[],"c":[{}],"d":[[]]}`, "", ""},
	{"whitespace-everywhere", "\r\n\t{ \"a\" :\t[ 1 ,\n2 ] , \"b\" : { } }\n", "", ""},
	{"array-order-kept", `[3,1,2,"b","a",null,true]`, "", ""},
	{"null-members-kept", `{"b":null,"a":[null],"c":{"d":null}}`, "", ""},
	{"depth-256-arrays", repeat("[", 256) + repeat("]", 256), "", ""},
	{"depth-256-objects", repeat(`{"a":`, 255) + "{}" + repeat("}", 255), "", ""},
	{"depth-256-mixed", repeat(`[{"k":`, 128) + "null" + repeat("}]", 128), "", ""},

	// invalid-json.
	{"invalid-empty", "", "invalid-json", ""},
	{"invalid-blank", " \t\r\n", "invalid-json", ""},
	{"invalid-trailing-value", `{} {}`, "invalid-json", ""},
	{"invalid-trailing-comma-array", `[1,]`, "invalid-json", ""},
	{"invalid-trailing-comma-object", `{"a":1,}`, "invalid-json", ""},
	{"invalid-missing-comma", `[1 2]`, "invalid-json", ""},
	{"invalid-leading-comma", `[,1]`, "invalid-json", ""},
	{"invalid-missing-colon", `{"a" 1}`, "invalid-json", ""},
	{"invalid-missing-value", `{"a":}`, "invalid-json", ""},
	{"invalid-single-quotes", `{'a':1}`, "invalid-json", ""},
	{"invalid-unquoted-key", `{a:1}`, "invalid-json", ""},
	{"invalid-nan", `NaN`, "invalid-json", ""},
	{"invalid-infinity", `[Infinity,-Infinity]`, "invalid-json", ""},
	{"invalid-plus-sign", `+1`, "invalid-json", ""},
	{"invalid-leading-zero", `01`, "invalid-json", ""},
	{"invalid-negative-leading-zero", `-01`, "invalid-json", ""},
	{"invalid-bare-fraction", `.5`, "invalid-json", ""},
	{"invalid-empty-fraction", `1.`, "invalid-json", ""},
	{"invalid-empty-exponent", `1e`, "invalid-json", ""},
	{"invalid-signed-empty-exponent", `1e+`, "invalid-json", ""},
	{"invalid-lone-minus", `-`, "invalid-json", ""},
	{"invalid-hex-number", `0x10`, "invalid-json", ""},
	{"invalid-raw-control-in-string", "\"a\x01b\"", "invalid-json", ""},
	{"invalid-raw-tab-in-string", "\"a\tb\"", "invalid-json", ""},
	{"invalid-raw-newline-in-string", "\"a\nb\"", "invalid-json", ""},
	{"invalid-escape-x", `"\x41"`, "invalid-json", ""},
	{"invalid-escape-capital-u", `"\U0041"`, "invalid-json", ""},
	{"invalid-escape-single-quote", `"\'"`, "invalid-json", ""},
	{"invalid-short-unicode-escape", `"\u12"`, "invalid-json", ""},
	{"invalid-non-hex-unicode-escape", `"\u12G4"`, "invalid-json", ""},
	{"invalid-unterminated-string", `"abc`, "invalid-json", ""},
	{"invalid-unclosed-array", `[1,2`, "invalid-json", ""},
	{"invalid-unclosed-object", `{"a":1`, "invalid-json", ""},
	{"invalid-mismatched-brackets", `[1}`, "invalid-json", ""},
	{"invalid-truncated-literal", `tru`, "invalid-json", ""},
	{"invalid-capitalized-literal", `True`, "invalid-json", ""},
	{"invalid-leading-bom", "\xef\xbb\xbf{}", "invalid-json", ""},
	{"invalid-block-comment", `/* c */ {}`, "invalid-json", ""},
	{"invalid-line-comment", "{} // c", "invalid-json", ""},
	{"invalid-whitespace-vt", "[1,\x0b2]", "invalid-json", ""},
	{"invalid-whitespace-ff", "[1,\x0c2]", "invalid-json", ""},
	{"invalid-whitespace-nbsp", "[1,\xc2\xa02]", "invalid-json", ""},
	{"invalid-whitespace-nel", "[1,\xc2\x852]", "invalid-json", ""},
	{"invalid-whitespace-u2028", "[1,\xe2\x80\xa82]", "invalid-json", ""},
	{"invalid-whitespace-ideographic-space", "[1,\xe3\x80\x802]", "invalid-json", ""},
	{"invalid-whitespace-bom-between-tokens", "[1,\xef\xbb\xbf2]", "invalid-json", ""},
	{"invalid-whitespace-u001c", "[1,\x1c2]", "invalid-json", ""},
	{"invalid-after-high-surrogate-bad-hex", `"\ud800\uZZZZ"`, "invalid-json", ""},
	{"invalid-after-high-surrogate-short-escape", `"\ud800\u12"`, "invalid-json", ""},

	// duplicate-key.
	{"duplicate-plain", `{"a":1,"a":2}`, "duplicate-key", ""},
	{"duplicate-same-value", `{"a":1,"a":1}`, "duplicate-key", ""},
	{"duplicate-escaped-ascii", `{"a":1,"\u0061":2}`, "duplicate-key", ""},
	{"duplicate-escaped-pair-vs-raw-astral", "{\"\xf0\x9f\x98\x80\":1,\"\\ud83d\\ude00\":2}", "duplicate-key", ""},
	{"duplicate-escaped-solidus", `{"a/b":1,"a\/b":2}`, "duplicate-key", ""},
	{"duplicate-empty-key", `{"":1,"":2}`, "duplicate-key", ""},
	{"duplicate-nested", `{"x":[{"b":1,"c":2,"b":3}]}`, "duplicate-key", ""},
	{"duplicate-not-adjacent", `{"a":1,"b":2,"c":3,"a":4}`, "duplicate-key", ""},

	// invalid-utf8.
	{"utf8-overlong-slash", "\"\xc0\xaf\"", "invalid-utf8", ""},
	{"utf8-overlong-three-byte", "\"\xe0\x80\xaf\"", "invalid-utf8", ""},
	{"utf8-encoded-high-surrogate", "\"\xed\xa0\x80\"", "invalid-utf8", ""},
	{"utf8-encoded-low-surrogate", "\"\xed\xbf\xbf\"", "invalid-utf8", ""},
	{"utf8-above-max-code-point", "\"\xf4\x90\x80\x80\"", "invalid-utf8", ""},
	{"utf8-f5-lead-byte", "\"\xf5\x80\x80\x80\"", "invalid-utf8", ""},
	{"utf8-truncated-sequence", "\"\xe2\x82\"", "invalid-utf8", ""},
	{"utf8-stray-continuation", "\"\x80\"", "invalid-utf8", ""},
	{"utf8-ff-byte", "\"\xff\"", "invalid-utf8", ""},
	{"utf8-in-key", "{\"\xc3\":1}", "invalid-utf8", ""},
	{"utf8-outside-string", "[1]\xff", "invalid-utf8", ""},
	{"utf8-truncated-at-end", "\"abc\"\xe2", "invalid-utf8", ""},

	// lone-surrogate.
	{"lone-high", `"\ud800"`, "lone-surrogate", ""},
	{"lone-low", `"\udc00"`, "lone-surrogate", ""},
	{"lone-high-then-char", `"\ud800x"`, "lone-surrogate", ""},
	{"lone-high-then-bmp-escape", `"\ud800\u0041"`, "lone-surrogate", ""},
	{"lone-high-then-high", `"\ud800\ud800"`, "lone-surrogate", ""},
	{"lone-reversed-pair", `"\ude00\ud83d"`, "lone-surrogate", ""},
	{"lone-high-then-short-escape", `"\ud800\n"`, "lone-surrogate", ""},
	{"lone-high-at-end-of-string", `"a\ud83d"`, "lone-surrogate", ""},
	{"lone-in-key", `{"\udbff":1}`, "lone-surrogate", ""},

	// number-out-of-range.
	{"range-1e400", `1e400`, "number-out-of-range", ""},
	{"range-negative-1e309", `-1e309`, "number-out-of-range", ""},
	{"range-just-above-max", `1.797693134862315808e308`, "number-out-of-range", ""},
	{"range-huge-exponent-digits", `1e99999999999999999999`, "number-out-of-range", ""},
	{"range-many-digits", "1" + repeat("0", 309), "number-out-of-range", ""},
	{"range-in-array", `[1,1e400]`, "number-out-of-range", ""},

	// max-depth.
	{"depth-257-arrays", repeat("[", 257) + repeat("]", 257), "max-depth", ""},
	{"depth-257-objects", repeat(`{"a":`, 256) + "{}" + repeat("}", 256), "max-depth", ""},
	{"depth-300-unclosed-arrays", repeat("[", 300), "max-depth", ""},

	// Precedence: invalid-utf8 wins over everything, otherwise the first problem from the left.
	{"precedence-utf8-after-syntax-error", "[1,]\"\xff\"", "invalid-utf8", ""},
	{"precedence-utf8-after-duplicate", "{\"a\":1,\"a\":\"\xc0\xaf\"}", "invalid-utf8", ""},
	{"precedence-utf8-after-lone-surrogate", "[\"\\ud800\",\"\xed\xa0\x80\"]", "invalid-utf8", ""},
	{"precedence-utf8-after-depth", repeat("[", 300) + "\xff", "invalid-utf8", ""},
	{"precedence-utf8-after-out-of-range", "[1e400,\"\xff\"]", "invalid-utf8", ""},
	{"precedence-duplicate-before-syntax-error", `{"a":1,"a":2,}`, "duplicate-key", ""},
	{"precedence-duplicate-before-unclosed", `{"a":1,"a":2`, "duplicate-key", ""},
	{"precedence-syntax-error-before-duplicate", `{"a":1,,"a":2}`, "invalid-json", ""},
	{"precedence-duplicate-before-lone-surrogate", `{"a":1,"a":"\ud800"}`, "duplicate-key", ""},
	{"precedence-lone-surrogate-before-duplicate", `{"a":"\ud800","a":1}`, "lone-surrogate", ""},
	{"precedence-duplicate-before-out-of-range", `{"a":1,"a":1e400}`, "duplicate-key", ""},
	{"precedence-out-of-range-before-duplicate", `{"a":1e400,"a":1}`, "number-out-of-range", ""},
	{"precedence-out-of-range-before-syntax-error", `[1e400,]`, "number-out-of-range", ""},
	{"precedence-out-of-range-before-unclosed", `[1e400`, "number-out-of-range", ""},
	{"precedence-depth-before-syntax-error", repeat("[", 257) + "}", "max-depth", ""},
	{"precedence-syntax-error-before-depth", "[1,]" + repeat("[", 300), "invalid-json", ""},
	{"precedence-lone-surrogate-before-syntax-error", `["\udc00",]`, "lone-surrogate", ""},
	{"precedence-syntax-error-before-lone-surrogate", `[01,"\udc00"]`, "invalid-json", ""},
	{"precedence-bad-hex-after-high-surrogate", `["\ud800\u00G0"]`, "invalid-json", ""},
}

func edgeVectors(nodeScript string) ([]vector, error) {
	var vectors []vector
	var rfcDocs [][]byte
	var rfcAt []int
	for _, c := range edgeCases {
		doc := []byte(c.input)
		if c.code != "" {
			if domainProblem(doc) == "" {
				if _, err := kernelCanonical(doc); err == nil {
					return nil, fmt.Errorf("%s: expected %s but Go and the domain checks accept it", c.name, c.code)
				}
			}
		}
		for _, profile := range []string{"kernel", "rfc8785"} {
			if c.profile != "" && c.profile != profile {
				continue
			}
			v := vector{name: c.name, profile: profile, input: doc, err: c.code}
			if c.code == "" && profile == "kernel" {
				canonical, err := acceptedByGo(c.name, doc)
				if err != nil {
					return nil, err
				}
				v.canonical = canonical
			} else if c.code == "" {
				rfcDocs = append(rfcDocs, doc)
				rfcAt = append(rfcAt, len(vectors))
			}
			vectors = append(vectors, v)
		}
	}
	outputs, err := nodeRfc8785(nodeScript, rfcDocs)
	if err != nil {
		return nil, err
	}
	for i, at := range rfcAt {
		vectors[at].canonical = outputs[i]
	}
	return vectors, nil
}
