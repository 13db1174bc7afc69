import type { PublicMapPoint } from '@socplan/contracts';
import { describe, expect, it } from 'vitest';
import { groupByLocation } from './map-points.ts';

const point = (over: Partial<PublicMapPoint>): PublicMapPoint => ({
  id: crypto.randomUUID(),
  serviceId: 's1',
  name: 'Dům',
  serviceName: 'Služba',
  type: '40',
  lat: 50.766,
  lon: 15.054,
  ...over,
});

describe('groupByLocation', () => {
  it('puts services at the same spot behind one marker, sorted by name', () => {
    const locations = groupByLocation([
      point({ serviceId: 'b', serviceName: 'Žirafa', type: '40' }),
      point({ serviceId: 'a', serviceName: 'Azyl', type: '63', lat: 50.7660000001 }),
      point({ serviceId: 'c', serviceName: 'Centrum', lat: 50.7, lon: 15.0 }),
    ]);

    expect(locations).toHaveLength(2);
    expect(locations[0]!.services.map((s) => s.serviceName)).toEqual(['Azyl', 'Žirafa']);
    expect(locations[0]!.types).toEqual(['40', '63']);
    expect(locations[1]!.services.map((s) => s.serviceId)).toEqual(['c']);
  });

  it('lists a service once where two of its facilities share an address', () => {
    const [location] = groupByLocation([point({ name: 'Budova A' }), point({ name: 'Budova B' })]);

    expect(location!.services).toHaveLength(1);
  });

  it('keeps spots a few metres apart as separate markers', () => {
    expect(groupByLocation([point({}), point({ lat: 50.76605 })])).toHaveLength(2);
  });
});
