/**
 * A ByteStore in the Origin Private File System, for a DEDICATED WORKER: writes and whole-file
 * reads go through `createSyncAccessHandle()` (only workers have it; elsewhere reads fall back to
 * `getFile()` and writes fail). Renames use `FileSystemFileHandle.move()` where the browser has it,
 * else copy and remove. The few OPFS interfaces used are declared here.
 */
import { checkName, temporaryName, writeThrough, type ByteStore, type ByteWriter, type StoreEntry } from './byte-store';

interface SyncAccessHandle {
  // Chromium before 108 returned promises from these; awaiting a number is harmless.
  read(buffer: Uint8Array, options: { at: number }): number | Promise<number>;
  write(buffer: Uint8Array, options: { at: number }): number | Promise<number>;
  truncate(size: number): void | Promise<void>;
  getSize(): number | Promise<number>;
  flush(): void | Promise<void>;
  close(): void | Promise<void>;
}

interface FileHandle {
  readonly kind: 'file';
  getFile(): Promise<Blob>;
  createSyncAccessHandle?(): Promise<SyncAccessHandle>;
  move?(newName: string): Promise<void>;
}

interface DirectoryHandle {
  readonly kind: 'directory';
  getFileHandle(name: string, options?: { create?: boolean }): Promise<FileHandle>;
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<DirectoryHandle>;
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>;
  entries(): AsyncIterable<[string, FileHandle | DirectoryHandle]>;
}

/** Resolves the store's directory, creating it (and its parents) when `create` is true; null when absent. */
type DirectoryResolver = (create: boolean) => Promise<DirectoryHandle | null>;

const absent = (e: unknown) => (e as DOMException)?.name === 'NotFoundError' || (e as DOMException)?.name === 'TypeMismatchError';

export class OpfsStore implements ByteStore {
  private constructor(
    readonly location: string,
    private readonly directory: DirectoryResolver,
  ) {}

  /** The OPFS root, or the folder `path` under it (e.g. `OpfsStore.open('hub-models')`). */
  static open(...path: string[]): OpfsStore {
    const storage = (globalThis as unknown as { navigator?: { storage?: { getDirectory?(): Promise<DirectoryHandle> } } }).navigator?.storage;
    if (!storage?.getDirectory) throw new Error('this browser has no Origin Private File System (navigator.storage.getDirectory)');
    const root = new OpfsStore('opfs:', () => storage.getDirectory!());
    return path.reduce((store, name) => store.folder(name), root);
  }

  async size(name: string): Promise<number | null> {
    const file = await this.file(name, false);
    return file ? (await file.getFile()).size : null;
  }

  async read(name: string): Promise<Uint8Array> {
    const file = await this.file(name, false);
    if (!file) throw new Error(`${this.location}/${name}: no such file`);
    if (!file.createSyncAccessHandle) return new Uint8Array(await (await file.getFile()).arrayBuffer());
    const handle = await file.createSyncAccessHandle();
    try {
      const bytes = new Uint8Array(await handle.getSize());
      for (let at = 0; at < bytes.byteLength; ) {
        const n = await handle.read(bytes.subarray(at), { at });
        if (n === 0) throw new Error(`${this.location}/${name}: file ended at byte ${at} of ${bytes.byteLength} while reading`);
        at += n;
      }
      return bytes;
    } finally {
      await handle.close();
    }
  }

  async writer(name: string, options: { append?: boolean } = {}): Promise<ByteWriter> {
    const file = (await this.file(name, true))!;
    if (!file.createSyncAccessHandle) throw new Error(`${this.location}/${name}: writing needs a dedicated worker (createSyncAccessHandle)`);
    const handle = await file.createSyncAccessHandle();
    if (!options.append) await handle.truncate(0);
    let at = await handle.getSize();
    return {
      async write(chunk) {
        for (let done = 0; done < chunk.byteLength; ) {
          const n = await handle.write(chunk.subarray(done), { at });
          done += n;
          at += n;
        }
      },
      async flush() {
        await handle.flush();
      },
      async close() {
        await handle.flush();
        await handle.close();
      },
    };
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    const temp = temporaryName(checkName(name));
    await writeThrough(await this.writer(temp), bytes);
    await this.rename(temp, name);
  }

  async rename(from: string, to: string): Promise<void> {
    checkName(to);
    const file = await this.file(from, false);
    if (!file) throw new Error(`${this.location}/${from}: no such file to rename`);
    if (file.move) {
      await file.move(to); // replaces `to`
      return;
    }
    await writeThrough(await this.writer(to), await this.read(from));
    await this.remove(from);
  }

  async remove(name: string): Promise<void> {
    checkName(name);
    const dir = await this.directory(false);
    await dir?.removeEntry(name, { recursive: true }).catch((e) => {
      if (!absent(e)) throw e;
    });
  }

  async list(): Promise<StoreEntry[]> {
    const dir = await this.directory(false);
    const entries: StoreEntry[] = [];
    if (!dir) return entries;
    for await (const [name, handle] of dir.entries()) {
      entries.push(handle.kind === 'file' ? { name, kind: 'file', bytes: (await handle.getFile()).size } : { name, kind: 'folder' });
    }
    return entries;
  }

  async removeAll(): Promise<void> {
    for (const entry of await this.list()) await this.remove(entry.name);
  }

  folder(name: string): OpfsStore {
    checkName(name);
    return new OpfsStore(`${this.location}/${name}`, async (create) => {
      const parent = await this.directory(create);
      if (!parent) return null;
      return parent.getDirectoryHandle(name, { create }).catch((e) => {
        if (absent(e)) return null;
        throw e;
      });
    });
  }

  private async file(name: string, create: boolean): Promise<FileHandle | null> {
    checkName(name);
    const dir = await this.directory(create);
    if (!dir) return null;
    return dir.getFileHandle(name, { create }).catch((e) => {
      if (absent(e) && !create) return null;
      throw e;
    });
  }
}
