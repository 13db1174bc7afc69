import { NotFoundError, invalidField } from '../../lib/errors.ts';
import type { Dataset, DatasetVersion } from './exports.dataset.ts';
import {
  campaignsDataset,
  collectedValuesByOrpDataset,
  submissionValuesDataset,
} from './exports.datasets.collection.ts';
import {
  capacityByOrpDataset,
  financingKeysDataset,
  networkEntriesDataset,
  providersDataset,
  referenceValuesDataset,
  servicesDataset,
  territorialUnitsDataset,
} from './exports.datasets.network.ts';
import {
  monitoringReportsDataset,
  planNodesDataset,
  plansDataset,
} from './exports.datasets.plans.ts';

/**
 * Every exported dataset → its versions. A breaking change to a dataset adds a version to its
 * `versions` (schema, query, row mapper) and leaves the old one working (decision 0600).
 */
export const DATASETS: readonly Dataset[] = [
  territorialUnitsDataset,
  providersDataset,
  servicesDataset,
  networkEntriesDataset,
  referenceValuesDataset,
  financingKeysDataset,
  plansDataset,
  planNodesDataset,
  monitoringReportsDataset,
  campaignsDataset,
  submissionValuesDataset,
  capacityByOrpDataset,
  collectedValuesByOrpDataset,
];

const byName = new Map(DATASETS.map((d) => [d.name, d]));

export function findDataset(name: string): Dataset {
  const dataset = byName.get(name);
  if (!dataset)
    throw new NotFoundError(`There is no dataset "${name}"; GET /api/exports lists them.`);
  return dataset;
}

export const currentVersion = (dataset: Dataset): DatasetVersion => dataset.versions.at(-1)!;

/** The asked version, or the current one; an unknown version is a 400 naming it. */
export function findVersion(dataset: Dataset, version: string | undefined): DatasetVersion {
  if (version === undefined) return currentVersion(dataset);
  const found = dataset.versions.find((v) => v.version === version);
  if (!found)
    throw invalidField(
      '/version',
      `"${version}" is not a version of ${dataset.name} (it has ${dataset.versions
        .map((v) => v.version)
        .join(', ')})`,
      'query',
    );
  return found;
}
