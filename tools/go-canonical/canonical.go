package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
)

// kernelCanonical is the Go Kernel's canonicalizer: decode generically, re-encode without HTML escaping,
// drop the encoder's newline. Only meaningful for documents where domainProblem returns "".
func kernelCanonical(doc []byte) ([]byte, error) {
	var value interface{}
	if err := json.Unmarshal(doc, &value); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(value); err != nil {
		return nil, err
	}
	return modernizeEscapes(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// modernizeEscapes rewrites Go < 1.22's `\u0008` and `\u000c` to the `\b` and `\f` that Go 1.22+ (the
// Kernel's toolchain) writes. In encoder output every backslash starts an escape, so walking escape by
// escape never mistakes an escaped backslash followed by the text `u0008` for a real escape.
func modernizeEscapes(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 >= len(b) {
			out = append(out, b[i])
			continue
		}
		if i+5 < len(b) && b[i+1] == 'u' && b[i+2] == '0' && b[i+3] == '0' && b[i+4] == '0' {
			switch b[i+5] {
			case '8':
				out = append(out, '\\', 'b')
				i += 5
				continue
			case 'c':
				out = append(out, '\\', 'f')
				i += 5
				continue
			}
		}
		out = append(out, b[i], b[i+1])
		i++
	}
	return out
}

// runCanonical serves the line protocol used by the parity tests (base64 both ways, so any bytes survive).
func runCanonical(in io.Reader, out io.Writer) error {
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 1<<30)
	w := bufio.NewWriter(out)
	for scanner.Scan() {
		w.WriteString(canonicalLine(strings.TrimSpace(scanner.Text())))
		w.WriteByte('\n')
	}
	if err := scanner.Err(); err != nil {
		return err
	}
	return w.Flush()
}

func canonicalLine(line string) string {
	doc, err := base64.StdEncoding.DecodeString(line)
	if err != nil {
		return "!error bad base64: " + err.Error()
	}
	if problem := domainProblem(doc); problem != "" {
		return "!reject " + problem
	}
	canonical, err := kernelCanonical(doc)
	if err != nil {
		return "!error " + strings.ReplaceAll(err.Error(), "\n", " ")
	}
	return base64.StdEncoding.EncodeToString(canonical)
}
