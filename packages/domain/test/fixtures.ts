import {
  emptyGuide,
  initialWindow,
  type Matter,
  newTicket,
  type PriorityClass,
  type SkillSet,
  type Ticket,
  type Window,
} from '../src/index.js';

export const T0 = Date.parse('2026-11-23T09:00:00+08:00');

export function matter(id: string, categoryId: string, extra: Partial<Matter> = {}): Matter {
  return {
    id,
    code: id.toUpperCase(),
    name: id,
    categoryId,
    department: 'dept',
    kind: 'instant',
    promisedDays: null,
    targetWaitMin: 20,
    avgHandleMin: 10,
    ticketPrefix: 'A',
    dailyQuota: null,
    guide: emptyGuide(),
    ...extra,
  };
}

export function mattersMap(...ms: Matter[]): Map<string, Matter> {
  return new Map(ms.map((m) => [m.id, m]));
}

export function window(
  id: string,
  primary: SkillSet,
  secondary: SkillSet = {},
  state: Window['state'] = 'open',
): Window {
  return {
    ...initialWindow({ id, number: id, name: id, type: 'universal', primary, secondary }, 'h1', T0),
    state,
  };
}

let counter = 0;
export function ticket(
  matterId: string,
  issuedAt: number,
  priorityClass: PriorityClass = 'normal',
  extra: Partial<Ticket> = {},
): Ticket {
  counter++;
  return {
    ...newTicket({
      id: `t${String(counter).padStart(6, '0')}`,
      hallId: 'h1',
      serviceDay: '2026-11-23',
      prefix: 'A',
      seq: counter,
      number: `A${counter}`,
      matterId,
      priorityClass,
      greenReason: null,
      issuedAt,
      appointmentId: null,
      resident: null,
    }),
    ...extra,
  };
}
