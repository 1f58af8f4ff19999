package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// vector is one line of a vectors/*.jsonl file.
type vector struct {
	name      string
	profile   string // "kernel" or "rfc8785"
	input     []byte
	canonical []byte // nil when rejected
	err       string // "" when accepted
}

func runVectors(args []string) error {
	flags := flag.NewFlagSet("vectors", flag.ContinueOnError)
	out := flags.String("out", "", "directory to write the vector files into")
	node := flags.String("node", "", "path of tools/node-canonical/canonicalize-lines.mjs")
	seed := flags.Int64("seed", 1, "seed of the generated corpus")
	count := flags.Int("count", 1000, "number of generated corpus documents")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if *out == "" || *node == "" {
		return fmt.Errorf("vectors needs -out and -node")
	}
	service, err := serviceVectors()
	if err != nil {
		return err
	}
	edges, err := edgeVectors(*node)
	if err != nil {
		return err
	}
	corpus, err := corpusVectors(*seed, *count)
	if err != nil {
		return err
	}
	for name, vectors := range map[string][]vector{
		"go-service.jsonl": service, "edge-cases.jsonl": edges, "go-corpus.jsonl": corpus,
	} {
		if err := writeVectors(filepath.Join(*out, name), vectors); err != nil {
			return err
		}
	}
	return nil
}

// acceptedByGo canonicalizes a document the kernel profile must accept, refusing any document Go is no
// reference for, so a generator mistake cannot freeze a wrong expectation.
func acceptedByGo(name string, doc []byte) ([]byte, error) {
	if problem := domainProblem(doc); problem != "" {
		return nil, fmt.Errorf("%s: expected to be accepted but is %s", name, problem)
	}
	canonical, err := kernelCanonical(doc)
	if err != nil {
		return nil, fmt.Errorf("%s: Go rejects it: %v", name, err)
	}
	return canonical, nil
}

func writeVectors(path string, vectors []vector) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(file)
	for _, v := range vectors {
		canonical, digest, code := "null", "null", "null"
		if v.err == "" {
			sum := sha256.Sum256(v.canonical)
			canonical, digest = asciiJSON(string(v.canonical)), `"`+hex.EncodeToString(sum[:])+`"`
		} else {
			code = `"` + v.err + `"`
		}
		fmt.Fprintf(w, `{"name": %s, "profile": "%s", "input_b64": "%s", "canonical": %s, "sha256": %s, "error": %s}`+"\n",
			asciiJSON(v.name), v.profile, b64(v.input), canonical, digest, code)
	}
	if err := w.Flush(); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}

// asciiJSON writes a JSON string with every non-ASCII character \u-escaped, like the shared corpora, so the
// vector files stay readable and immune to editors' encoding changes.
func asciiJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r >= 0x7f:
			if r > 0xFFFF {
				hi, lo := utf16.EncodeRune(r)
				fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
