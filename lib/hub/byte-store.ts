/**
 * A folder of byte files, as a resumable download and the kept-model cache need it. One interface,
 * three homes: memory (tests), the Origin Private File System (a dedicated worker in the browser,
 * `opfs-store.ts`) and a Node folder (`lib/node/fs-store.ts`). Names are flat file names inside the
 * folder; `folder(name)` gives a sub-store, created on its first write.
 */

/** Writes one file front to back; `close()` flushes. */
export interface ByteWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Makes what was written so far durable (a crash after it keeps those bytes). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export type StoreEntry = { name: string; kind: 'file'; bytes: number } | { name: string; kind: 'folder' };

export interface ByteStore {
  /** Where the store lives, for messages (a path, or `opfs:/…`, or `memory:/…`). */
  readonly location: string;
  /** The file's size in bytes, or null when there is no such file. */
  size(name: string): Promise<number | null>;
  /** The whole file in one array; throws naming the file when it is missing. */
  read(name: string): Promise<Uint8Array>;
  /** A writer that appends to the file (`append: true`) or replaces it (default); creates it if needed. */
  writer(name: string, options?: { append?: boolean }): Promise<ByteWriter>;
  /** Replaces the file at once: written under a temporary name, then renamed. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Renames a file, replacing `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file or a folder with its contents; nothing happens when there is none. */
  remove(name: string): Promise<void>;
  /** Files (with sizes) and folders directly inside; empty when the store does not exist yet. */
  list(): Promise<StoreEntry[]>;
  /** Removes everything inside. */
  removeAll(): Promise<void>;
  /** The sub-store `name`; it exists on disk from its first write. */
  folder(name: string): ByteStore;
}

/** Throws unless `name` is a plain file name (no path separators, not `.` or `..`). */
export function checkName(name: string): string {
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new Error(`store name "${name}" must be a plain file name (not empty, ".", ".." and without "/", "\\" or NUL)`);
  }
  return name;
}

/** A name for a temporary file next to `name` (unique enough for one writer per store). */
export function temporaryName(name: string): string {
  return `${name}.tmp-${Math.random().toString(36).slice(2, 10)}`;
}

/** Writes `bytes` to a fresh writer and closes it. */
export async function writeThrough(writer: ByteWriter, bytes: Uint8Array): Promise<void> {
  try {
    await writer.write(bytes);
  } finally {
    await writer.close();
  }
}

/** Parses a JSON file of the store; errors name the file. */
export async function readJson(store: ByteStore, name: string): Promise<unknown> {
  const bytes = await store.read(name);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`${store.location}/${name} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Writes `value` as JSON, atomically. */
export function writeJson(store: ByteStore, name: string, value: unknown): Promise<void> {
  return store.write(name, new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n'));
}

/** Sum of the sizes of every file in the store and its folders. */
export async function storeBytes(store: ByteStore): Promise<number> {
  let total = 0;
  for (const entry of await store.list()) {
    total += entry.kind === 'file' ? entry.bytes : await storeBytes(store.folder(entry.name));
  }
  return total;
}

/** A store in memory, for tests. Chunks are copied, so callers may reuse their buffers. */
export class MemoryStore implements ByteStore {
  private readonly files = new Map<string, Uint8Array>();
  private readonly children = new Map<string, MemoryStore>();
  /** False until something is written here (so a folder that was only looked at is not listed). */
  private exists: boolean;

  constructor(
    readonly location = 'memory:',
    private readonly parent: MemoryStore | null = null,
  ) {
    this.exists = parent === null;
  }

  async size(name: string): Promise<number | null> {
    return this.files.get(checkName(name))?.byteLength ?? null;
  }

  async read(name: string): Promise<Uint8Array> {
    const bytes = this.files.get(checkName(name));
    if (!bytes) throw new Error(`${this.location}/${name}: no such file`);
    return bytes.slice();
  }

  async writer(name: string, options: { append?: boolean } = {}): Promise<ByteWriter> {
    checkName(name);
    this.materialise();
    // A buffer that doubles as it fills; the map holds a view of the bytes written so far.
    let buffer = options.append ? (this.files.get(name)?.slice() ?? new Uint8Array(0)) : new Uint8Array(0);
    let length = buffer.byteLength;
    this.files.set(name, buffer);
    let open = true;
    return {
      write: async (chunk) => {
        if (!open) throw new Error(`${this.location}/${name}: write after close`);
        if (length + chunk.byteLength > buffer.byteLength) {
          const grown = new Uint8Array(Math.max(length + chunk.byteLength, 2 * buffer.byteLength));
          grown.set(buffer.subarray(0, length));
          buffer = grown;
        }
        buffer.set(chunk, length);
        length += chunk.byteLength;
        this.files.set(name, buffer.subarray(0, length));
      },
      flush: async () => undefined,
      close: async () => {
        open = false;
      },
    };
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    checkName(name);
    this.materialise();
    this.files.set(name, bytes.slice());
  }

  async rename(from: string, to: string): Promise<void> {
    const bytes = this.files.get(checkName(from));
    if (!bytes) throw new Error(`${this.location}/${from}: no such file to rename`);
    this.files.delete(from);
    this.files.set(checkName(to), bytes);
  }

  async remove(name: string): Promise<void> {
    this.files.delete(checkName(name));
    const child = this.children.get(name);
    if (child) {
      await child.removeAll();
      child.exists = false;
    }
  }

  async list(): Promise<StoreEntry[]> {
    const entries: StoreEntry[] = [...this.files].map(([name, bytes]) => ({ name, kind: 'file', bytes: bytes.byteLength }));
    for (const [name, child] of this.children) if (child.exists) entries.push({ name, kind: 'folder' });
    return entries;
  }

  async removeAll(): Promise<void> {
    this.files.clear();
    for (const child of this.children.values()) {
      await child.removeAll();
      child.exists = false;
    }
  }

  folder(name: string): ByteStore {
    checkName(name);
    let child = this.children.get(name);
    if (!child) this.children.set(name, (child = new MemoryStore(`${this.location}/${name}`, this)));
    return child;
  }

  private materialise(): void {
    this.exists = true;
    this.parent?.materialise();
  }
}
