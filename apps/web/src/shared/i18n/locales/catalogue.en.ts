import type { CatalogueMessages } from './catalogue.cs.ts';

const catalogueEn: CatalogueMessages = {
  catalogue: { title: 'Social services catalogue', serviceTitle: 'Social service' },
};
export default catalogueEn;
