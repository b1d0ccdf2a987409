export { buildWorkbook, safeSheetName } from './workbook';
export { buildCsv, csvField, tableCsv } from './csv';
export { actionPlanTable } from './action-sheet';
export { exportNote, exportTable, exportTables, SHEET_IDS, type SheetId, type Table, type Cell, type Column, type CellFormat } from './sheets';
