/**
 * Recognises the format of a vectors file from its name and first bytes, and refuses
 * compressed files and other binaries with a message that says what to do.
 */
import { ImportError } from './errors';
import { isHeaderLine } from './numbers';
import type { VectorFormat } from './readers';

/** Bytes read from the start of the input for detection. */
export const SNIFF_BYTES = 64 * 1024;

export interface Detection {
  format: VectorFormat;
  /** Why, for --json / debugging ("extension .bin", "first line is a COUNT DIMS header"). */
  reason: string;
}

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** The extension of a file name or path, lower-case with its dot ("" when none), as Node's path.extname. */
export function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** Throws for an empty file and for compressed or foreign binary files. */
export function checkMagic(head: Uint8Array, file: string): void {
  if (head.length === 0) throw new ImportError(`${file} is empty`);
  if (startsWith(head, [0x1f, 0x8b])) throw new ImportError(`gzip-compressed: decompress it first (gunzip ${file})`);
  if (startsWith(head, [0x42, 0x5a, 0x68])) throw new ImportError(`bzip2-compressed: decompress it first (bunzip2 ${file})`);
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) throw new ImportError(`xz-compressed: decompress it first (unxz ${file})`);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) throw new ImportError(`a zip archive: extract the vectors file first (unzip ${file})`);
  // fastText's model .bin starts with the int32 magic 793712314: it is not word2vec binary.
  if (startsWith(head, [0xba, 0x16, 0x4f, 0x2f])) {
    throw new ImportError(`${file} is a fastText model (.bin), not word2vec binary: import the matching .vec file instead`);
  }
}

/**
 * `.bin` → word2vec-bin (`file` is only looked at for its extension; `label` names the input in
 * messages); a first line of exactly two integers → word2vec-text (fastText .vec is
 * the same format), or word2vec-bin when the bytes after it are not text (a binary file with
 * another extension); anything else → glove.
 */
export function detectFormat(file: string, head: Uint8Array, label = file): Detection {
  checkMagic(head, label);
  const extension = extensionOf(file);
  if (extension === '.bin') return { format: 'word2vec-bin', reason: 'extension .bin' };
  const nl = head.indexOf(10);
  let first = lenient.decode(head.subarray(0, nl < 0 ? head.length : nl));
  if (first.charCodeAt(0) === 0xfeff) first = first.slice(1);
  if (nl >= 0 && isHeaderLine(first)) {
    const after = head.subarray(nl + 1);
    if (after.length > 0 && !looksLikeText(after)) return { format: 'word2vec-bin', reason: 'a COUNT DIMS header followed by binary data' };
    return { format: extension === '.vec' ? 'fasttext' : 'word2vec-text', reason: 'the first line is a COUNT DIMS header' };
  }
  return { format: 'glove', reason: 'no COUNT DIMS header' };
}

/** Text vectors hold no control bytes other than tab, CR and LF; float32 bytes nearly always do. */
function looksLikeText(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
    if (b === 0x7f) return false;
  }
  return true;
}
