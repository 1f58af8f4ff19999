// A client a team would write from the host's OpenAPI document: openapi-typescript turned the document into
// ./api.d.ts, and openapi-fetch calls the host with those types. tsc checks this file against them before it runs,
// so a body, answer or parameter the document describes wrongly fails the build, not just the run.
//
//   node write-and-trace.js <base-url> <dev-principal>
// writes two nodes and the edge between them, reads the second node's causal trace and prints
// {"nodeIds": [...], "edgeId": "...", "trace": {...}} on stdout.
import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type Trace = components["schemas"]["CausalTrace"];

const [baseUrl, principal] = process.argv.slice(2);
if (!baseUrl || !principal) {
  throw new Error("usage: node write-and-trace.js <base-url> <dev-principal>");
}

const client = createClient<paths>({ baseUrl, headers: { "X-Local-Dev-Principal": principal } });

async function appendNode(type: string, note: string): Promise<string> {
  const { data, error, response } = await client.POST("/reason/node", {
    body: { type, author: "openapi-client", payload: { note } },
  });
  if (!data) {
    throw new Error(`appendNode answered ${response.status}: ${JSON.stringify(error)}`);
  }
  const ok: true = data.ok;
  const createdAt: string = data.createdAt;
  console.error(`node ${data.nodeId} (ok ${ok}, ${createdAt})`);
  return data.nodeId;
}

// Never called: tsc must refuse what the host refuses, or the document does not type the body.
export function refusedByTheTypes(): void {
  // @ts-expect-error a node has no field 'kind' (the route implies it)
  const node: components["schemas"]["NodeInput"] = { type: "observation", author: "a", payload: {}, kind: "node" };
  void client.POST("/reason/node", { body: node });
  // @ts-expect-error an edge needs its ends
  void client.POST("/reason/edge", { body: { type: "causal" } });
  // @ts-expect-error the trace route takes its id in the path
  void client.GET("/reason/traces/{id}", {});
  // @ts-expect-error the walk's direction is a closed list
  void client.GET("/reason/trace/{id}", { params: { path: { id: "x" }, query: { direction: "sideways" } } });
}

const cause = await appendNode("observation", "disk latency above 40 ms");
const effect = await appendNode("recommendation", "move the volume");

const edge = await client.POST("/reason/edge", { body: { from: cause, to: effect, type: "causal", weight: 0.9 } });
if (!edge.data) {
  throw new Error(`appendEdge answered ${edge.response.status}: ${JSON.stringify(edge.error)}`);
}

const traced = await client.GET("/reason/traces/{id}", { params: { path: { id: effect } } });
if (!traced.data) {
  throw new Error(`getCausalTrace answered ${traced.response.status}: ${JSON.stringify(traced.error)}`);
}

const trace: Trace = traced.data;
const length: number = trace.metadata.length;
const cycle: boolean = trace.metadata.cycleDetected;
console.error(`trace ${trace.trace_id}: ${length} entries, cycle ${cycle}`);

const missing = await client.GET("/reason/node/{id}", { params: { path: { id: "00000000-0000-7000-8000-000000000000" } } });
const code: string | undefined = missing.error?.error.code;

process.stdout.write(JSON.stringify({ nodeIds: [cause, effect], edgeId: edge.data.edgeId, missingCode: code, trace }) + "\n");
