import { type Notice, printedWait, type WaitRange } from '@onewindow/domain';
import type { PrintDocument } from '@onewindow/printer';
import { shanghaiClock } from './pages/index.js';

/** What a reprinted ticket shows: the same as at the kiosk, with today's people ahead. */
export interface TicketForPrint {
  id: string;
  number: string;
  matterName: string;
  issuedAt: number;
  priorityClass: 'appointment' | 'green' | 'normal';
  residentName: string | null;
  peopleAhead: number | null;
  estimatedWaitMin: number | null;
  /** The hall's calibrated range for it now, if it has one. */
  range?: WaitRange | null;
}

export const PRIORITY_MARK = { appointment: '预约', green: '绿色通道', normal: undefined } as const;

/** 补打号票: the ticket as the kiosk prints it, marked as a reprint. */
export function reprintedTicket(hallName: string, t: TicketForPrint, trackUrl: string): PrintDocument {
  const mark = PRIORITY_MARK[t.priorityClass];
  return {
    kind: 'ticket',
    ticket: {
      hallName,
      number: t.number,
      matterName: t.matterName,
      peopleAhead: t.peopleAhead ?? 0,
      waitText: printedWait(t.estimatedWaitMin, t.range),
      issuedAt: shanghaiClock(t.issuedAt),
      ...(t.residentName === null ? {} : { residentName: t.residentName }),
      ...(mark === undefined ? {} : { mark }),
      trackUrl,
      footer: '补打号票 · 请留意叫号屏和语音提示',
    },
  };
}

/** The formal 一次性告知单 on the window's printer: who, when, what is missing, whom to ask. */
export function noticeDocument(hallName: string, hallPhone: string | undefined, n: Notice): PrintDocument {
  return {
    kind: 'notice',
    notice: {
      hallName,
      matterName: n.matterName,
      ticketNumber: n.ticketNumber,
      windowName: n.windowName,
      missing: n.missing,
      issuedAt: shanghaiClock(n.at),
      ...(n.note === null ? {} : { note: n.note }),
      ...(n.staffName === null ? {} : { staffName: n.staffName }),
      ...(n.staffNo === null ? {} : { staffNo: n.staffNo }),
      ...(hallPhone === undefined ? {} : { hallPhone }),
    },
  };
}
