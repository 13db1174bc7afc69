import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanAttachment, PlanAttachmentList, Problem } from '@socplan/contracts';
import { createTestApp, type TestContext } from '../../test/test-app.ts';
import { auth, seedTerritory } from '../territory/territory.test-support.ts';
import { createPlan } from './plans.test-support.ts';

/**
 * Documents of a plan: links as JSON, files as multipart/form-data, downloaded as uploaded.
 * The plan is the community plan of ORP Liberec, approved (documents of the approval come after).
 */
let ctx: TestContext;
let planId: string;
let coordinator: Headers;
let municipality: Headers;
/** A coordinator of ORP Česká Lípa: sees nothing of Liberec. */
let elsewhere: Headers;

type Headers = Record<string, string>;
const url = (path = '') => `/api/plans/${planId}/attachments${path}`;

/** A small ATTACHMENT_BODY_LIMIT for this app, so the test need not upload 20 MB. */
const ATTACHMENT_LIMIT = 64 * 1024;
const BOUNDARY = '----socplan-attachment-boundary';
/** A multipart body with an optional `name` field before the file. */
function multipart(file: { filename: string; type: string; content: Buffer }, name?: string) {
  const parts: Buffer[] = [];
  if (name !== undefined)
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n`,
      ),
    );
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return Buffer.concat(parts);
}
const upload = (headers: Headers, payload: Buffer) =>
  ctx.app.inject({
    method: 'POST',
    url: url(),
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload,
  });
const addLink = (headers: Headers, payload: object) =>
  ctx.app.inject({ method: 'POST', url: url(), headers, payload });
const list = async (headers: Headers) => {
  const res = await ctx.app.inject({ method: 'GET', url: url(), headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PlanAttachmentList>();
};

beforeAll(async () => {
  ctx = await createTestApp({ ATTACHMENT_BODY_LIMIT: String(ATTACHMENT_LIMIT) });
  const t = await seedTerritory(ctx);
  const orpId = t.orpIdsByCode.get('5105')!;
  planId = await createPlan(ctx.app.db, {
    territoryUnitId: orpId,
    status: 'approved',
    approvedVersion: 1,
  });
  coordinator = auth(ctx, 'coordinator', orpId);
  municipality = auth(ctx, 'municipality', t.municipalityIdsByCode.get('563889')!);
  elsewhere = auth(ctx, 'coordinator', t.orpIdsByCode.get('5101')!);
});
afterAll(() => ctx.close());

describe('links', () => {
  it('adds a link to an approved plan (201, Location) and lists it', async () => {
    const res = await addLink(coordinator, {
      kind: 'link',
      name: 'Usnesení zastupitelstva',
      url: 'https://www.liberec.cz/usneseni/45-2024',
    });
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json<PlanAttachment>();
    expect(res.headers.location).toBe(url(`/${link.id}`));
    expect(link).toMatchObject({ kind: 'link', mediaType: null, sizeBytes: null, planId });
    expect((await list(municipality)).items.map((a) => a.name)).toContain(
      'Usnesení zastupitelstva',
    );
    const content = await ctx.app.inject({
      method: 'GET',
      url: url(`/${link.id}/content`),
      headers: coordinator,
    });
    expect(content.statusCode).toBe(404);
  });

  it.each([
    ['an ftp address', { kind: 'link', name: 'X', url: 'ftp://example.test/a' }, '/url'],
    ['a script address', { kind: 'link', name: 'X', url: 'javascript:alert(1)' }, '/url'],
    ['no name', { kind: 'link', url: 'https://example.test' }, '/name'],
    ['another kind', { kind: 'file', name: 'X', url: 'https://example.test' }, '/kind'],
  ])('refuses %s (400 naming the field)', async (_name, payload, pointer) => {
    const res = await addLink(coordinator, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.pointer)).toContain(pointer);
  });
});

const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0, 1, 2, 255, 254])]);

describe('files', () => {
  it('stores a file and gives it back byte for byte with its type and name', async () => {
    const res = await upload(
      coordinator,
      multipart(
        { filename: 'usneseni.pdf', type: 'application/pdf', content: pdf },
        'Usnesení č. 45',
      ),
    );
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json<PlanAttachment>();
    expect(file).toMatchObject({
      kind: 'file',
      name: 'Usnesení č. 45',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      url: null,
      createdBy: { name: expect.stringContaining('coordinator') },
    });
    const content = await ctx.app.inject({
      method: 'GET',
      url: url(`/${file.id}/content`),
      headers: municipality,
    });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="Usneseni c. 45"; filename*=UTF-8''${encodeURIComponent('Usnesení č. 45')}`,
    );
    expect(content.rawPayload.equals(pdf)).toBe(true);
  });

  it('names a file by its file name when no name is sent', async () => {
    const res = await upload(
      coordinator,
      multipart({
        filename: 'plan.xlsx',
        type: 'application/vnd.ms-excel',
        content: Buffer.from('x'),
      }),
    );
    expect(res.json<PlanAttachment>().name).toBe('plan.xlsx');
  });

  it('refuses a file over the limit (413) and a multipart body without a file (400)', async () => {
    const big = Buffer.alloc(ATTACHMENT_LIMIT + 1, 1);
    const res = await upload(
      coordinator,
      multipart({ filename: 'big.bin', type: 'application/octet-stream', content: big }),
    );
    expect(res.statusCode).toBe(413);
    const empty = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nX\r\n--${BOUNDARY}--\r\n`,
    );
    expect((await upload(coordinator, empty)).statusCode).toBe(400);
    const truncated = multipart({
      filename: 'a.pdf',
      type: 'application/pdf',
      content: pdf,
    }).subarray(0, 120);
    expect((await upload(coordinator, truncated)).statusCode).toBe(400);
    expect((await upload(coordinator, Buffer.from('garbage'))).statusCode).toBe(400);
    expect((await list(coordinator)).items.map((a) => a.name)).not.toContain('big.bin');
  });
});

describe('who may', () => {
  it('lets readers list and download, writers of the territory add and remove', async () => {
    const file = (await list(coordinator)).items.find((a) => a.kind === 'file')!;
    const link = { kind: 'link', name: 'X', url: 'https://example.test' };
    expect((await addLink(municipality, link)).statusCode).toBe(403);
    expect((await addLink(auth(ctx, 'analyst'), link)).statusCode).toBe(403);
    expect((await addLink(elsewhere, link)).statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'GET', url: url(), headers: elsewhere })).statusCode,
    ).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'GET', url: url(), headers: auth(ctx, 'provider') }))
        .statusCode,
    ).toBe(403);
    const remove = (headers: Headers) =>
      ctx.app.inject({ method: 'DELETE', url: url(`/${file.id}`), headers });
    expect((await remove(municipality)).statusCode).toBe(403);
    expect((await remove(elsewhere)).statusCode).toBe(404);
    expect((await remove(coordinator)).statusCode).toBe(204);
    expect((await remove(coordinator)).statusCode).toBe(404);
    expect((await list(coordinator)).items.map((a) => a.id)).not.toContain(file.id);
  });
});
