package main

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// serviceItem is how the Go service held the three vectors it shipped with: a typed item whose absent
// optional fields are omitted, while nulls inside payload and metadata are kept.
type serviceItem struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	Actor    *string         `json:"actor,omitempty"`
	Author   *string         `json:"author,omitempty"`
	Ts       string          `json:"ts"`
	Payload  json.RawMessage `json:"payload"`
	Metadata json.RawMessage `json:"metadata,omitempty"`
}

// The inputs are written the way a client would send them (unsorted, with whitespace); the expected
// outputs are copied from INTEROP.md §1 and checked here against Go, so the file proves both.
var serviceCases = []struct{ name, input, expected string }{
	{
		"simple-node",
		"{\n  \"id\": \"node-1\",\n  \"type\": \"Decision\",\n  \"actor\": \"service:eval\",\n  \"ts\": \"2025-11-17T12:00:00Z\",\n" +
			"  \"payload\": {\"score\": 0.95, \"reason\": \"improved\", \"details\": {\"b\": 2, \"a\": 1}},\n" +
			"  \"metadata\": {\"z\": \"last\", \"foo\": \"bar\"}\n}\n",
		`{"actor":"service:eval","id":"node-1","metadata":{"foo":"bar","z":"last"},"payload":{"details":{"a":1,"b":2},"reason":"improved","score":0.95},"ts":"2025-11-17T12:00:00Z","type":"Decision"}`,
	},
	{
		"array-and-nested",
		`{"type": "Recommendation", "id": "node-2", "ts": "2025-11-17T12:05:00Z", "payload": {"meta": {"z": [3, 2, 1], ` +
			`"a": {"k2": "v2", "k1": "v1"}}, "items": [{"value": 10, "name": "x"}, {"name": "y", "value": 5}]}}`,
		`{"id":"node-2","payload":{"items":[{"name":"x","value":10},{"name":"y","value":5}],"meta":{"a":{"k1":"v1","k2":"v2"},"z":[3,2,1]}},"ts":"2025-11-17T12:05:00Z","type":"Recommendation"}`,
	},
	{
		"annotation-with-null-and-bool",
		`{"id": "ann-1", "type": "Annotation", "author": null, "ts": "2025-11-17T12:10:00Z", ` +
			`"payload": {"note": "Checked", "flag": true, "extra": null}}`,
		`{"id":"ann-1","payload":{"extra":null,"flag":true,"note":"Checked"},"ts":"2025-11-17T12:10:00Z","type":"Annotation"}`,
	},
}

func serviceVectors() ([]vector, error) {
	var vectors []vector
	for _, c := range serviceCases {
		var item serviceItem
		if err := json.Unmarshal([]byte(c.input), &item); err != nil {
			return nil, fmt.Errorf("%s: %v", c.name, err)
		}
		typed, err := json.Marshal(item)
		if err != nil {
			return nil, err
		}
		canonical, err := acceptedByGo(c.name, typed)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(canonical, []byte(c.expected)) {
			return nil, fmt.Errorf("%s: Go gives %s, INTEROP.md says %s", c.name, canonical, c.expected)
		}
		vectors = append(vectors, vector{name: c.name, profile: "kernel", input: []byte(c.input), canonical: canonical})
	}
	return vectors, nil
}
