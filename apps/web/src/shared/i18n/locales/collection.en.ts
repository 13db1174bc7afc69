import type { CollectionMessages } from './collection.cs.ts';

const collectionEn: CollectionMessages = {
  submissions: { title: 'Data collection', detailTitle: 'Submission' },
  campaigns: { title: 'Campaigns', detailTitle: 'Campaign', wizard: { title: 'New campaign' } },
  forms: { title: 'Forms', builder: { title: 'Form builder' } },
};
export default collectionEn;
