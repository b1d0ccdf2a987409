import type ExcelJS from 'exceljs';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { exportTables, type CellFormat, type Table } from './sheets';

const NUMBER_FORMATS: Record<CellFormat, string | undefined> = {
  text: undefined,
  integer: '0',
  decimal: '0.00',
  share: '0.0%',
};

/** Excel refuses sheet names longer than 31 characters or containing []:*?/\ . */
export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 31) || 'Sheet';
}

function addSheet(workbook: ExcelJS.Workbook, table: Table): void {
  const sheet = workbook.addWorksheet(safeSheetName(table.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ key: c.key, width: c.width }));
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  table.rows.forEach((cells, r) => {
    const row = sheet.addRow(cells.map((c) => c ?? ''));
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      // Numbers stay unrounded in the file; the format only rounds what is displayed.
      const format = NUMBER_FORMATS[table.rowFormats?.[r] ?? column.format];
      if (format && typeof cell.value === 'number') cell.numFmt = format;
      if (column.format === 'text') cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  if (table.id === 'readme') sheet.getColumn(1).font = { bold: true };
}

/**
 * The coordinator's XLSX export: a read-me sheet and one sheet per level (dimensions,
 * statements, groups, trend, reflection question 3), with the summary's withholding.
 */
export async function buildWorkbook(summary: RoundSummary, lang: Lang, extraTables: readonly Table[] = []): Promise<Buffer> {
  // Loaded on first export, not at start-up: exceljs is a large module only this path needs.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Zorgspiegel';
  // The summary's own time, so the same summary gives the same workbook metadata.
  workbook.created = new Date(summary.computedAt);
  workbook.modified = new Date(summary.computedAt);
  workbook.title = summary.round.title;
  for (const table of [...exportTables(summary, lang), ...extraTables]) addSheet(workbook, table);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
