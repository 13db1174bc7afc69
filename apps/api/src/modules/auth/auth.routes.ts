import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBodySchema,
  ClientCredentialsBodySchema,
  ClientTokenSchema,
  LoginBodySchema,
  PrincipalSchema,
  ProblemSchema,
  RefreshBodySchema,
  TokenPairSchema,
  type TokenPair,
} from '@socplan/contracts';
import type { Config } from '../../config.ts';
import { authenticateClient } from './api-clients.service.ts';
import {
  changeOwnPassword,
  currentPrincipal,
  login,
  logout,
  refresh,
  type Session,
} from './auth.service.ts';
import { requirePrincipal } from './authorization.ts';
import { NoContentSchema } from './http-schemas.ts';

/** Login, token refresh and logout for people; client credentials for machines. */
const authRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const sessionOptions = { refreshTokenTtl: config.REFRESH_TOKEN_TTL };
  // Per IP and per route, in this process (see ARCHITECTURE: rate limits may be per process).
  const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: 60_000 } });
  // Refreshing is cheap and a 256-bit token cannot be guessed; the limit is only against floods,
  // and a whole office behind one address refreshes on its own, so it is looser than login's.
  const refreshLimit = perMinute(config.LOGIN_RATE_LIMIT * 3);

  const tokenPair = ({ principal, refreshToken }: Session): TokenPair => ({
    accessToken: app.signAccessToken(principal),
    refreshToken,
    expiresIn: config.ACCESS_TOKEN_TTL,
    user: principal,
  });

  app.post(
    '/api/auth/login',
    {
      config: perMinute(config.LOGIN_RATE_LIMIT),
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password',
        description:
          'Returns a short-lived access token (JWT) and a refresh token. A wrong email, a wrong ' +
          `password and a deactivated account all answer 401 alike. Limited to ${config.LOGIN_RATE_LIMIT} attempts per minute per address (429).`,
        security: [],
        body: LoginBodySchema,
        response: { 200: TokenPairSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => tokenPair(await login(app.db, request.body, sessionOptions)),
  );

  app.post(
    '/api/auth/refresh',
    {
      config: refreshLimit,
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new token pair',
        description:
          'Each refresh token works once; the answer carries the next one and the current roles. ' +
          'Presenting a used token again ends the whole session (401): send one refresh at a time.',
        security: [],
        body: RefreshBodySchema,
        response: { 200: TokenPairSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => tokenPair(await refresh(app.db, request.body.refreshToken, sessionOptions)),
  );

  app.post(
    '/api/auth/logout',
    {
      config: refreshLimit,
      schema: {
        tags: ['auth'],
        summary: 'End the session of a refresh token',
        description: 'Works without an access token (it may have expired); always answers 204.',
        security: [],
        body: RefreshBodySchema,
        response: { 204: NoContentSchema, '4xx': ProblemSchema },
      },
    },
    async (request, reply) => {
      await logout(app.db, request.body.refreshToken);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Who is calling, with the roles as stored now',
        response: { 200: PrincipalSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => currentPrincipal(app.db, requirePrincipal(request.principal)),
  );

  app.post(
    '/api/auth/password',
    {
      onRequest: app.authenticate,
      config: perMinute(config.LOGIN_RATE_LIMIT),
      schema: {
        tags: ['auth'],
        summary: 'Change your own password',
        description:
          'Needs the current password (400 naming /currentPassword when wrong). Ends all your ' +
          'sessions and answers with a new token pair for this one.',
        body: ChangePasswordBodySchema,
        response: { 200: TokenPairSchema, '4xx': ProblemSchema },
      },
    },
    async (request) =>
      tokenPair(
        await changeOwnPassword(
          app.db,
          requirePrincipal(request.principal),
          request.body,
          sessionOptions,
        ),
      ),
  );

  app.post(
    '/api/auth/token',
    {
      config: perMinute(config.LOGIN_RATE_LIMIT),
      schema: {
        tags: ['auth'],
        summary: 'Client credentials: an access token for an information system',
        description:
          'For API clients registered by the region. No refresh token: ask again when it expires.',
        security: [],
        body: ClientCredentialsBodySchema,
        response: { 200: ClientTokenSchema, '4xx': ProblemSchema },
      },
    },
    async (request) => {
      const principal = await authenticateClient(
        app.db,
        request.body.clientId,
        request.body.clientSecret,
      );
      return {
        accessToken: app.signAccessToken(principal),
        tokenType: 'Bearer' as const,
        expiresIn: config.ACCESS_TOKEN_TTL,
      };
    },
  );
};
export default authRoutes;
