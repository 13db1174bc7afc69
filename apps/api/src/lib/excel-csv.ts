/**
 * CSV the way Czech Excel opens it: UTF-8 with a BOM (else Excel reads it as Windows-1250),
 * `;`-separated (the Czech list separator), CRLF line ends, a cell quoted only where it must be.
 */
export function excelCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  const quote = (cell: string | number | null) => {
    const text = cell === null ? '' : String(cell);
    return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(quote).join(';')).join('\r\n')}\r\n`;
}
