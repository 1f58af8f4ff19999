package main

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
)

// serveProxy runs a signing proxy as INTEROP §5 describes the Go one: POST /sign with
// {"payload_b64", "key_id"?} answers {"signature_b64", "signer_id"}; POST /verify with
// {"payload_b64", "signature_b64", "signer_id"} answers {"verified"}. It listens on ADDR (port 0 picks
// a free one), prints the base URL on stdout once it accepts connections, and serves until killed.
// No fallback and no retries: an independent server for load tests and interop checks.
func serveProxy(keyFile, addr, signerID string) error {
	key, err := readPrivateKey(keyFile)
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/sign", func(w http.ResponseWriter, r *http.Request) {
		var request struct {
			PayloadB64 string `json:"payload_b64"`
			KeyID      string `json:"key_id"`
		}
		digest, ok := decodeRequest(w, r, &request, func() string { return request.PayloadB64 })
		if !ok {
			return
		}
		id := signerID
		if request.KeyID != "" {
			id = request.KeyID
		}
		writeJSON(w, map[string]string{"signature_b64": base64.StdEncoding.EncodeToString(ed25519.Sign(key, digest)), "signer_id": id})
	})
	mux.HandleFunc("/verify", func(w http.ResponseWriter, r *http.Request) {
		var request struct {
			PayloadB64   string `json:"payload_b64"`
			SignatureB64 string `json:"signature_b64"`
		}
		digest, ok := decodeRequest(w, r, &request, func() string { return request.PayloadB64 })
		if !ok {
			return
		}
		signature, err := base64.StdEncoding.DecodeString(request.SignatureB64)
		writeJSON(w, map[string]bool{"verified": err == nil && ed25519.Verify(key.Public().(ed25519.PublicKey), digest, signature)})
	})
	fmt.Printf("http://%s\n", listener.Addr())
	os.Stdout.Sync()
	return http.Serve(listener, mux)
}

func decodeRequest(w http.ResponseWriter, r *http.Request, request interface{}, payload func() string) ([]byte, bool) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return nil, false
	}
	if err := json.NewDecoder(r.Body).Decode(request); err != nil {
		http.Error(w, "invalid JSON: "+err.Error(), http.StatusBadRequest)
		return nil, false
	}
	digest, err := base64.StdEncoding.DecodeString(payload())
	if err != nil || len(digest) != 32 {
		http.Error(w, "payload_b64 must be the base64 of a 32-byte digest", http.StatusBadRequest)
		return nil, false
	}
	return digest, true
}

func writeJSON(w http.ResponseWriter, value interface{}) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(value)
}
