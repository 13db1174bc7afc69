/** Analyses and dashboards. */
const analysisCs = {
  analysis: { title: 'Přehledy' },
};
export type AnalysisMessages = typeof analysisCs;
export default analysisCs;
