import {
  addWorkingDays,
  type CaseAssignee,
  type Rectification,
  type RectificationStatus,
  type UnresolvedCase,
  type WorkdayCalendar,
} from './casework.js';
import { DomainError } from './errors.js';
import type { ServiceDay } from './model.js';

/**
 * The closed loops of casework, as pure steps: 好差评 评价 → 反馈 → 整改 → 回访 → 监督, and 办不成事
 * follow-up. Each step returns the new record or throws ILLEGAL_TRANSITION and changes nothing.
 */

export interface Actor {
  id: string;
  name: string;
}

const refuse = (what: string, status: string, id: string): never => {
  throw new DomainError('ILLEGAL_TRANSITION', `cannot ${what} a case that is ${status}`, {
    caseId: id,
    status,
  });
};

function needs(r: Rectification, what: string, allowed: readonly RectificationStatus[]): void {
  if (!allowed.includes(r.status)) refuse(what, r.status, r.id);
}

/** The manager names the responsible person (again, to hand it on). */
export function assignRectification(
  r: Rectification,
  to: CaseAssignee,
  by: Actor,
  at: number,
): Rectification {
  needs(r, 'assign', ['open', 'assigned']);
  return {
    ...r,
    status: 'assigned',
    assignee: to,
    history: [...r.history, { at, action: 'assigned', by: by.id, note: to.name }],
  };
}

/** The responsible person records the cause and what was done about it. */
export function recordRectification(
  r: Rectification,
  input: { cause: string; measures: string },
  by: Actor,
  at: number,
): Rectification {
  needs(r, 'rectify', ['assigned']);
  return {
    ...r,
    status: 'rectified',
    cause: input.cause,
    measures: input.measures,
    history: [...r.history, { at, action: 'rectified', by: by.id, note: input.measures }],
  };
}

/**
 * 回访: the resident's answer. Satisfied closes the case; still unsatisfied reopens it to the same
 * person with a fresh deadline counted from today.
 */
export function recordReturnVisit(
  r: Rectification,
  input: { satisfied: boolean; answer: string },
  by: Actor,
  at: number,
  today: ServiceDay,
  calendar: WorkdayCalendar,
): Rectification {
  needs(r, 'record a return visit of', ['rectified']);
  const visit = { at, satisfied: input.satisfied, answer: input.answer, by: by.id };
  const visited = {
    ...r,
    returnVisits: [...r.returnVisits, visit],
    history: [...r.history, { at, action: 'visited' as const, by: by.id, note: input.answer }],
  };
  if (input.satisfied) {
    return {
      ...visited,
      status: 'closed',
      closedAt: at,
      history: [...visited.history, { at, action: 'closed', by: by.id, note: null }],
    };
  }
  return {
    ...visited,
    status: 'assigned',
    reopened: r.reopened + 1,
    deadlineDay: addWorkingDays(today, r.workingDays, calendar),
    history: [...visited.history, { at, action: 'reopened', by: by.id, note: null }],
  };
}

/** Past its deadline day and not closed: the console and the live board raise it. */
export function isOverdue(r: Pick<Rectification, 'status' | 'deadlineDay'>, today: ServiceDay): boolean {
  return r.status !== 'closed' && today > r.deadlineDay;
}

/** 办不成事: the person who follows it up (and alone sees the contact whole). */
export function assignUnresolved(c: UnresolvedCase, to: CaseAssignee, by: Actor, at: number): UnresolvedCase {
  if (c.status !== 'open' && c.status !== 'assigned') refuse('assign', c.status, c.id);
  return {
    ...c,
    status: 'assigned',
    assignee: to,
    steps: [...c.steps, { at, by: by.id, byName: by.name, note: `→ ${to.name}` }],
  };
}

/** A coordination step: who was called, which department agreed to what. */
export function addUnresolvedStep(c: UnresolvedCase, note: string, by: Actor, at: number): UnresolvedCase {
  if (c.status !== 'assigned') refuse('record a step of', c.status, c.id);
  return { ...c, steps: [...c.steps, { at, by: by.id, byName: by.name, note }] };
}

export function closeUnresolved(c: UnresolvedCase, outcome: string, by: Actor, at: number): UnresolvedCase {
  if (c.status !== 'assigned') refuse('close', c.status, c.id);
  return {
    ...c,
    status: 'closed',
    outcome,
    closedAt: at,
    steps: [...c.steps, { at, by: by.id, byName: by.name, note: outcome }],
  };
}
