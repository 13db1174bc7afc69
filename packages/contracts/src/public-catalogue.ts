/** The public service catalogue (issue 5/5): schemas are added here by the public module. */
export {};
