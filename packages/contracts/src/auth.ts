import Type, { type Static } from 'typebox';
import { ListOf, Nullable, PageQuery, Timestamp, Uuid } from './common.ts';
import { ROLES } from './constants.ts';

export const RoleSchema = Type.Enum(ROLES);

export const RoleAssignmentSchema = Type.Object(
  {
    role: RoleSchema,
    territorialUnitId: Nullable(Uuid),
    territorialUnitName: Type.Optional(Nullable(Type.String())),
    providerId: Nullable(Uuid),
  },
  { $id: 'RoleAssignment' },
);
export type RoleAssignment = Static<typeof RoleAssignmentSchema>;

export const RoleAssignmentInputSchema = Type.Object(
  {
    role: RoleSchema,
    territorialUnitId: Type.Optional(Nullable(Uuid)),
    providerId: Type.Optional(Nullable(Uuid)),
  },
  { $id: 'RoleAssignmentInput', additionalProperties: false },
);
export type RoleAssignmentInput = Static<typeof RoleAssignmentInputSchema>;

export const PrincipalSchema = Type.Object(
  {
    id: Uuid,
    kind: Type.Union([Type.Literal('user'), Type.Literal('client')]),
    name: Type.String(),
    email: Nullable(Type.String()),
    roles: Type.Array(RoleAssignmentSchema),
  },
  { $id: 'Principal' },
);
export type Principal = Static<typeof PrincipalSchema>;

export const LoginBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { $id: 'LoginBody', additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const TokenPairSchema = Type.Object(
  {
    accessToken: Type.String(),
    refreshToken: Type.String(),
    expiresIn: Type.Integer({ description: 'Access token lifetime in seconds' }),
    user: PrincipalSchema,
  },
  { $id: 'TokenPair' },
);
export type TokenPair = Static<typeof TokenPairSchema>;

export const RefreshBodySchema = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { $id: 'RefreshBody', additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBodySchema>;

export const ClientCredentialsBodySchema = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 100 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 512 }),
  },
  { $id: 'ClientCredentialsBody', additionalProperties: false },
);
export type ClientCredentialsBody = Static<typeof ClientCredentialsBodySchema>;

export const ClientTokenSchema = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer(),
  },
  { $id: 'ClientToken' },
);
export type ClientToken = Static<typeof ClientTokenSchema>;

/** A signed-in user changes their own password; their other sessions end. */
export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 10, maxLength: 1024 }),
  },
  { $id: 'ChangePasswordBody', additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;

// --- administration of users and API clients (region_admin) ---

export const UserSchema = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    name: Type.String(),
    active: Type.Boolean(),
    roles: Type.Array(RoleAssignmentSchema),
    createdAt: Timestamp,
    version: Type.Integer(),
  },
  { $id: 'User' },
);
export type User = Static<typeof UserSchema>;

export const UserListSchema = ListOf(UserSchema, 'UserList');

export const UserListQuerySchema = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Search in name and email' })),
    active: Type.Optional(Type.Boolean()),
    role: Type.Optional(RoleSchema),
  },
  {
    additionalProperties: false,
    description: 'sort: name | email | createdAt (prefix - for descending)',
  },
);
export type UserListQuery = Static<typeof UserListQuerySchema>;

export const CreateUserBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 10, maxLength: 1024 }),
    active: Type.Optional(Type.Boolean()),
    roles: Type.Array(RoleAssignmentInputSchema, { maxItems: 50 }),
  },
  { $id: 'CreateUserBody', additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBodySchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    password: Type.Optional(Type.String({ minLength: 10, maxLength: 1024 })),
    active: Type.Optional(Type.Boolean()),
    roles: Type.Optional(Type.Array(RoleAssignmentInputSchema, { maxItems: 50 })),
  },
  { $id: 'UpdateUserBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

export const ApiClientSchema = Type.Object(
  {
    id: Uuid,
    clientId: Type.String(),
    name: Type.String(),
    active: Type.Boolean(),
    roles: Type.Array(RoleAssignmentSchema),
    createdAt: Timestamp,
    lastUsedAt: Nullable(Timestamp),
    version: Type.Integer(),
  },
  { $id: 'ApiClient' },
);
export type ApiClient = Static<typeof ApiClientSchema>;

export const ApiClientListSchema = ListOf(ApiClientSchema, 'ApiClientList');

export const ApiClientListQuerySchema = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Search in name and clientId' })),
    active: Type.Optional(Type.Boolean()),
    role: Type.Optional(RoleSchema),
  },
  {
    additionalProperties: false,
    description: 'sort: name | clientId | createdAt | lastUsedAt (prefix - for descending)',
  },
);
export type ApiClientListQuery = Static<typeof ApiClientListQuerySchema>;

export const CreateApiClientBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(RoleAssignmentInputSchema, { minItems: 1, maxItems: 10 }),
  },
  { $id: 'CreateApiClientBody', additionalProperties: false },
);
export type CreateApiClientBody = Static<typeof CreateApiClientBodySchema>;

export const UpdateApiClientBodySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
    roles: Type.Optional(Type.Array(RoleAssignmentInputSchema, { minItems: 1, maxItems: 10 })),
  },
  { $id: 'UpdateApiClientBody', additionalProperties: false, minProperties: 1 },
);
export type UpdateApiClientBody = Static<typeof UpdateApiClientBodySchema>;

/** Returned once, on creation (and on secret rotation): the secret is never shown again. */
export const ApiClientWithSecretSchema = Type.Object(
  { client: ApiClientSchema, clientSecret: Type.String() },
  { $id: 'ApiClientWithSecret' },
);
export type ApiClientWithSecret = Static<typeof ApiClientWithSecretSchema>;
