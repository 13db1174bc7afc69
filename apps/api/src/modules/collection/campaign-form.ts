import { eq } from 'drizzle-orm';
import type { FormDefinition, RespondentKind } from '@socplan/contracts';
import type { Db } from '../../db/client.ts';
import { campaigns, formVersions, forms } from '../../db/schema/index.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

/** A campaign with what its submissions are checked against: its form version's definition. */
export interface CampaignForm {
  campaign: CampaignRow;
  formName: string;
  respondentKind: RespondentKind;
  formVersionNumber: number;
  definition: FormDefinition;
}

/** The campaign and its form definition in one query; undefined when there is no such campaign. */
export async function findCampaignForm(
  db: Db,
  campaignId: string,
): Promise<CampaignForm | undefined> {
  const [row] = await db
    .select({
      campaign: campaigns,
      formName: forms.name,
      respondentKind: forms.respondentKind,
      formVersionNumber: formVersions.number,
      definition: formVersions.definition,
    })
    .from(campaigns)
    .innerJoin(formVersions, eq(formVersions.id, campaigns.formVersionId))
    .innerJoin(forms, eq(forms.id, campaigns.formId))
    .where(eq(campaigns.id, campaignId));
  return row && { ...row, respondentKind: row.respondentKind as RespondentKind };
}
