import { type Locale, rowLabel, type StatsTable, titleOf } from '@onewindow/protocol';

/** Every table as a sheet of one workbook: the header row bold and frozen, columns wide enough. */
export async function toXlsx(tables: readonly StatsTable[], locale: Locale, title: string): Promise<Buffer> {
  // Loaded on the first export: a third of a second of start-up for every server that never exports.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'OneWindow';
  book.title = title;
  for (const t of tables) {
    const sheet = book.addWorksheet(titleOf(t, locale).slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = t.columns.map((c, i) => ({
      header: titleOf(c, locale),
      key: c.key,
      width: Math.max(
        10,
        titleOf(c, locale).length * 2 + 2,
        ...t.rows.map((r) => String(r[i] ?? '').length + 2),
      ),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const r of t.rows) sheet.addRow(r.map((v, i) => (i === 0 ? rowLabel(v, locale) : v)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
