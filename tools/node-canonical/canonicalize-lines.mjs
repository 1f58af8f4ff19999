// RFC 8785 reference for the parity tests. Reads one base64-encoded JSON document per stdin line and
// writes, per line, the base64 of its canonical UTF-8 bytes according to the npm package `canonicalize`
// (the reference implementation by one of RFC 8785's authors), or `!error <message>`.
// Base64 on both sides lets any bytes, newlines included, cross the pipe unchanged.
import { createInterface } from 'node:readline';
import canonicalize from 'canonicalize';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
for await (const line of lines) {
  try {
    const text = Buffer.from(line, 'base64').toString('utf8');
    out.push(Buffer.from(canonicalize(JSON.parse(text)), 'utf8').toString('base64'));
  } catch (e) {
    out.push(`!error ${String(e.message).replace(/\s+/g, ' ')}`);
  }
  if (out.length >= 1024) {
    process.stdout.write(out.join('\n') + '\n');
    out.length = 0;
  }
}
if (out.length > 0) {
  process.stdout.write(out.join('\n') + '\n');
}
