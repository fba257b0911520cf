/**
 * Bytes in, text out, with no Node APIs: the readers run on Node streams and on `File.stream()`
 * in a browser worker alike. Chunks may split lines, UTF-8 characters and binary records anywhere.
 */

/** Anything that yields a file's bytes in order: a Node stream, `readableChunks(file.stream())`, chunks in a test. */
export type ByteChunks = AsyncIterable<Uint8Array | string>;

const encoder = new TextEncoder();
/** Refuses invalid UTF-8 and keeps a byte order mark (the readers strip the file's first one themselves). */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The chunks of `source` as bytes (strings are UTF-8 encoded). */
export async function* bytesOf(source: ByteChunks): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) yield typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/** The chunks of a web stream (`File.stream()`, a response body); stopping early cancels the stream. */
export async function* readableChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** `parts` joined into one array (the only part itself when there is one). */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The text of `bytes`, or null when they are not valid UTF-8. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/** Length of the longest valid UTF-8 prefix of `bytes` (which are known to be invalid somewhere). */
export function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length || utf8OrNull(bytes.subarray(i, i + len)) === null) return i;
    i += len;
  }
  return i;
}

/** Each byte as one character (an ASCII header line). */
export function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/**
 * A copy of `word` that does not point into the big decoded chunk it was cut from. V8 makes
 * substrings of 13+ characters "sliced strings" that keep their whole parent alive, so every
 * long word kept by a writer's word set would otherwise pin a megabyte chunk of the file.
 */
export function ownString(word: string): string {
  return word.length < 13 ? word : strict.decode(encoder.encode(word));
}
