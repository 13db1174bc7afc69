import fp from 'fastify-plugin';

/** The channel the change triggers (migration 0003) notify, with a topic as payload. */
export const CHANGES_CHANNEL = 'socplan_changes';

/**
 * Results of reads of one topic of reference data (territory, codelists), kept until a write
 * to that topic commits anywhere: database triggers NOTIFY every API process. While the
 * notification connection is down the cache is bypassed, so it never serves what it cannot
 * know to be current.
 */
export class TopicCache {
  private readonly entries = new Map<string, unknown>();
  private generation = 0;
  listening = false;

  constructor(private readonly maxEntries = 500) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.listening && this.entries.has(key)) {
      const value = this.entries.get(key) as T;
      this.entries.delete(key); // least recently used goes first
      this.entries.set(key, value);
      return value;
    }
    const generation = this.generation;
    const value = await load();
    // A change that committed while we were loading may not be in `value`: keep it only if none did.
    if (this.listening && generation === this.generation) {
      this.entries.set(key, value);
      if (this.entries.size > this.maxEntries)
        this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The cache of a topic; writes need nothing: triggers invalidate it. */
    readCache(topic: string): TopicCache;
  }
}

export default fp(
  async (app) => {
    const caches = new Map<string, TopicCache>();
    let listening = false;
    const cacheOf = (topic: string) => {
      let cache = caches.get(topic);
      if (!cache) {
        cache = new TopicCache();
        cache.listening = listening;
        caches.set(topic, cache);
      }
      return cache;
    };
    const unlisten = await app.database.listen(CHANGES_CHANNEL, {
      onNotify: (topic) => caches.get(topic)?.invalidate(),
      onState(now) {
        listening = now;
        for (const cache of caches.values()) {
          cache.invalidate();
          cache.listening = now;
        }
      },
    });
    app.decorate('readCache', cacheOf);
    app.addHook('preClose', () => unlisten());
  },
  { name: 'read-cache', dependencies: ['db'] },
);
