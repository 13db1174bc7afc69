import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../lib/errors.ts';
import {
  fromClaims,
  toClaims,
  type AccessClaims,
  type AuthPrincipal,
} from '../modules/auth/principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set from a valid bearer token; null for anonymous requests. */
    principal: AuthPrincipal | null;
  }
  interface FastifyInstance {
    /** onRequest/preHandler hook: 401 unless the request carries a valid access token. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    signAccessToken: (principal: AuthPrincipal) => string;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AccessClaims;
  }
}

/** Stateless bearer-token authentication: any API process sharing the secret accepts the token. */
export default fp<{ secret: string; accessTokenTtl: number }>(
  async (app, { secret, accessTokenTtl }) => {
    await app.register(jwt, {
      secret,
      sign: { expiresIn: accessTokenTtl, iss: 'socplan' },
      // Verified tokens are remembered (until they expire): the signature check runs once per token.
      verify: { allowedIss: 'socplan', cache: 1000 },
    });
    app.decorateRequest('principal', null);

    app.addHook('onRequest', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (!header) return;
      if (!/^Bearer\s+\S+$/i.test(header))
        throw new UnauthorizedError('Use "Authorization: Bearer <token>".');
      try {
        request.principal = fromClaims(await request.jwtVerify<AccessClaims>());
      } catch {
        throw new UnauthorizedError('The access token is invalid or has expired.');
      }
    });

    app.decorate('authenticate', async (request: FastifyRequest) => {
      if (!request.principal) throw new UnauthorizedError();
    });
    app.decorate('signAccessToken', (principal: AuthPrincipal) =>
      app.jwt.sign(toClaims(principal)),
    );
  },
  { name: 'auth' },
);
