/** Analyses and dashboards (issue 5/5): schemas are added here by the analysis module. */
export {};
