/**
 * safetensors files on disk: read whole (one buffer, tensors are views into it), check the header
 * against the file size without reading the data, and write tensor by tensor (so a generator never
 * holds more than one tensor) to a temporary file that is renamed into place.
 */
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import {
  encodeHeader,
  encodeTensorData,
  parseHeader,
  headerLength,
  readSafetensors,
  type SafetensorsFile,
  type SafetensorsHeader,
  type TensorSpec,
} from '../gpt2/safetensors';

/** Reads the file once; F32 tensors are views into that one buffer. */
export async function readSafetensorsFile(file: string): Promise<SafetensorsFile> {
  return readSafetensors(await readFile(file), file);
}

/** Validates the header and that the tensors tile the file exactly (a truncated download fails here). */
export async function checkSafetensorsFile(file: string): Promise<SafetensorsHeader> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r');
  try {
    const first8 = new Uint8Array(8);
    await handle.read(first8, 0, 8, 0);
    const n = headerLength(first8, size, file);
    const head = new Uint8Array(8 + n);
    await handle.read(head, 0, 8 + n, 0);
    return parseHeader(head, size, file);
  } finally {
    await handle.close();
  }
}

/**
 * Writes `specs` in order; `produce(spec, i)` returns each tensor's float32 values when it is
 * written. The file appears only when complete.
 */
export async function writeSafetensorsFile(
  file: string,
  specs: TensorSpec[],
  produce: (spec: TensorSpec, index: number) => Float32Array,
  metadata?: Record<string, string>,
): Promise<void> {
  const temp = `${file}.tmp-${process.pid}`;
  const handle = await open(temp, 'w');
  try {
    const { header } = encodeHeader(specs, metadata);
    await writeAll(handle, header);
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i];
      const data = produce(spec, i);
      const count = spec.shape.reduce((a, b) => a * b, 1);
      if (data.length !== count) throw new Error(`tensor "${spec.name}": ${data.length} values for shape [${spec.shape.join(', ')}]`);
      await writeAll(handle, encodeTensorData(data, spec.dtype));
    }
    await handle.sync();
    await handle.close();
    await rename(temp, file);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  }
}

/** write() may write less than asked (large buffers): loop until every byte is out. */
export async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at)).bytesWritten;
}
