// Command go-tlog checks Reasoning Graph's verifiable audit log (INTEROP §8) with Go's own implementations:
// golang.org/x/mod/sumdb/note opens the signed checkpoints and golang.org/x/mod/sumdb/tlog checks the inclusion and
// consistency proofs (CheckRecord, CheckTree). It reads one JSON document on stdin:
//
//	{"verifierKey": "<name>+<hex id>+<base64 key>",
//	 "checkpoints": ["<signed note>", …],
//	 "inclusion":   [{"checkpoint": i, "leafIndex": n, "treeSize": t, "eventHash": "<hex>", "hashes": ["<base64>", …]}, …],
//	 "consistency": [{"from": i, "to": j, "hashes": ["<base64>", …]}, …],
//	 "cosignatures": [{"note": "<cosigned note>", "name": "<witness name>", "publicKey": "<base64 Ed25519 key>"}, …]}
//
// where i and j index "checkpoints", and each cosigned note must carry both the log's signature and a C2SP
// tlog-cosignature v1 line of the witness (checked by a note.Verifier written here from the spec: key ID over
// name, "\n", 0x04 and the key; signed message "cosignature/v1\ntime <t>\n" followed by the note text). It prints
// "ok <checkpoints> <inclusion> <consistency>" and exits 0 when every signature and proof verifies, else prints "failed: <reason>" and exits 1. Built in GOPATH mode against Debian's
// golang-golang-x-mod-dev (Go 1.19 and later); nothing is downloaded.
package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type input struct {
	VerifierKey string   `json:"verifierKey"`
	Checkpoints []string `json:"checkpoints"`
	Inclusion   []struct {
		Checkpoint int      `json:"checkpoint"`
		LeafIndex  int64    `json:"leafIndex"`
		TreeSize   int64    `json:"treeSize"`
		EventHash  string   `json:"eventHash"`
		Hashes     []string `json:"hashes"`
	} `json:"inclusion"`
	Consistency []struct {
		From   int      `json:"from"`
		To     int      `json:"to"`
		Hashes []string `json:"hashes"`
	} `json:"consistency"`
	Cosignatures []struct {
		Note      string `json:"note"`
		Name      string `json:"name"`
		PublicKey string `json:"publicKey"`
	} `json:"cosignatures"`
}

// cosigner verifies C2SP tlog-cosignature v1 (Ed25519) signature lines.
type cosigner struct {
	name string
	key  ed25519.PublicKey
	hash uint32
}

func newCosigner(name string, key []byte) *cosigner {
	h := sha256.Sum256(append(append([]byte(name+"\n"), 0x04), key...))
	return &cosigner{name, ed25519.PublicKey(key), binary.BigEndian.Uint32(h[:4])}
}

func (c *cosigner) Name() string    { return c.name }
func (c *cosigner) KeyHash() uint32 { return c.hash }
func (c *cosigner) Verify(msg, sig []byte) bool {
	if len(sig) != 8+ed25519.SignatureSize {
		return false
	}
	t := binary.BigEndian.Uint64(sig[:8])
	signed := append([]byte(fmt.Sprintf("cosignature/v1\ntime %d\n", t)), msg...)
	return ed25519.Verify(c.key, signed, sig[8:])
}

type checkpoint struct {
	size int64
	root tlog.Hash
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		fail(err)
	}
	verifier, err := note.NewVerifier(in.VerifierKey)
	if err != nil {
		fail(err)
	}
	var trees []checkpoint
	for i, text := range in.Checkpoints {
		n, err := note.Open([]byte(text), note.VerifierList(verifier))
		if err != nil {
			fail(fmt.Errorf("checkpoint %d: %w", i, err))
		}
		tree, err := parseCheckpoint(n.Text)
		if err != nil {
			fail(fmt.Errorf("checkpoint %d: %w", i, err))
		}
		trees = append(trees, tree)
	}
	for i, p := range in.Inclusion {
		tree := trees[p.Checkpoint]
		if p.TreeSize != tree.size {
			fail(fmt.Errorf("inclusion %d: tree size %d, checkpoint %d", i, p.TreeSize, tree.size))
		}
		data, err := hex.DecodeString(p.EventHash)
		if err != nil {
			fail(err)
		}
		if err := tlog.CheckRecord(hashes(p.Hashes), tree.size, tree.root, p.LeafIndex, tlog.RecordHash(data)); err != nil {
			fail(fmt.Errorf("inclusion %d (leaf %d of %d): %w", i, p.LeafIndex, tree.size, err))
		}
	}
	for i, p := range in.Consistency {
		older, newer := trees[p.From], trees[p.To]
		if err := tlog.CheckTree(hashes(p.Hashes), newer.size, newer.root, older.size, older.root); err != nil {
			fail(fmt.Errorf("consistency %d (%d to %d): %w", i, older.size, newer.size, err))
		}
	}
	for i, c := range in.Cosignatures {
		key, err := base64.StdEncoding.DecodeString(c.PublicKey)
		if err != nil || len(key) != ed25519.PublicKeySize {
			fail(fmt.Errorf("cosignature %d: bad public key", i))
		}
		witness := newCosigner(c.Name, key)
		n, err := note.Open([]byte(c.Note), note.VerifierList(verifier, witness))
		if err != nil {
			fail(fmt.Errorf("cosignature %d: %w", i, err))
		}
		var logSigned, witnessed bool
		for _, s := range n.Sigs {
			logSigned = logSigned || (s.Name == verifier.Name() && s.Hash == verifier.KeyHash())
			witnessed = witnessed || (s.Name == witness.name && s.Hash == witness.hash)
		}
		if !logSigned || !witnessed {
			fail(fmt.Errorf("cosignature %d: log signature %v, witness cosignature %v", i, logSigned, witnessed))
		}
	}
	fmt.Printf("ok %d %d %d\n", len(trees), len(in.Inclusion), len(in.Consistency))
}

// parseCheckpoint reads a C2SP tlog-checkpoint: origin, decimal size, base64 root hash.
func parseCheckpoint(text string) (checkpoint, error) {
	lines := strings.Split(text, "\n")
	if len(lines) < 4 || lines[0] == "" {
		return checkpoint{}, errors.New("not a checkpoint")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		return checkpoint{}, errors.New("bad tree size")
	}
	root, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(root) != tlog.HashSize {
		return checkpoint{}, errors.New("bad root hash")
	}
	var h tlog.Hash
	copy(h[:], root)
	return checkpoint{size, h}, nil
}

func hashes(encoded []string) []tlog.Hash {
	out := make([]tlog.Hash, len(encoded))
	for i, e := range encoded {
		b, err := base64.StdEncoding.DecodeString(e)
		if err != nil || len(b) != tlog.HashSize {
			fail(fmt.Errorf("proof hash %d is not 32 bytes of base64", i))
		}
		copy(out[i][:], b)
	}
	return out
}

func fail(err error) {
	fmt.Println("failed:", err)
	os.Exit(1)
}
