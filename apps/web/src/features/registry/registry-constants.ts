import type { RegistryChangeKind, RegistryEntity, RegistryIssueSeverity } from '@socplan/contracts';

// The contracts keep these values next to their TypeBox schemas; importing them from there
// would put TypeBox into the bundle, so they are repeated here, checked against the types.
export const REGISTRY_ENTITIES: readonly RegistryEntity[] = ['provider', 'service', 'facility'];
export const REGISTRY_CHANGE_KINDS: readonly RegistryChangeKind[] = ['new', 'changed', 'ended'];
export const REGISTRY_ISSUE_SEVERITIES: readonly RegistryIssueSeverity[] = ['error', 'warning'];
