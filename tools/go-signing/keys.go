package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

func keygen(dir string) error {
	public, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(private)
	if err != nil {
		return err
	}
	spki, err := x509.MarshalPKIXPublicKey(public)
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"private.pem":  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}),
		"private.go64": []byte(base64.StdEncoding.EncodeToString(private) + "\n"),
		"public.pem":   pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: spki}),
		"public.spki":  []byte(base64.StdEncoding.EncodeToString(spki) + "\n"),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o600); err != nil {
			return err
		}
	}
	return nil
}

func readPrivateKey(path string) (ed25519.PrivateKey, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if block, _ := pem.Decode(text); block != nil {
		key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		private, ok := key.(ed25519.PrivateKey)
		if !ok {
			return nil, errors.New("not an Ed25519 key")
		}
		return private, nil
	}
	raw, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(text)))
	if err != nil || len(raw) != ed25519.PrivateKeySize {
		return nil, errors.New("not base64 of a 64-byte Ed25519 private key")
	}
	return ed25519.PrivateKey(raw), nil
}

func parsePublicKey(text []byte) (ed25519.PublicKey, error) {
	der := []byte(nil)
	if block, _ := pem.Decode(text); block != nil {
		der = block.Bytes
	} else {
		decoded, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(text)))
		if err != nil {
			return nil, err
		}
		der = decoded
	}
	key, err := x509.ParsePKIXPublicKey(der)
	if err != nil {
		return nil, err
	}
	public, ok := key.(ed25519.PublicKey)
	if !ok {
		return nil, errors.New("not an Ed25519 public key")
	}
	return public, nil
}

func signDigest(keyFile, digestB64 string) error {
	private, err := readPrivateKey(keyFile)
	if err != nil {
		return err
	}
	digest, err := base64.StdEncoding.DecodeString(digestB64)
	if err != nil {
		return err
	}
	fmt.Println(base64.StdEncoding.EncodeToString(ed25519.Sign(private, digest)))
	return nil
}

func verifyDigest(publicFile, digestB64, signatureB64 string) error {
	text, err := os.ReadFile(publicFile)
	if err != nil {
		return err
	}
	public, err := parsePublicKey(text)
	if err != nil {
		return err
	}
	digest, err1 := base64.StdEncoding.DecodeString(digestB64)
	signature, err2 := base64.StdEncoding.DecodeString(signatureB64)
	switch {
	case err1 != nil || err2 != nil:
		fmt.Println("failed: not base64")
	case ed25519.Verify(public, digest, signature):
		fmt.Println("verified")
	default:
		fmt.Println("failed: bad signature")
	}
	return nil
}
