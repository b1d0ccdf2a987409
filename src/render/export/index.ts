export { buildWorkbook, safeSheetName } from './workbook';
export { buildCsv, csvField } from './csv';
export { exportTable, exportTables, SHEET_IDS, type SheetId, type Table, type Cell, type Column, type CellFormat } from './sheets';
