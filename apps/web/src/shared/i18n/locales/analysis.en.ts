import type { AnalysisMessages } from './analysis.cs.ts';

const analysisEn: AnalysisMessages = {
  analysis: { title: 'Dashboard' },
};
export default analysisEn;
