import type { AckError } from '@onewindow/protocol';
import { shanghaiDateTime } from '@onewindow/ui';
import type { MessageKey } from './messages.js';
import type { NoticeKind, Screen } from './screen.js';

/** What the kiosk says: the prompt of each screen, and the notice a refusal from the server becomes. */

/** Prompt spoken in elder mode when a screen opens. */
export function promptFor(screen: Screen): MessageKey | null {
  switch (screen.name) {
    case 'home':
      return 'sayHome';
    case 'categories':
      return 'sayCategories';
    case 'matters':
    case 'search':
      return 'sayMatters';
    case 'card':
      return 'sayCard';
    case 'noWindow':
      return 'sayNoWindow';
    case 'green':
      return 'sayGreen';
    case 'checkIn':
      return 'sayCheckIn';
    default:
      return null;
  }
}

export function noticeFor(error: AckError): {
  kind: NoticeKind;
  vars: Record<string, string | number>;
  offer: string | null;
} {
  const d = (error.details ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const time = (v: unknown) => (typeof v === 'number' ? shanghaiDateTime(v).slice(11) : '');
  const slot = `${time(d.slotStart)}–${time(d.slotEnd)}`;
  const offer = typeof d.matterId === 'string' ? d.matterId : null;
  switch (error.code) {
    case 'QUOTA_REACHED':
      return { kind: 'quota', vars: { quota: typeof d.quota === 'number' ? d.quota : '' }, offer: null };
    case 'HALL_CLOSED': {
      const intervals = Array.isArray(d.intervals)
        ? d.intervals.filter((i): i is string => typeof i === 'string')
        : [];
      return { kind: 'closed', vars: { hours: intervals.join('、'), opensAt: str(d.opensAt) }, offer: null };
    }
    case 'APPOINTMENT_TOO_EARLY':
      return { kind: 'tooEarly', vars: { slot, opens: time(d.opensAt) }, offer };
    case 'APPOINTMENT_TOO_LATE':
      return { kind: 'tooLate', vars: { slot, closed: time(d.closedAt) }, offer };
    case 'APPOINTMENT_USED':
      return { kind: 'used', vars: {}, offer: null };
    case 'APPOINTMENT_CANCELLED':
      return { kind: 'cancelled', vars: {}, offer: null };
    case 'NOT_FOUND':
      // Only a missing appointment is the resident's to fix; anything else is the kiosk's fault.
      return 'appointment' in d
        ? { kind: 'noAppointment', vars: {}, offer: null }
        : { kind: 'error', vars: {}, offer: null };
    case 'INVALID_ID_NUMBER':
      return { kind: 'invalidId', vars: {}, offer: null };
    default:
      return { kind: 'error', vars: {}, offer: null };
  }
}
