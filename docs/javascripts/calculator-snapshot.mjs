// How the worker keeps its start-up snapshot in Cache Storage (calculator-worker.mjs, "Start-up
// snapshot"): the snapshot's pages that hold anything, and a map of which they are.
//
// Pyodide's snapshot is the interpreter's whole memory, 31.5 MB, of which more than half is 4 KiB
// pages of zeros. It used to be kept gzipped (4.9 MB), but gzip takes the worker's own thread
// about 320 ms to pack (while the reader makes the first answers) and 80 ms to unpack on every
// later visit (Node.js's zlib on our desktop; a mid-range phone is about four times slower), and
// the unpacking held up Pyodide's loader (issue 23). Leaving the zero pages out is one pass over
// the memory: 13.5 MB kept, packed in 12 to 23 ms and unpacked in 6 to 10 ms (same machine).
//
// Layout (little-endian):
//   bytes 0-3    "OHS1"
//   bytes 4-7    the snapshot's length in bytes
//   bytes 8-11   the page size (PAGE)
//   then         one bit per page, lowest bit first: 1 = the page is kept
//   then         the kept pages in order (the last page may be shorter than PAGE)
// The stored entry also carries the SHA-256 of these bytes (the worker checks it before unpacking),
// since, unlike gzip, the layout has no check of its own. A body that does not follow the layout
// exactly is refused with a SnapshotFormatError naming what is wrong.

export const MAGIC = "OHS1";
export const PAGE = 4096;
const HEAD = 12;

export class SnapshotFormatError extends Error {}

// The snapshot (a Uint8Array) as the stored body (a new Uint8Array).
export function pack(snapshot) {
  const length = snapshot.byteLength;
  const pages = Math.ceil(length / PAGE);
  const words = snapshot.byteOffset % 4 === 0
    ? new Uint32Array(snapshot.buffer, snapshot.byteOffset, length >> 2)
    : new Uint32Array(snapshot.slice(0, length & ~3).buffer);
  const map = new Uint8Array(Math.ceil(pages / 8));
  let kept = 0;
  for (let page = 0; page < pages; page++) {
    const start = page * PAGE;
    const end = Math.min(start + PAGE, length);
    let used = false;
    for (let w = start >> 2; w < end >> 2 && !used; w++) used = words[w] !== 0;
    for (let b = end & ~3; b < end && !used; b++) used = snapshot[b] !== 0;   // a tail of 1-3 bytes
    if (used) {
      map[page >> 3] |= 1 << (page & 7);
      kept += end - start;
    }
  }
  const body = new Uint8Array(HEAD + map.length + kept);
  const head = new DataView(body.buffer);
  for (let i = 0; i < 4; i++) body[i] = MAGIC.charCodeAt(i);
  head.setUint32(4, length, true);
  head.setUint32(8, PAGE, true);
  body.set(map, HEAD);
  let at = HEAD + map.length;
  for (let page = 0; page < pages; page++) {
    if (!(map[page >> 3] & (1 << (page & 7)))) continue;
    const chunk = snapshot.subarray(page * PAGE, Math.min((page + 1) * PAGE, length));
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

// The stored body (a Uint8Array) as the snapshot: a new Uint8Array of the snapshot's length.
export function unpack(body) {
  if (body.byteLength < HEAD) throw new SnapshotFormatError(`the saved snapshot is ${body.byteLength} bytes, shorter than its header`);
  const magic = String.fromCharCode(...body.subarray(0, 4));
  if (magic !== MAGIC) throw new SnapshotFormatError(`the saved snapshot starts with ${JSON.stringify(magic)}, not ${JSON.stringify(MAGIC)}`);
  const head = new DataView(body.buffer, body.byteOffset, HEAD);
  const length = head.getUint32(4, true);
  const page = head.getUint32(8, true);
  if (page !== PAGE) throw new SnapshotFormatError(`the saved snapshot's page size is ${page}, not ${PAGE}`);
  const pages = Math.ceil(length / PAGE);
  const mapEnd = HEAD + Math.ceil(pages / 8);
  if (body.byteLength < mapEnd) throw new SnapshotFormatError("the saved snapshot ends inside its page map");
  const map = body.subarray(HEAD, mapEnd);
  const snapshot = new Uint8Array(length);
  let at = mapEnd;
  for (let p = 0; p < pages; p++) {
    if (!(map[p >> 3] & (1 << (p & 7)))) continue;
    const size = Math.min(PAGE, length - p * PAGE);
    if (at + size > body.byteLength) throw new SnapshotFormatError(`the saved snapshot ends inside page ${p + 1} of ${pages}`);
    snapshot.set(body.subarray(at, at + size), p * PAGE);
    at += size;
  }
  if (at !== body.byteLength) throw new SnapshotFormatError(`the saved snapshot has ${body.byteLength - at} bytes after its last page`);
  return snapshot;
}

// The SHA-256 of `bytes`, in hex (Web Crypto: off the calling thread in browsers).
export async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
