import type { LoginBody, Principal, TokenPair } from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

export const authApi = {
  login: (body: LoginBody) =>
    api.request<TokenPair>('/api/auth/login', { method: 'POST', body, auth: false }),
  logout: (refreshToken: string) =>
    api.request<void>('/api/auth/logout', { method: 'POST', body: { refreshToken }, auth: false }),
  me: () => api.get<Principal>('/api/auth/me'),
};
