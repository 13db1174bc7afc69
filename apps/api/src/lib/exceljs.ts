/**
 * exceljs, loaded on first use: importing it costs the process about 28 MB of memory for good,
 * and only plan imports and their templates need it.
 */
export const loadExcelJs = async () => (await import('exceljs')).default;
