import type { Role } from '@socplan/contracts';

export interface ScopedRole {
  role: Role;
  territorialUnitId: string | null;
  providerId: string | null;
}

/** Who is calling: a user or an API client, with its scoped roles (carried in the JWT). */
export interface AuthPrincipal {
  id: string;
  kind: 'user' | 'client';
  name: string;
  email: string | null;
  roles: ScopedRole[];
}

/** Compact JWT claims: roles as [role, unitId, providerId] triples. */
export interface AccessClaims {
  sub: string;
  kind: 'user' | 'client';
  name: string;
  email: string | null;
  roles: [Role, string | null, string | null][];
}

export const toClaims = (p: AuthPrincipal): AccessClaims => ({
  sub: p.id,
  kind: p.kind,
  name: p.name,
  email: p.email,
  roles: p.roles.map((r) => [r.role, r.territorialUnitId, r.providerId]),
});

export const fromClaims = (c: AccessClaims): AuthPrincipal => ({
  id: c.sub,
  kind: c.kind,
  name: c.name,
  email: c.email,
  roles: c.roles.map(([role, territorialUnitId, providerId]) => ({
    role,
    territorialUnitId,
    providerId,
  })),
});
