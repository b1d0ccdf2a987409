import { t } from '../../i18n';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary, ScaleFigure } from '../../core/summary/model';
import { bandLabel, dimensionTitle, formatDecimal, formatPercent, localize, resolveMessage, withheldLabel } from '../../core/summary/labels';

/**
 * The export's tables, one per level of the summary, built once and written either as an XLSX
 * workbook or as CSV. Every row is an aggregate (a dimension, a statement, a group, a domain):
 * the summary holds nothing per person, so neither can the export. Withheld figures stay
 * withheld: their cells say "te weinig antwoorden".
 */
export const SHEET_IDS = ['readme', 'dimensions', 'statements', 'ranked', 'groups', 'trend', 'allocation', 'openAnswers'] as const;
export type SheetId = (typeof SHEET_IDS)[number];

/** How a column's numbers are shown: shares are 0..1 (a spreadsheet formats them as %). */
export type CellFormat = 'text' | 'integer' | 'decimal' | 'share';
export type Cell = string | number | null;
export type Column = { key: string; header: string; format: CellFormat; width: number };
/**
 * `rowFormats`: a number format for a row's numbers where its column's format does not fit (the
 * read-me's rate). `actions`: the action plan (issue #14), built from the plan rather than the summary.
 */
export type Table = { id: SheetId | 'actions'; name: string; columns: Column[]; rows: Cell[][]; rowFormats?: Record<number, CellFormat> };

type Tr = (key: string, params?: Record<string, string | number>) => string;

function figureColumns(summary: RoundSummary, tr: Tr, lang: Lang): Column[] {
  return [
    { key: 'respondents', header: tr('columns.respondents'), format: 'integer', width: 14 },
    { key: 'mean', header: tr('columns.mean'), format: 'decimal', width: 12 },
    { key: 'median', header: tr('columns.median'), format: 'decimal', width: 10 },
    { key: 'sd', header: tr('columns.sd'), format: 'decimal', width: 18 },
    { key: 'band', header: tr('columns.band'), format: 'text', width: 28 },
    ...summary.labels.scalePoints.map((p): Column => ({
      key: `share${p.value}`,
      header: tr('columns.share', { point: `${p.value} ${localize(p.label, lang)}` }),
      format: 'share',
      width: 16,
    })),
  ];
}

/** A scale figure's cells, or the withheld wording in each of them. */
function figureCells(summary: RoundSummary, figure: ScaleFigure, lang: Lang): Cell[] {
  const width = 5 + summary.labels.scalePoints.length;
  if (figure.status === 'withheld') return Array<Cell>(width).fill(withheldLabel(figure.reason, lang));
  return [
    figure.n,
    figure.mean,
    figure.median,
    figure.sd,
    bandLabel(summary, figure.band, lang),
    ...summary.labels.scalePoints.map((p) => figure.distribution.find((d) => d.value === p.value)?.share ?? 0),
  ];
}

const idColumn = (tr: Tr): Column => ({ key: 'dimensionId', header: tr('columns.dimensionId'), format: 'text', width: 12 });
const titleColumn = (tr: Tr): Column => ({ key: 'dimension', header: tr('columns.dimension'), format: 'text', width: 60 });

function dimensionsTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  return {
    id: 'dimensions',
    name: tr('sheets.dimensions'),
    columns: [
      idColumn(tr),
      titleColumn(tr),
      ...figureColumns(summary, tr, lang),
      { key: 'agreement', header: tr('columns.agreement'), format: 'share', width: 18 },
      { key: 'agreementRespondents', header: tr('columns.agreementRespondents'), format: 'integer', width: 18 },
    ],
    rows: summary.dimensions.map((d) => [
      d.dimensionId,
      localize(d.title, lang),
      ...figureCells(summary, d.score, lang),
      ...(d.agreement.status === 'shown' ? [d.agreement.share, d.agreement.n] : Array<Cell>(2).fill(withheldLabel(d.agreement.reason, lang))),
    ]),
  };
}

function statementsTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  return {
    id: 'statements',
    name: tr('sheets.statements'),
    columns: [
      idColumn(tr),
      { key: 'statementId', header: tr('columns.statementId'), format: 'text', width: 12 },
      { key: 'statement', header: tr('columns.statement'), format: 'text', width: 70 },
      ...figureColumns(summary, tr, lang),
      { key: 'noView', header: tr('columns.noView'), format: 'integer', width: 14 },
      { key: 'answered', header: tr('columns.answered'), format: 'integer', width: 14 },
    ],
    rows: summary.dimensions.flatMap((d) =>
      d.statements.map((s) => [d.dimensionId, s.statementId, localize(s.text, lang), ...figureCells(summary, s.figure, lang), s.noView?.noView ?? null, s.noView?.answered ?? null]),
    ),
  };
}

/** The school's strengths and priority work points: the statements with the highest and lowest means. */
function rankedTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  const rows = (kind: string, list: RoundSummary['strongest']): Cell[][] =>
    list.map((s) => [kind, s.dimensionId, s.statementId, localize(s.text, lang), s.n, s.mean, bandLabel(summary, s.band, lang)]);
  return {
    id: 'ranked',
    name: tr('sheets.ranked'),
    columns: [
      { key: 'kind', header: tr('columns.kind'), format: 'text', width: 16 },
      idColumn(tr),
      { key: 'statementId', header: tr('columns.statementId'), format: 'text', width: 12 },
      { key: 'statement', header: tr('columns.statement'), format: 'text', width: 70 },
      { key: 'respondents', header: tr('columns.respondents'), format: 'integer', width: 14 },
      { key: 'mean', header: tr('columns.mean'), format: 'decimal', width: 12 },
      { key: 'band', header: tr('columns.band'), format: 'text', width: 28 },
    ],
    rows: [...rows(t(lang, 'summary:strongest.heading'), summary.strongest), ...rows(t(lang, 'summary:weakest.heading'), summary.weakest)],
  };
}

/**
 * Every open answer the team may read, per dimension and question, in the summary's fixed random
 * order: one row per answer, with nothing that links it to a person or to another answer.
 */
function openAnswersTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  const rows: Cell[][] = [];
  for (const d of summary.dimensions) {
    const title = localize(d.title, lang);
    const lists: [string, readonly string[]][] = [
      [t(lang, 'summary:quotes.strengths'), d.quotes.strengths],
      [t(lang, 'summary:quotes.priorities'), d.quotes.priorities],
      [t(lang, 'summary:quotes.practices'), d.quotes.practices ?? []],
    ];
    for (const [question, quotes] of lists) for (const q of quotes) rows.push([d.dimensionId, title, question, null, q]);
  }
  const r = summary.reflection;
  if (r) {
    const heading = t(lang, 'summary:reflection.heading');
    if (r.roleGrid) {
      const question = `${r.roleGrid.number}. ${localize(r.roleGrid.text, lang)}`;
      for (const domain of r.roleGrid.domains) {
        for (const role of domain.roles) for (const text of role.texts) rows.push([null, heading, question, `${localize(domain.label, lang)} — ${localize(role.label, lang)}`, text]);
      }
    }
    for (const q of r.questions) for (const text of q.quotes) rows.push([null, heading, `${q.number}. ${localize(q.text, lang)}`, null, text]);
  }
  return {
    id: 'openAnswers',
    name: tr('sheets.openAnswers'),
    columns: [
      idColumn(tr),
      { key: 'section', header: tr('columns.dimension'), format: 'text', width: 40 },
      { key: 'question', header: tr('columns.question'), format: 'text', width: 50 },
      { key: 'cell', header: tr('columns.cell'), format: 'text', width: 30 },
      { key: 'answer', header: tr('columns.answer'), format: 'text', width: 90 },
    ],
    rows,
  };
}

function groupsTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  return {
    id: 'groups',
    name: tr('sheets.groups'),
    columns: [idColumn(tr), titleColumn(tr), { key: 'group', header: tr('columns.group'), format: 'text', width: 24 }, ...figureColumns(summary, tr, lang)],
    rows: summary.groups.flatMap((c) =>
      c.groups.map((g) => [c.dimensionId, dimensionTitle(summary, c.dimensionId, lang), localize(g.label, lang), ...figureCells(summary, g.figure, lang)]),
    ),
  };
}

function trendTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  const trend = summary.trend;
  return {
    id: 'trend',
    name: tr('sheets.trend'),
    columns: [
      idColumn(tr),
      titleColumn(tr),
      { key: 'previousMean', header: tr('columns.previousMean'), format: 'decimal', width: 20 },
      { key: 'currentMean', header: tr('columns.currentMean'), format: 'decimal', width: 16 },
      { key: 'change', header: tr('columns.change'), format: 'decimal', width: 12 },
    ],
    rows: trend.comparable
      ? trend.dimensions.map((d) => [
          d.dimensionId,
          dimensionTitle(summary, d.dimensionId, lang),
          ...(d.change.status === 'shown' ? [d.change.previousMean, d.change.currentMean, d.change.change] : Array<Cell>(3).fill(withheldLabel(d.change.reason, lang))),
        ])
      : [],
  };
}

function allocationTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  const allocation = summary.reflection?.allocation ?? null;
  const domainRows = (): Cell[][] => {
    if (!allocation) return [];
    const f = allocation.figure;
    if (f.status === 'shown') return f.means.map((m) => [localize(m.label, lang), f.n, m.mean]);
    // The domains are the questionnaire's; without figures the summary does not list them, so one row says why.
    return [[withheldLabel(f.reason, lang), withheldLabel(f.reason, lang), withheldLabel(f.reason, lang)]];
  };
  return {
    id: 'allocation',
    name: tr('sheets.allocation'),
    columns: [
      { key: 'domain', header: tr('columns.domain'), format: 'text', width: 40 },
      { key: 'respondents', header: tr('columns.respondents'), format: 'integer', width: 14 },
      { key: 'days', header: tr('columns.days'), format: 'decimal', width: 30 },
    ],
    rows: domainRows(),
  };
}

function readmeTable(summary: RoundSummary, lang: Lang, tr: Tr): Table {
  const r = summary.responseRate;
  const k = summary.round.anonymityThreshold;
  const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
  const rows: Cell[][] = [
    [tr('readme.round'), summary.round.title],
    [tr('readme.closedAt'), date(summary.round.closedAt)],
    [tr('readme.computedAt'), date(summary.computedAt)],
    [tr('readme.depth'), tr(summary.round.depth === 'quick' ? 'readme.depthQuick' : 'readme.depthDetailed')],
    [tr('readme.threshold'), tr('readme.thresholdValue', { k })],
    [tr('readme.invited'), r.invited],
    [tr('readme.completed'), r.completed],
    [tr('readme.startedNotCompleted'), r.startedNotCompleted],
    [tr('readme.responseRate'), r.rate === null ? '—' : r.rate],
    [tr('readme.scale'), summary.labels.scalePoints.map((p) => tr('readme.scalePoint', { value: p.value, label: localize(p.label, lang), band: bandLabel(summary, p.band, lang) })).join('; ')],
    [
      tr('readme.gaps'),
      summary.gaps.length
        ? summary.gaps
            .map((g) =>
              t(lang, 'summary:groups.gapDetail', {
                dimension: dimensionTitle(summary, g.dimensionId, lang),
                higher: localize(g.higher.label, lang),
                lower: localize(g.lower.label, lang),
                higherMean: formatDecimal(g.higher.mean, lang),
                lowerMean: formatDecimal(g.lower.mean, lang),
                difference: formatDecimal(g.difference, lang),
              }),
            )
            .join(' ')
        : tr('readme.noGaps'),
    ],
    [
      tr('readme.trend'),
      summary.trend.comparable ? t(lang, 'summary:trend.since', { title: summary.trend.previous.title }) : t(lang, `summary:trend.reasons.${summary.trend.reason}`),
    ],
    ...(summary.round.depth === 'quick' ? [[tr('sheets.statements'), tr('readme.statementsQuick')] as Cell[]] : []),
    ...(summary.reflection ? [] : [[tr('sheets.allocation'), tr('readme.noReflection')] as Cell[]]),
    [null, t(lang, 'summary:withheld.explanation', { k })],
    [null, t(lang, 'summary:groups.note', { k })],
    [null, tr('readme.figuresOnly', { k })],
    // The open answers are one colleague's words each: say which ones the sheet holds (visibleQuotes).
    [null, tr(summary.round.moderation ? 'readme.openAnswersApproved' : 'readme.openAnswersNotHidden', { sheet: tr('sheets.openAnswers'), k })],
    [null, tr('readme.sharesNote')],
    [null, resolveMessage(summary.closing.thanks, lang)],
  ];
  const rateRow = rows.findIndex((row) => row[0] === tr('readme.responseRate'));
  return {
    id: 'readme',
    name: tr('sheets.readme'),
    rowFormats: { [rateRow]: 'share' },
    columns: [
      { key: 'label', header: tr('readme.title'), format: 'text', width: 36 },
      { key: 'value', header: '', format: 'text', width: 110 },
    ],
    rows,
  };
}

const BUILDERS: Record<SheetId, (summary: RoundSummary, lang: Lang, tr: Tr) => Table> = {
  readme: readmeTable,
  dimensions: dimensionsTable,
  statements: statementsTable,
  ranked: rankedTable,
  groups: groupsTable,
  trend: trendTable,
  allocation: allocationTable,
  openAnswers: openAnswersTable,
};

export function exportTable(summary: RoundSummary, lang: Lang, sheet: SheetId): Table {
  const tr: Tr = (key, params) => t(lang, `summary:export.${key}`, params);
  return BUILDERS[sheet](summary, lang, tr);
}

export function exportTables(summary: RoundSummary, lang: Lang): Table[] {
  return SHEET_IDS.map((id) => exportTable(summary, lang, id));
}

/**
 * One sentence saying what an export file holds, for the message it is sent with: figures of
 * groups, and — in the workbook or the open-answers sheet — the open answers the summary shares,
 * each one colleague's words without a name.
 */
export function exportNote(summary: RoundSummary, lang: Lang, format: 'xlsx' | 'csv', sheet: SheetId | 'actions'): string {
  const tr: Tr = (key, params) => t(lang, `summary:export.${key}`, params);
  const title = summary.round.title;
  if (format === 'xlsx') return tr('note.workbook', { title, sheet: tr('sheets.openAnswers') });
  if (sheet === 'openAnswers') return tr('note.openAnswers', { title });
  if (sheet === 'actions') return tr('note.actions', { title });
  return tr('note.figures', { title, sheet: tr(`sheets.${sheet}`), openAnswers: tr('sheets.openAnswers') });
}
