import {
  AssignRequest,
  CaseCloseRequest,
  CaseListQuery,
  CaseNotifyRequest,
  CaseStepRequest,
  RectifyRequest,
  ReturnVisitRequest,
} from '@onewindow/protocol';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Accounts } from '../admin/accounts.js';
import type { CaseDesk } from '../casework/desk.js';
import type { HallRegistry } from '../registry.js';
import { hallParam, personOf } from './auth.js';
import { idParam } from './params.js';
import { bodyOf, ok } from './reply.js';

export interface CaseServices {
  halls: HallRegistry;
  accounts: Accounts;
  desk: CaseDesk;
}

const listQuery = (req: FastifyRequest) =>
  bodyOf(CaseListQuery, { body: req.query } as FastifyRequest).status;

/**
 * 差评整改 and 办不成事 follow-up in the console. Readers (auditors: 监督) see every case with its history;
 * the hall's managers assign; the assigned person records the follow-up and alone sees the contact.
 */
export const caseApi: FastifyPluginAsync<CaseServices> = async (http, s) => {
  const rect = '/halls/:hallId/rectifications';
  const unres = '/halls/:hallId/unresolved';

  http.get('/halls/:hallId/assignees', { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    return ok(await s.desk.assignees(hallId));
  });
  // What the console and the live board raise: overdue rectifications and cases nobody has taken.
  http.get('/halls/:hallId/alerts', { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    const overdue = await s.desk.rectifications(hallId, 'overdue');
    const waiting = (await s.desk.unresolved(hallId, 'active')).filter((c) => c.status === 'open');
    return ok({ overdueRectifications: overdue, unassignedUnresolved: waiting.length });
  });

  http.get(rect, { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    return ok(await s.desk.rectifications(hallId, listQuery(req)));
  });
  http.post(`${rect}/:id/assign`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.assignRectification(hallId, idParam(req), bodyOf(AssignRequest, req).assignee, p));
  });
  http.post(`${rect}/:id/rectify`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.rectify(hallId, idParam(req), bodyOf(RectifyRequest, req), p));
  });
  http.post(`${rect}/:id/visit`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.returnVisit(hallId, idParam(req), bodyOf(ReturnVisitRequest, req), p));
  });

  http.get(unres, { config: { access: 'hallRead' } }, async (req) => {
    const hallId = hallParam(req);
    return ok(await s.desk.unresolved(hallId, listQuery(req)));
  });
  http.post(`${unres}/:id/assign`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.assignUnresolved(hallId, idParam(req), bodyOf(AssignRequest, req).assignee, p));
  });
  http.post(`${unres}/:id/step`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.addStep(hallId, idParam(req), bodyOf(CaseStepRequest, req).note, p));
  });
  http.post(`${unres}/:id/notify`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.notify(hallId, idParam(req), bodyOf(CaseNotifyRequest, req).text, p));
  });
  http.post(`${unres}/:id/close`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok(await s.desk.close(hallId, idParam(req), bodyOf(CaseCloseRequest, req).outcome, p));
  });
  // The whole contact, for the assigned person only; each look is audited.
  http.get(`${unres}/:id/contact`, { config: { access: 'hallWrite' } }, async (req) => {
    const p = personOf(req);
    const hallId = hallParam(req);
    return ok({ contact: await s.desk.contact(hallId, idParam(req), p) });
  });
};
