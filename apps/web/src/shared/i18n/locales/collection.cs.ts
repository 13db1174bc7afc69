/** Data collection: submissions (entry and review). */
const collectionCs = {
  submissions: { title: 'Sběr dat', detailTitle: 'Výkaz' },
  campaigns: { title: 'Kampaně sběru', detailTitle: 'Kampaň', wizard: { title: 'Nová kampaň' } },
  forms: { title: 'Formuláře', builder: { title: 'Návrh formuláře' } },
};
export type CollectionMessages = typeof collectionCs;
export default collectionCs;
