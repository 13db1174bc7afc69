import Type from 'typebox';

/** For OpenAPI: the If-Match header of PATCH/DELETE (checked by lib/http.ts, 428 when missing). */
export const IfMatchHeadersSchema = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The ETag you read; required (428 without it, 412 when stale)' }),
  ),
});

export const NoContentSchema = Type.Null({ description: 'No content' });
