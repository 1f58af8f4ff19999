// Command go-canonical is the Go reference for Reasoning Graph's `kernel` canonical profile: it produces,
// for accepted documents, exactly what the Go Kernel produces. It uses only the standard library and builds
// with Go 1.19 (Debian 12's golang-go) and later.
//
//	go-canonical canonical            stdin: one base64 document per line; stdout: one line each, the base64
//	                                  of the canonical bytes, `!reject <code>` when the document lies outside
//	                                  what Go is a reference for, or `!error <message>` when Go rejects it.
//	go-canonical lines                stdin: one JSON document per line; stdout: one line each, its canonical
//	                                  text as the Kernel writes it, or `!error <message>`.
//	go-canonical corpus-lines [-bytes N] [-seed N]
//	                                  writes generated documents both canonicalizers accept, one per line.
//	go-canonical vectors -out DIR -node SCRIPT [-seed N] [-count N]
//	                                  regenerates the frozen vectors in DIR (go-service.jsonl,
//	                                  edge-cases.jsonl, go-corpus.jsonl); SCRIPT is the Node RFC 8785
//	                                  reference (tools/node-canonical/canonicalize-lines.mjs).
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "canonical":
		err = runCanonical(os.Stdin, os.Stdout)
	case "lines":
		err = runLines(os.Stdin, os.Stdout)
	case "corpus-lines":
		err = runCorpusLines(os.Args[2:])
	case "vectors":
		err = runVectors(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-canonical:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: go-canonical canonical < base64-lines")
	fmt.Fprintln(os.Stderr, "       go-canonical lines < json-lines")
	fmt.Fprintln(os.Stderr, "       go-canonical corpus-lines [-bytes N] [-seed N]")
	fmt.Fprintln(os.Stderr, "       go-canonical vectors -out DIR -node SCRIPT [-seed N] [-count N]")
	os.Exit(2)
}
