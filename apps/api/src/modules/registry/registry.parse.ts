import { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { InvalidError } from '../../lib/errors.ts';

export interface RegistryItem {
  /** Position in `polozky` (from 0). */
  index: number;
  item: unknown;
}

/**
 * The items of `polozky` one by one from a stream of bytes: the file is never held whole, only
 * the item being assembled (stream-json tokenises; only the root key `polozky` is kept, other
 * root keys are skipped unread). `onBytes` is told how many bytes have been read so far.
 *
 * A file that is not JSON, or has no `polozky` array, fails with a 400-style InvalidError.
 */
export async function* registryItems(
  source: AsyncIterable<Buffer | Uint8Array | string> | Iterable<Buffer | Uint8Array | string>,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<RegistryItem> {
  let bytes = 0;
  async function* counted() {
    for await (const chunk of source) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      onBytes?.(bytes);
      yield chunk;
    }
  }
  // Packed values only: the streamed token variants are not needed and cost a third of the time.
  const pipeline = chain([
    Readable.from(counted()),
    parser({ streamValues: false }),
    pick({ filter: 'polozky' }),
    streamArray(),
  ]);
  let count = 0;
  try {
    for await (const { key, value } of pipeline as AsyncIterable<{ key: number; value: unknown }>) {
      count++;
      yield { index: key, item: value };
    }
  } catch (error) {
    throw new InvalidError(
      `The file is not a registry file in JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    // Also when the consumer stops early: no parser keeps reading the source.
    pipeline.destroy();
  }
  if (count === 0)
    throw new InvalidError(
      'The file holds no registrations: it needs a root object with a non-empty "polozky" array.',
    );
}
