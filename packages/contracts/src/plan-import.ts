// Filled by the plans work (issue 3/5).
export {};
