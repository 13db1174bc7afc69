/** The little of GeoJSON (RFC 7946) the maps draw: [lon, lat] positions. */
export type Position = [number, number] | [number, number, number];

export type MapGeometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface MapFeature<P> {
  type: 'Feature';
  properties: P;
  geometry: MapGeometry | null;
}

export interface MapFeatureCollection<P> {
  type: 'FeatureCollection';
  features: MapFeature<P>[];
}

/** What a map of territorial units needs of a feature's properties. */
export interface UnitFeatureProperties {
  id: string;
  kind: string;
  name: string;
}
