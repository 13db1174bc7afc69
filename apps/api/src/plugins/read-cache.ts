import fp from 'fastify-plugin';

/** The channel the change triggers (migration 0003) notify, with a topic as payload. */
export const CHANGES_CHANNEL = 'socplan_changes';

/**
 * Results of reads of rarely changing data (territory, the service network), kept until a write
 * to one of its topics commits anywhere: database triggers NOTIFY every API process. While the
 * notification connection is down the cache is bypassed, so it never serves what it cannot
 * know to be current.
 */
export class TopicCache {
  private readonly entries = new Map<string, unknown>();
  private generation = 0;
  listening = false;

  constructor(private readonly maxEntries: number) {}

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
    if (this.listening && generation === this.generation && this.maxEntries > 0) {
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

interface ReadCacheOptions {
  topics?: string[];
  maxEntries?: number;
  alwaysOn?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * The cache named `name`, emptied by a change of any of `topics` (default: the topic of
     * the same name); writes need nothing: triggers invalidate it. `maxEntries` defaults to
     * READ_CACHE_ENTRIES, which also caps it (0 turns caching off) unless `alwaysOn`: a
     * working structure such as the territory tree, not a cached answer.
     */
    readCache(name: string, options?: ReadCacheOptions): TopicCache;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp<{ maxEntries: number }>(
  async (app, { maxEntries }) => {
    const caches = new Map<string, TopicCache>();
    const byTopic = new Map<string, TopicCache[]>();
    let listening = false;
    const cacheOf = (name: string, options: ReadCacheOptions = {}) => {
      const { topics = [name] } = options;
      let cache = caches.get(name);
      if (!cache) {
        const wanted = options.maxEntries ?? maxEntries;
        cache = new TopicCache(options.alwaysOn ? wanted : Math.min(wanted, maxEntries));
        cache.listening = listening;
        caches.set(name, cache);
        for (const topic of topics) byTopic.set(topic, [...(byTopic.get(topic) ?? []), cache]);
      }
      return cache;
    };
    const unlisten = await app.database.listen(CHANGES_CHANNEL, {
      onNotify: (topic) => byTopic.get(topic)?.forEach((cache) => cache.invalidate()),
      onState(now) {
        listening = now;
        for (const cache of caches.values()) {
          cache.invalidate();
          cache.listening = now;
        }
      },
    });
    app.decorate('readCache', cacheOf);
    // Read-your-writes in this process: a successful write empties the caches before its
    // response leaves, without waiting for its notification (which still reaches the others).
    app.addHook('onSend', async (request, reply) => {
      if (SAFE_METHODS.has(request.method) || reply.statusCode >= 400) return;
      if (request.url.startsWith('/api/auth/')) return; // sessions, not cached data
      for (const cache of caches.values()) cache.invalidate();
    });
    app.addHook('preClose', () => unlisten());
  },
  { name: 'read-cache', dependencies: ['db'] },
);
