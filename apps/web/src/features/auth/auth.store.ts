import type { Principal, Role, RoleAssignment } from '@socplan/contracts';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../../shared/api/index.ts';
import { authApi } from './auth.api.ts';
import { PERMITS, type Permit } from './permissions.ts';

export const useAuthStore = defineStore('auth', () => {
  const user = ref<Principal | null>(null);
  let restoring: Promise<void> | null = null;

  api.onSessionChange((pair) => {
    user.value = pair?.user ?? null;
  });

  const isAuthenticated = computed(() => user.value !== null);
  const roles = computed<RoleAssignment[]>(() => user.value?.roles ?? []);
  const hasRole = (...wanted: Role[]) => roles.value.some((r) => wanted.includes(r.role));
  /** Whether some role of the user grants the permit (the API still decides each call). */
  const may = (permit: Permit) => hasRole(...PERMITS[permit]);

  // login, refresh and logout all go through api.setSession, whose listener sets `user`.
  async function login(email: string, password: string): Promise<void> {
    const { data } = await authApi.login({ email, password });
    api.setSession(data);
  }

  async function logout(): Promise<void> {
    const refreshToken = api.refreshToken();
    try {
      if (refreshToken) await authApi.logout(refreshToken);
    } catch {
      // The local session ends anyway; the server forgets the token when it expires.
    } finally {
      api.setSession(null);
    }
  }

  /**
   * Restores the session after a reload from the stored refresh token. A rejected token ends
   * the session (the client clears it); an unreachable server leaves it for the next attempt.
   */
  function restore(): Promise<void> {
    if (user.value || !api.hasSession()) return Promise.resolve();
    restoring ??= authApi
      .me()
      .then(
        (principal) => {
          user.value = principal;
        },
        () => undefined,
      )
      .finally(() => {
        restoring = null;
      });
    return restoring;
  }

  return { user, isAuthenticated, roles, hasRole, may, login, logout, restore };
});
