package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

// nodeRfc8785 runs the npm `canonicalize` reference (tools/node-canonical) over documents, in one process.
func nodeRfc8785(script string, docs [][]byte) ([][]byte, error) {
	var input bytes.Buffer
	for _, doc := range docs {
		input.WriteString(b64(doc))
		input.WriteByte('\n')
	}
	cmd := exec.Command("node", script)
	cmd.Stdin = &input
	cmd.Stderr = os.Stderr
	output, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node %s: %v", script, err)
	}
	lines := strings.Split(strings.TrimSuffix(string(output), "\n"), "\n")
	if len(lines) != len(docs) {
		return nil, fmt.Errorf("node returned %d lines for %d documents", len(lines), len(docs))
	}
	results := make([][]byte, len(lines))
	for i, line := range lines {
		if strings.HasPrefix(line, "!") {
			return nil, fmt.Errorf("node rejects document %d: %s", i, line)
		}
		if results[i], err = base64.StdEncoding.DecodeString(line); err != nil {
			return nil, err
		}
	}
	return results, nil
}
