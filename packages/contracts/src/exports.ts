/** Exports for analysts (issue 5/5): schemas are added here by the exports module. */
export {};
