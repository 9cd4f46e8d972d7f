import type { PersonalReportField } from '@onewindow/protocol';

/**
 * A 好差评 report as the national rules ask for it: the evaluation (five levels, one per visit, its
 * channel and time), the matter (编码, department), the case (办件编号), where (hall, window) and who
 * (the clerk's staff number), the resident's words, and later the rectification of a bad review.
 * Never the resident's ID number; a masked name only when the target's mapping names it.
 */
export interface GoodBadReport {
  reportId: string;
  kind: 'evaluation' | 'rectification';
  evaluationId: string;
  level: number;
  levelName: string;
  channel: string;
  channelName: string;
  ratedAt: string;
  reasons: string[];
  comment: string | null;
  matterId: string;
  matterCode: string;
  matterName: string;
  department: string;
  caseNumber: string | null;
  hallId: string;
  hallName: string;
  windowId: string | null;
  windowNumber: string | null;
  staffNo: string | null;
  ticketNumber: string;
  rectification: {
    status: string;
    cause: string | null;
    measures: string | null;
    closedAt: string | null;
  } | null;
  /** Present only when a target's mapping lists it. */
  residentNameMasked?: string | null;
}

/** The five levels, 5 best, as the national 好差评 system names them. */
export const LEVEL_NAMES: Record<number, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** The 评价渠道 of each channel. */
export const CHANNEL_NAMES: Record<string, string> = {
  pad: '现场评价器',
  kiosk: '自助终端',
  mobile: '移动端',
};

/** A platform's format: the request body for one report. A province's format is one more entry. */
export interface ReportAdapter {
  describe: string;
  body(
    report: GoodBadReport,
    fieldNames: Record<string, string>,
    personal: readonly PersonalReportField[],
  ): unknown;
}

const PERSONAL: readonly string[] = ['residentNameMasked'];

/**
 * `generic-json`: the report's fields as one JSON object, each renamed as the mapping says (ours →
 * the platform's); personal fields only when listed.
 */
const genericJson: ReportAdapter = {
  describe: 'the report as one JSON object; fieldNames renames fields; personal fields only when listed',
  body(report, fieldNames, personal) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(report)) {
      if (PERSONAL.includes(k) && !personal.includes(k as PersonalReportField)) continue;
      out[fieldNames[k] ?? k] = v;
    }
    return out;
  },
};

export const ADAPTERS: Record<string, ReportAdapter> = { 'generic-json': genericJson };
