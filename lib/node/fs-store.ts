/**
 * A ByteStore in a Node folder (created on the first write), so the command line downloads with
 * the same code as the browser. Writers fsync on flush and close; `write` goes through a
 * temporary file and a rename.
 */
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkName, temporaryName, writeThrough, type ByteStore, type ByteWriter, type StoreEntry } from '../hub/byte-store';
import { writeAll } from './safetensors-file';

const missing = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT';

export class FsStore implements ByteStore {
  constructor(readonly location: string) {}

  /** The file's path on disk (for code that needs one, such as a check of a finished download). */
  path(name: string): string {
    return path.join(this.location, checkName(name));
  }

  async size(name: string): Promise<number | null> {
    const info = await stat(this.path(name)).catch((e) => {
      if (missing(e)) return null;
      throw e;
    });
    return info?.isFile() ? info.size : null;
  }

  async read(name: string): Promise<Uint8Array> {
    const buffer = await readFile(this.path(name)).catch((e) => {
      throw missing(e) ? new Error(`${this.path(name)}: no such file`) : e;
    });
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  async writer(name: string, options: { append?: boolean } = {}): Promise<ByteWriter> {
    const file = this.path(name);
    await mkdir(this.location, { recursive: true });
    const handle = await open(file, options.append ? 'a' : 'w');
    return {
      write: (chunk) => writeAll(handle, chunk),
      flush: () => handle.sync(),
      async close() {
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      },
    };
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    const temp = temporaryName(checkName(name));
    try {
      await writeThrough(await this.writer(temp), bytes);
      await this.rename(temp, name);
    } catch (e) {
      await rm(this.path(temp), { force: true });
      throw e;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(this.path(from), this.path(to));
  }

  async remove(name: string): Promise<void> {
    await rm(this.path(name), { recursive: true, force: true });
  }

  async list(): Promise<StoreEntry[]> {
    const dirents = await readdir(this.location, { withFileTypes: true }).catch((e) => {
      if (missing(e)) return [];
      throw e;
    });
    const entries: StoreEntry[] = [];
    for (const d of dirents) {
      if (d.isDirectory()) entries.push({ name: d.name, kind: 'folder' });
      else if (d.isFile()) entries.push({ name: d.name, kind: 'file', bytes: (await stat(path.join(this.location, d.name))).size });
    }
    return entries;
  }

  async removeAll(): Promise<void> {
    for (const entry of await this.list()) await this.remove(entry.name);
  }

  folder(name: string): FsStore {
    return new FsStore(this.path(name));
  }
}
