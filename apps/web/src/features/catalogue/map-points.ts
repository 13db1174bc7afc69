import type { PublicMapPoint } from '@socplan/contracts';

/** One marker: every service provided at the same spot (a building often houses several). */
export interface MapLocation {
  key: string;
  lat: number;
  lon: number;
  /** The service types present, for the marker's colour (one type → its colour, else mixed). */
  types: string[];
  services: { serviceId: string; serviceName: string; facilityName: string; type: string }[];
}

/**
 * Groups map points by their coordinates (to about a metre): markers on the very same spot
 * could never be told apart or tapped one by one, however far the map is zoomed in. A service
 * with two facilities at one address is listed once there.
 */
export function groupByLocation(points: readonly PublicMapPoint[]): MapLocation[] {
  const byKey = new Map<string, MapLocation>();
  for (const point of points) {
    const key = `${point.lat.toFixed(5)},${point.lon.toFixed(5)}`;
    let location = byKey.get(key);
    if (!location) {
      location = { key, lat: point.lat, lon: point.lon, types: [], services: [] };
      byKey.set(key, location);
    }
    if (!location.types.includes(point.type)) location.types.push(point.type);
    if (!location.services.some((s) => s.serviceId === point.serviceId)) {
      location.services.push({
        serviceId: point.serviceId,
        serviceName: point.serviceName,
        facilityName: point.name,
        type: point.type,
      });
    }
  }
  const locations = [...byKey.values()];
  for (const location of locations) {
    location.services.sort((a, b) => a.serviceName.localeCompare(b.serviceName, 'cs'));
  }
  return locations;
}
