import type { PrintDocument } from '@onewindow/printer';
import { type DeviceIdentity, type ParsedCommand, ticketStatusUrl } from '@onewindow/protocol';
import { CommandError, notFound } from '../errors.js';
import type { HallRuntime } from '../hall-runtime.js';
import { noticeDocument, reprintedTicket } from '../window-print.js';
import type { HallOps } from './ops.js';
import type { TicketStatusView } from './reads.js';

/** 补打号票 or a one-time notice on the window's own printer; not a change of state, so no event. */
export async function printAtWindow(
  ops: HallOps,
  hallOf: (hallId: string) => HallRuntime,
  statusOf: (ticketId: string) => Promise<TicketStatusView>,
  device: DeviceIdentity,
  p: ParsedCommand<'window:print'>,
): Promise<{ warnings: string[] }> {
  const hall = hallOf(device.hallId);
  if (!hall.windowDefs.has(p.windowId)) throw notFound('window', p.windowId);
  if (!ops.deps.printers.has(p.windowId)) {
    throw new CommandError('NO_PRINTER', `window ${p.windowId} has no printer`, { windowId: p.windowId });
  }
  let doc: PrintDocument;
  if (p.document.kind === 'ticket') {
    const status = await statusOf(p.document.ticketId);
    const stored = await ops.deps.store.read((tx) => tx.getTicket(status.id));
    if (stored === undefined || stored.hallId !== hall.id) throw notFound('ticket', p.document.ticketId);
    doc = reprintedTicket(
      hall.hall.name,
      {
        ...status,
        priorityClass: stored.priorityClass,
        residentName: stored.resident?.nameMasked ?? null,
        peopleAhead: status.position?.peopleAhead ?? null,
        estimatedWaitMin: status.position?.estimatedWaitMin ?? null,
        range: status.position?.range ?? null,
      },
      ticketStatusUrl(ops.deps.publicUrl(), status.id),
    );
  } else {
    const noticeId = p.document.noticeId;
    const notice = await ops.deps.store.read((tx) => tx.getCase('notice', noticeId));
    if (notice === undefined || notice.hallId !== hall.id) throw notFound('notice', noticeId);
    if (device.windowId !== null && notice.windowId !== device.windowId) {
      throw new CommandError('FORBIDDEN', 'a window prints only the notices it issued', {
        noticeId: notice.id,
      });
    }
    doc = noticeDocument(hall.hall.name, hall.hall.phone, notice);
  }
  const outcome = await ops.deps.printers.print(p.windowId, doc);
  if (!outcome.ok) {
    throw new CommandError(
      'PRINT_FAILED',
      `the printer of window ${p.windowId} did not print: ${outcome.error.message}`,
      {
        problem: outcome.error.code,
      },
    );
  }
  return { warnings: outcome.warnings };
}
