import fp from 'fastify-plugin';
import { loadTerritoryTree, type TerritoryTree } from '../modules/territory/territory-tree.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The territorial hierarchy in memory, reloaded after a territory change commits. */
    territoryTree(): Promise<TerritoryTree>;
  }
}

export default fp(
  async (app) => {
    // Its own cache of one entry: it stays while the answer caches churn (or are turned off).
    const cache = app.readCache('territory-tree', {
      topics: ['territory'],
      maxEntries: 1,
      alwaysOn: true,
    });
    app.decorate('territoryTree', () => cache.get('tree', () => loadTerritoryTree(app.db)));
  },
  { name: 'territory-tree', dependencies: ['db', 'read-cache'] },
);
