import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.ts';

/** The built SPA's files go out as the build's compressed copies to browsers that take them. */
let ctx: TestContext;
let dist: string;
const script = `console.log(${JSON.stringify('socplan '.repeat(500))});`;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'socplan-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>socplan</title>');
  await writeFile(path.join(dist, 'assets', 'app.js'), script);
  await writeFile(path.join(dist, 'assets', 'app.js.br'), brotliCompressSync(script));
  await writeFile(path.join(dist, 'assets', 'app.js.gz'), gzipSync(script));
  ctx = await createTestApp({ WEB_DIST: dist });
});
afterAll(async () => {
  await ctx.close();
  await rm(dist, { recursive: true, force: true });
});

const get = (encoding?: string) =>
  ctx.app.inject({
    url: '/assets/app.js',
    headers: encoding ? { 'accept-encoding': encoding } : {},
  });

describe('the SPA files', () => {
  it('go brotli-compressed to a browser that accepts br, and unpack to the file', async () => {
    const res = await get('gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('go gzipped to one that takes gzip only, and plain to one that takes neither', async () => {
    expect((await get('gzip')).headers['content-encoding']).toBe('gzip');
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });
});
