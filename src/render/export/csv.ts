import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { exportTable, type Cell, type CellFormat, type SheetId, type Table } from './sheets';

/** Decimals written per column format: enough for any further calculation, no floating-point noise. */
const DECIMALS: Partial<Record<CellFormat, number>> = { decimal: 4, share: 4 };

function formatNumber(value: number, format: CellFormat): string {
  const decimals = DECIMALS[format];
  // Number(…) drops trailing zeros: 0.5 stays "0.5", 47/14 becomes "3.3571".
  return decimals === undefined ? String(value) : String(Number(value.toFixed(decimals)));
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or outer spaces,
 * with quotes doubled. A text starting with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe so a spreadsheet shows it instead of running it as a formula: a round
 * title or label is typed by people, and a CSV is opened by double-clicking.
 */
export function csvField(cell: Cell, format: CellFormat = 'text'): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return formatNumber(cell, format);
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One sheet of the export as CSV: comma-separated, "." as decimal point, CRLF line ends, a
 * header row first. Shares are fractions (0.25 = 25%).
 */
export function buildCsv(summary: RoundSummary, lang: Lang, sheet: SheetId): string {
  return tableCsv(exportTable(summary, lang, sheet));
}

/** Any export table as CSV (the action plan's too). */
export function tableCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')];
  table.rows.forEach((row, r) => lines.push(row.map((cell, i) => csvField(cell, table.rowFormats?.[r] ?? table.columns[i]!.format)).join(',')));
  return lines.join('\r\n') + '\r\n';
}
