import type {
  CapacityAnalysis,
  CapacityServiceList,
  CollectionAnalysis,
  NeedsAnalysis,
  PlansAnalysis,
  UnitFeatureCollection,
} from '@socplan/contracts';
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import { getMapConfig, type MapConfig } from '../../shared/map/map-config.api.ts';
import { useLatestLoad } from '../../shared/ui/use-latest-load.ts';
import { territoryApi } from '../territory/territory.api.ts';
import { analysisApi } from './analysis.api.ts';

type Features = UnitFeatureCollection['features'];

/** The dashboard's inputs; the page keeps them in the URL and hands them over. */
export interface DashboardParams {
  year: number;
  asOf: string;
  orpId: string;
}

/**
 * The dashboard's data: the network's capacity as of a day (by ORP, and by municipality when
 * drilled into an ORP), the year's needs, plans and data collection, and the boundaries. Each
 * part is read again only when its own inputs change; a superseded answer is dropped.
 */
export const useDashboardStore = defineStore('dashboard', () => {
  const capacity = shallowRef<CapacityAnalysis | null>(null);
  const drill = shallowRef<CapacityAnalysis | null>(null);
  const needs = shallowRef<NeedsAnalysis | null>(null);
  const plans = shallowRef<PlansAnalysis | null>(null);
  const collection = shallowRef<CollectionAnalysis | null>(null);
  const orps = shallowRef<Features>([]);
  const municipalities = shallowRef<Features>([]);
  const mapConfig = shallowRef<MapConfig | null>(null);
  const services = shallowRef<CapacityServiceList | null>(null);
  let params: DashboardParams = { year: 0, asOf: '', orpId: '' };

  const network = useLatestLoad(
    () => analysisApi.capacity({ asOf: params.asOf || undefined }),
    (value) => (capacity.value = value),
  );
  const drilled = useLatestLoad(
    async () =>
      params.orpId
        ? Promise.all([
            analysisApi.capacity({ asOf: params.asOf || undefined, orpId: params.orpId }),
            analysisApi.municipalities(params.orpId),
          ])
        : null,
    (value) => {
      drill.value = value?.[0] ?? null;
      municipalities.value = value?.[1].features ?? [];
    },
  );
  // Each analysis of the year loads on its own: one that fails leaves the others on the page.
  const needsLoad = useLatestLoad(
    () => analysisApi.needs({ year: params.year }),
    (value) => (needs.value = value),
  );
  const plansLoad = useLatestLoad(
    () => analysisApi.plans({ year: params.year, orpId: params.orpId || undefined }),
    (value) => (plans.value = value),
  );
  const collectionLoad = useLatestLoad(
    () => analysisApi.collection(params.year),
    (value) => (collection.value = value),
  );
  const yearly = [needsLoad, plansLoad, collectionLoad];
  const servicesError = shallowRef<unknown>(null);

  let boundaries: Promise<void> | null = null;
  /** The ORPs' boundaries and the base map: read once. */
  function loadBoundaries(): Promise<void> {
    boundaries ??= Promise.all([territoryApi.geojson('orp'), getMapConfig()]).then(
      ([features, config]) => {
        orps.value = features.features;
        mapConfig.value = config;
      },
      (error: unknown) => {
        boundaries = null;
        throw error;
      },
    );
    return boundaries;
  }

  /** Reads what the changed inputs affect. */
  async function load(next: DashboardParams): Promise<void> {
    const before = params;
    const first = before.year === 0;
    params = next;
    const jobs: Promise<void>[] = [];
    if (first || before.asOf !== next.asOf) jobs.push(network.reload());
    if (first || before.asOf !== next.asOf || before.orpId !== next.orpId) {
      services.value = null;
      jobs.push(drilled.reload());
    }
    if (first || before.year !== next.year || before.orpId !== next.orpId)
      jobs.push(...yearly.map((part) => part.reload()));
    await Promise.all(jobs);
  }

  /** Forgets the data when the page is left (the next user may see another territory). */
  function reset(): void {
    params = { year: 0, asOf: '', orpId: '' };
    for (const data of [capacity, drill, needs, plans, collection, services]) data.value = null;
    municipalities.value = [];
  }

  /** After a change of the targets: the gaps are computed again by the API. */
  async function reloadCapacity(): Promise<void> {
    await Promise.all([network.reload(), drilled.reload()]);
  }

  /** The services behind a municipality's (or ORP's) capacity of a type and unit. */
  async function loadServices(unitId: string, typeCode: string, unit: string): Promise<void> {
    services.value = null;
    try {
      services.value = await analysisApi.capacityServices({
        unitId,
        typeCode,
        unit,
        asOf: params.asOf || undefined,
      });
      servicesError.value = null;
    } catch (error) {
      servicesError.value = error;
    }
  }

  const error = computed(
    () =>
      [network, drilled, ...yearly].find((part) => part.error.value)?.error.value ??
      servicesError.value,
  );
  const loading = computed(() => [network, drilled, ...yearly].some((part) => part.loading.value));

  return {
    capacity,
    drill,
    needs,
    plans,
    collection,
    orps,
    municipalities,
    mapConfig,
    services,
    load,
    loadBoundaries,
    loadServices,
    reloadCapacity,
    reset,
    error,
    loading,
  };
});
