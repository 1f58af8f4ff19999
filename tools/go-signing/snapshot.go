package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// signedMembers are the members of the signed object (INTEROP.md §3); the rest of a document is proof.
var signedMembers = []string{"id", "root_ids", "created_at", "reasoning_graph_version", "payload", "manifest_signature_id"}

// canonical is the Kernel's canonical form: a generic decode re-encoded by encoding/json without HTML
// escaping, trailing newline removed.
func canonical(value interface{}) ([]byte, error) {
	var buffer bytes.Buffer
	encoder := json.NewEncoder(&buffer)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(value); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buffer.Bytes(), []byte("\n")), nil
}

func signedDigest(document map[string]interface{}) ([]byte, error) {
	signed := map[string]interface{}{}
	for _, name := range signedMembers {
		if value, ok := document[name]; ok && value != nil {
			signed[name] = value
		}
	}
	bytes, err := canonical(signed)
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(bytes)
	return digest[:], nil
}

func signSnapshot(keyFile, kid string, in io.Reader, out io.Writer) error {
	private, err := readPrivateKey(keyFile)
	if err != nil {
		return err
	}
	var fields map[string]interface{}
	if err := json.NewDecoder(in).Decode(&fields); err != nil {
		return err
	}
	digest, err := signedDigest(fields)
	if err != nil {
		return err
	}
	fields["snapshot_bytes_canonical_hash"] = base64.StdEncoding.EncodeToString(digest)
	fields["hash"] = hex.EncodeToString(digest)
	fields["signer_kid"] = kid
	fields["signature"] = base64.StdEncoding.EncodeToString(ed25519.Sign(private, digest))
	document, err := canonical(fields)
	if err != nil {
		return err
	}
	_, err = out.Write(document)
	return err
}

func verifySnapshot(registryFile string, in io.Reader, out io.Writer) error {
	registryText, err := os.ReadFile(registryFile)
	if err != nil {
		return err
	}
	var registry map[string]struct {
		PublicKey string `json:"publicKey"`
	}
	if err := json.Unmarshal(registryText, &registry); err != nil {
		return err
	}
	var document map[string]interface{}
	if err := json.NewDecoder(in).Decode(&document); err != nil {
		fmt.Fprintln(out, "failed: not JSON:", err)
		return nil
	}
	fmt.Fprintln(out, verdict(registry, document))
	return nil
}

func verdict(registry map[string]struct {
	PublicKey string `json:"publicKey"`
}, document map[string]interface{}) string {
	digest, err := signedDigest(document)
	if err != nil {
		return "failed: " + err.Error()
	}
	if document["snapshot_bytes_canonical_hash"] != base64.StdEncoding.EncodeToString(digest) {
		return "failed: snapshot_bytes_canonical_hash mismatch"
	}
	if document["hash"] != hex.EncodeToString(digest) {
		return "failed: hash mismatch"
	}
	kid, _ := document["signer_kid"].(string)
	entry, ok := registry[kid]
	if !ok {
		return "failed: unknown signer " + kid
	}
	public, err := parsePublicKey([]byte(entry.PublicKey))
	if err != nil {
		return "failed: registry key: " + err.Error()
	}
	signatureText, _ := document["signature"].(string)
	signature, err := base64.StdEncoding.DecodeString(signatureText)
	if err != nil || !ed25519.Verify(public, digest, signature) {
		return "failed: bad signature"
	}
	return "verified"
}
