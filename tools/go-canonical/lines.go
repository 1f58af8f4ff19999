package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"os"
	"strings"
)

// runLines is the Go Kernel's own canonicalization (kernelCanonical) over one JSON document per line, the
// counterpart of `reasoning-graph canonicalize --profile kernel --lines`: one output line each, the canonical
// text or `!error <message>`. scripts/cli-speed.sh times the two whole processes on the same corpus.
func runLines(in io.Reader, out io.Writer) error {
	reader := bufio.NewReaderSize(in, 1<<16)
	w := bufio.NewWriterSize(out, 1<<16)
	for {
		line, err := reader.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer: gather it whole.
			rest, restErr := reader.ReadBytes('\n')
			line, err = append(append([]byte(nil), line...), rest...), restErr
		}
		if len(line) > 0 && line[len(line)-1] == '\n' {
			line = line[:len(line)-1]
		}
		if len(line) > 0 || err == nil {
			canonical, cerr := kernelCanonical(line)
			if cerr != nil {
				w.WriteString("!error " + strings.ReplaceAll(cerr.Error(), "\n", " "))
			} else {
				w.Write(canonical)
			}
			w.WriteByte('\n')
		}
		if err == io.EOF {
			return w.Flush()
		}
		if err != nil {
			return err
		}
	}
}

// runCorpusLines writes generated documents that both canonicalizers accept, one per line, until at least
// -bytes bytes are written: the corpus scripts/cli-speed.sh times.
func runCorpusLines(args []string) error {
	flags := flag.NewFlagSet("corpus-lines", flag.ContinueOnError)
	size := flags.Int("bytes", 30_000_000, "stop once this many bytes are written")
	seed := flags.Int64("seed", 1, "random seed")
	if err := flags.Parse(args); err != nil {
		return err
	}
	g := &docGen{r: rand.New(rand.NewSource(*seed)), oneLine: true}
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	for written := 0; written < *size; {
		_, text := g.document()
		if _, err := acceptedByGo("corpus", []byte(text)); err != nil {
			continue
		}
		w.WriteString(text)
		w.WriteByte('\n')
		written += len(text) + 1
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("writing the corpus: %w", err)
	}
	return nil
}
