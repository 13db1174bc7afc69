import type {
  Campaign,
  CampaignRespondent,
  CampaignStatus,
  Completeness,
  Job,
  UpdateCampaignBody,
} from '@socplan/contracts';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { etagOf, isApiError, type ApiResponse } from '../../shared/api/index.ts';
import { waitForJob } from '../../shared/api/jobs.ts';
import { saveBlob } from '../../shared/save-blob.ts';
import { useAction } from '../plans/use-action.ts';
import { campaignsApi } from './campaigns.api.ts';

const PREVIEW_PAGE = 50;

/**
 * One campaign on its page: the record (with its ETag for changes and status moves), the
 * respondents a draft would ask, the completeness once it is open, and the reminder job.
 */
export const useCampaignStore = defineStore('campaign', () => {
  const campaign = shallowRef<Campaign | null>(null);
  const etag = ref<string | null>(null);
  const loadError = shallowRef<unknown>(null);
  const completeness = shallowRef<Completeness | null>(null);
  const completenessError = shallowRef<unknown>(null);
  const respondents = shallowRef<CampaignRespondent[]>([]);
  const respondentTotal = ref(0);
  const respondentOffset = ref(0);
  const reminderJob = shallowRef<Job | null>(null);
  const { busy, error, run } = useAction();
  const stale = computed(() => isApiError(error.value) && error.value.status === 412);
  let campaignId = '';

  function apply(response: ApiResponse<Campaign>): void {
    campaign.value = response.data;
    etag.value = response.etag ?? etagOf(response.data.version);
  }

  async function loadCompleteness(): Promise<void> {
    completenessError.value = null;
    try {
      completeness.value = await campaignsApi.completeness(campaignId);
    } catch (e) {
      completenessError.value = e;
    }
  }

  async function loadRespondents(offset = 0): Promise<void> {
    completenessError.value = null;
    try {
      const page = await campaignsApi.respondents(campaignId, { limit: PREVIEW_PAGE, offset });
      respondents.value = page.items;
      respondentTotal.value = page.total;
      respondentOffset.value = offset;
    } catch (e) {
      completenessError.value = e;
    }
  }

  /** A draft previews its respondents; an open or closed campaign shows its completeness. */
  const loadDetails = () =>
    campaign.value?.status === 'draft' ? loadRespondents() : loadCompleteness();

  async function load(id: string): Promise<void> {
    campaignId = id;
    loadError.value = null;
    error.value = null;
    if (campaign.value?.id !== id) {
      campaign.value = null;
      completeness.value = null;
      respondents.value = [];
      reminderJob.value = null;
    }
    try {
      apply(await campaignsApi.get(id));
    } catch (e) {
      loadError.value = e;
      return;
    }
    await loadDetails();
  }

  const write = (body: UpdateCampaignBody) =>
    run(async () => {
      apply(await campaignsApi.update(campaignId, body, etag.value));
      await loadDetails();
    });

  /** Sends reminders and follows the job until it ends. */
  const sendReminders = () =>
    run(async () => {
      const { data } = await campaignsApi.sendReminders(campaignId);
      reminderJob.value = data;
      reminderJob.value = await waitForJob(data.id, {
        onUpdate: (job) => (reminderJob.value = job),
      });
      await loadCompleteness();
    });

  const exportMissing = () =>
    run(async () => {
      const { data } = await campaignsApi.missingCsv(campaignId);
      saveBlob(data, `${campaign.value?.period ?? 'campaign'}-missing.csv`);
    });

  return {
    campaign,
    loadError,
    completeness,
    completenessError,
    respondents,
    respondentTotal,
    respondentOffset,
    previewPage: PREVIEW_PAGE,
    reminderJob,
    busy,
    error,
    stale,
    load,
    loadCompleteness,
    loadRespondents,
    update: write,
    setStatus: (status: CampaignStatus) => write({ status }),
    remove: () => run(() => campaignsApi.remove(campaignId, etag.value)),
    sendReminders,
    exportMissing,
  };
});
