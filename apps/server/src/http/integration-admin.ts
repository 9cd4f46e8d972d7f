import { CreateIntegrationKey, DeliveryQuery, TargetInput } from '@onewindow/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../admin/accounts.js';
import { notFound } from '../errors.js';
import type { Deliveries } from '../integrations/deliveries.js';
import type { IntegrationKeys } from '../integrations/keys.js';
import type { Targets } from '../integrations/targets.js';
import { personOf } from './auth.js';
import { idParam } from './params.js';
import { bodyOf, ok } from './reply.js';

export interface IntegrationAdminDeps {
  integrationKeys: IntegrationKeys;
  targets: Targets;
  deliveries: Deliveries;
}

const Enabled = z.strictObject({ enabled: z.boolean() });

/**
 * The console's part for outside systems (center administrators only), inside the console API:
 * integration keys (created with scopes and shown once, revoked), event targets (the 好差评 platform,
 * webhooks; the personal fields each receives are listed), the delivery log, dead letters and resend.
 */
export const integrationAdminApi: FastifyPluginAsync<IntegrationAdminDeps> = async (http, d) => {
  const admin = { config: { access: 'centerAdmin' as const } };
  http.get('/integrations/keys', admin, async () => ok(await d.integrationKeys.list()));
  http.post('/integrations/keys', admin, async (req, reply) =>
    reply
      .status(201)
      .send(ok(await d.integrationKeys.create(bodyOf(CreateIntegrationKey, req), actorOf(personOf(req))))),
  );
  http.post('/integrations/keys/:id/revoke', admin, async (req) =>
    ok(await d.integrationKeys.revoke(idParam(req), actorOf(personOf(req)))),
  );
  http.get('/integrations/targets', admin, async () => ok(await d.targets.list()));
  http.post('/integrations/targets', admin, async (req, reply) =>
    reply.status(201).send(ok(await d.targets.create(bodyOf(TargetInput, req), actorOf(personOf(req))))),
  );
  http.post('/integrations/targets/:id/enabled', admin, async (req) =>
    ok(await d.targets.setEnabled(idParam(req), bodyOf(Enabled, req).enabled, actorOf(personOf(req)))),
  );
  http.get('/integrations/deliveries', admin, async (req) => {
    const q = bodyOf(DeliveryQuery, { body: req.query } as typeof req);
    return ok(await d.deliveries.list(q));
  });
  http.post('/integrations/deliveries/:id/resend', admin, async (req) => {
    if (!(await d.deliveries.resend(idParam(req)))) throw notFound('dead delivery', idParam(req));
    return ok({ resent: true });
  });
};
