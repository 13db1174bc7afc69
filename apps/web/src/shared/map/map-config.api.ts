import { api, isApiError } from '../api/index.ts';

/** `GET /api/config`: the base map; an empty tileUrl means no base map (offline use). */
export interface MapConfig {
  tileUrl: string;
  tileAttribution: string;
}

const NO_BASE_MAP: MapConfig = { tileUrl: '', tileAttribution: '' };

/** The map works without a tile server: a missing endpoint means no base map. */
export async function getMapConfig(): Promise<MapConfig> {
  try {
    return { ...NO_BASE_MAP, ...(await api.get<Partial<MapConfig>>('/api/config')) };
  } catch (error) {
    if (isApiError(error) && error.status === 404) return NO_BASE_MAP;
    throw error;
  }
}
