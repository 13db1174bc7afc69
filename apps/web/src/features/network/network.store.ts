import type { Provider } from '@socplan/contracts';
import { defineStore } from 'pinia';
import { providersApi } from './network.api.ts';

export type ProviderOption = Pick<Provider, 'id' | 'name' | 'ico'>;

/** The largest page the API serves; a region has a few hundred providers. */
const MAX_LIMIT = 500;

/** Reference data of the network pages, fetched once: the providers for pickers. */
export const useNetworkStore = defineStore('network', () => {
  let providers: Promise<ProviderOption[]> | null = null;

  function providerOptions(): Promise<ProviderOption[]> {
    if (!providers) {
      const request = providersApi
        .list({ limit: MAX_LIMIT, sort: 'name' })
        .then((page) => page.items.map(({ id, name, ico }) => ({ id, name, ico })));
      request.catch(() => {
        if (providers === request) providers = null;
      });
      providers = request;
    }
    return providers;
  }

  /** After an import changed the network, pickers read it again. */
  function invalidate(): void {
    providers = null;
  }

  return { providerOptions, invalidate };
});
