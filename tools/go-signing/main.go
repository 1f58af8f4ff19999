// Command go-signing is the Go side of Reasoning Graph's signing interop tests. It does with keys,
// signatures and snapshot documents what the Go Kernel does, using only the standard library
// (crypto/ed25519, crypto/x509, encoding/json). It builds with Go 1.19 (Debian 12's golang-go) and later.
//
//	go-signing keygen DIR                          writes private.pem (PKCS#8), private.go64 (base64 of Go's
//	                                               64-byte key), public.pem (PKIX) and public.spki (base64 SPKI)
//	go-signing sign-digest KEYFILE DIGEST_B64      prints the base64 Ed25519 signature of the digest
//	go-signing verify-digest PUBFILE DIGEST_B64 SIG_B64
//	                                               prints "verified" or "failed: <reason>"
//	go-signing sign-snapshot KEYFILE KID < FIELDS  prints a snapshot document signing the fields object
//	go-signing verify-snapshot REGISTRY < DOCUMENT prints "verified" or "failed: <reason>"; REGISTRY is the
//	                                               Kernel's {"<kid>":{"publicKey":"<base64 SPKI>"}}
//	go-signing serve-proxy KEYFILE ADDR SIGNER_ID  a signing proxy (INTEROP §5: POST /sign, POST /verify) on
//	                                               ADDR; prints its base URL, serves until killed
//
// KEYFILE is PKCS#8 PEM or base64 of the 64-byte key; PUBFILE is PEM or base64 SPKI. Verification
// verdicts exit 0; only usage and I/O errors exit non-zero.
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
	args := os.Args[2:]
	switch os.Args[1] {
	case "keygen":
		need(args, 1)
		err = keygen(args[0])
	case "sign-digest":
		need(args, 2)
		err = signDigest(args[0], args[1])
	case "verify-digest":
		need(args, 3)
		err = verifyDigest(args[0], args[1], args[2])
	case "sign-snapshot":
		need(args, 2)
		err = signSnapshot(args[0], args[1], os.Stdin, os.Stdout)
	case "verify-snapshot":
		need(args, 1)
		err = verifySnapshot(args[0], os.Stdin, os.Stdout)
	case "serve-proxy":
		need(args, 3)
		err = serveProxy(args[0], args[1], args[2])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "go-signing:", err)
		os.Exit(1)
	}
}

func need(args []string, n int) {
	if len(args) != n {
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: go-signing keygen DIR | sign-digest KEYFILE DIGEST_B64 | verify-digest PUBFILE DIGEST_B64 SIG_B64")
	fmt.Fprintln(os.Stderr, "       go-signing sign-snapshot KEYFILE KID < FIELDS | verify-snapshot REGISTRY < DOCUMENT")
	fmt.Fprintln(os.Stderr, "       go-signing serve-proxy KEYFILE ADDR SIGNER_ID")
	os.Exit(2)
}
