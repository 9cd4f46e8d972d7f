import type { ErrorCode, IssuedTicket, PrinterProblem } from '@onewindow/protocol';

/** What the kiosk shows: one screen at a time, each with what it needs. */
export type CardPurpose = 'ticket' | 'checkIn';
export type NoticeKind =
  | 'quota'
  | 'closed'
  | 'tooEarly'
  | 'tooLate'
  | 'noAppointment'
  | 'used'
  | 'cancelled'
  | 'invalidId'
  | 'error';

export type PrintState =
  | { state: 'printing' }
  | { state: 'printed' }
  | { state: 'failed'; problem: PrinterProblem; message: string };

export type Screen =
  | { name: 'home' }
  | { name: 'categories' }
  | { name: 'matters'; categoryId: string }
  | { name: 'search'; query: string }
  | { name: 'guides'; categoryId: string | null }
  | { name: 'guide'; matterId: string }
  | { name: 'card'; purpose: CardPurpose }
  | { name: 'green' }
  | { name: 'checkIn'; code: string }
  | { name: 'issuing' }
  /** No open window serves the matter now: the resident decides whether to take a number anyway. */
  | { name: 'noWindow'; matterId: string }
  | { name: 'ticket'; issued: IssuedTicket; print: PrintState }
  | {
      name: 'notice';
      kind: NoticeKind;
      vars: Record<string, string | number>;
      offerMatterId: string | null;
      /** The refusal behind a general error, said in the resident's language. */
      code: ErrorCode | null;
    };
