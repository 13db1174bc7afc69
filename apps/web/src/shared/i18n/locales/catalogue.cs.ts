/** The public service catalogue. */
const catalogueCs = {
  catalogue: { title: 'Katalog sociálních služeb', serviceTitle: 'Sociální služba' },
};
export type CatalogueMessages = typeof catalogueCs;
export default catalogueCs;
