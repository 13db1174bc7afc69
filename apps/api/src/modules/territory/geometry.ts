import { createHash } from 'node:crypto';
import type { LatLon } from '@socplan/contracts';

/** A [lon, lat] position (RFC 7946 order). */
export type Position = [number, number];
export type Ring = Position[];
export type AreaGeometry =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Why a geometry was refused; null when it is fine. */
export type GeometryProblem = string;

function normalizePosition(value: unknown): Position | GeometryProblem {
  if (!Array.isArray(value) || value.length < 2) return 'a position is not [lon, lat]';
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || !isFinite(lon) || !isFinite(lat))
    return 'a position has a non-numeric coordinate';
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
    return 'a position lies outside WGS84 bounds (lon -180..180, lat -90..90)';
  return [lon, lat];
}

function normalizeRing(value: unknown): Ring | GeometryProblem {
  if (!Array.isArray(value)) return 'a ring is not an array of positions';
  const ring: Ring = [];
  for (const item of value) {
    const position = normalizePosition(item);
    if (typeof position === 'string') return position;
    ring.push(position);
  }
  const [first] = ring;
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  if (ring.length < 4) return 'a ring needs at least 4 positions';
  return ring;
}

function normalizePolygon(value: unknown): Ring[] | GeometryProblem {
  if (!Array.isArray(value) || value.length === 0) return 'a polygon has no rings';
  const rings: Ring[] = [];
  for (const item of value) {
    const ring = normalizeRing(item);
    if (typeof ring === 'string') return ring;
    rings.push(ring);
  }
  return rings;
}

/**
 * A Polygon or MultiPolygon reduced to `{type, coordinates}` with 2-D positions and closed
 * rings, so the same boundary always stores (and compares) the same; or why it is refused.
 */
export function normalizeAreaGeometry(value: unknown): AreaGeometry | GeometryProblem {
  if (!value || typeof value !== 'object') return 'the geometry is missing';
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    const polygon = normalizePolygon(coordinates);
    return typeof polygon === 'string' ? polygon : { type, coordinates: polygon };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0)
      return 'a MultiPolygon has no polygons';
    const polygons: Ring[][] = [];
    for (const item of coordinates) {
      const polygon = normalizePolygon(item);
      if (typeof polygon === 'string') return polygon;
      polygons.push(polygon);
    }
    return { type, coordinates: polygons };
  }
  return `the geometry type must be Polygon or MultiPolygon, not ${JSON.stringify(type ?? null)}`;
}

/** Twice the signed area and the area-weighted centroid sums of one ring (shoelace). */
function ringMoments(ring: Ring, [ox, oy]: Position): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x0 = ring[i]![0] - ox;
    const y0 = ring[i]![1] - oy;
    const x1 = ring[i + 1]![0] - ox;
    const y1 = ring[i + 1]![1] - oy;
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a, cx, cy };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The area centroid of a (multi)polygon, holes subtracted, computed in lon/lat (a centroid is
 * invariant under the axis scaling a local projection would apply). Degenerate (zero-area)
 * shapes fall back to the mean of the exterior vertices.
 */
export function centroidOf(geometry: AreaGeometry): LatLon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  // Sums relative to a vertex nearby: absolute degrees would cancel out small areas' digits.
  const origin: Position = polygons[0]?.[0]?.[0] ?? [0, 0];
  let area = 0;
  let sx = 0;
  let sy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const m = ringMoments(ring, origin);
      // Exterior counts positive and holes negative, whatever the winding of the source.
      const sign = (i === 0 ? 1 : -1) * Math.sign(m.a);
      area += sign * m.a;
      sx += sign * m.cx;
      sy += sign * m.cy;
    });
  }
  if (Math.abs(area) > 1e-12) {
    return {
      lat: round6(origin[1] + sy / (3 * area)),
      lon: round6(origin[0] + sx / (3 * area)),
    };
  }
  const exterior = polygons.flatMap((rings) => rings[0] ?? []);
  const n = exterior.length || 1;
  return {
    lat: round6(exterior.reduce((s, p) => s + p[1], 0) / n),
    lon: round6(exterior.reduce((s, p) => s + p[0], 0) / n),
  };
}

/** Canonical text of a geometry: equal boundaries give equal text. */
export const geometryKey = (geometry: AreaGeometry): string => JSON.stringify(geometry);

/** What the audit keeps of a geometry: enough to see that and how it changed, not the polygon. */
export function geometrySummary(geometry: unknown): null | {
  type: string;
  vertices: number;
  sha256: string;
} {
  const normalized = normalizeAreaGeometry(geometry);
  if (typeof normalized === 'string') return null;
  const vertices =
    normalized.type === 'Polygon'
      ? normalized.coordinates.reduce((n, r) => n + r.length, 0)
      : normalized.coordinates.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);
  return {
    type: normalized.type,
    vertices,
    sha256: createHash('sha256').update(geometryKey(normalized)).digest('hex').slice(0, 16),
  };
}
