import type { IntegrationScope } from '@onewindow/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CommandError } from '../errors.js';
import type { StoredIntegrationKey } from '../store/integration-types.js';

/** The API's version: its routes live under /api/v<major>, and the document says which release. */
export const API_VERSION = '1.0.0';
export const API_BASE = '/api/v1';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One route of the published API: its schemas are what the route validates with and what the document says. */
export interface ApiRouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: Method;
  /** Below API_BASE, Fastify style (`/tickets/:ticketId`). */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  scope: IntegrationScope;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
}

export interface ApiInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  key: StoredIntegrationKey;
  req: FastifyRequest;
}

type AnySpec = ApiRouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

const ERROR_SCHEMA = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
    },
  },
} as const;

const parse = <T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> => {
  if (schema === undefined) return undefined as z.output<T>;
  const r = schema.safeParse(value ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${[where, ...i.path].join('.')}: ${i.message}`);
    throw new CommandError('VALIDATION_FAILED', `invalid request: ${issues.join('; ')}`, { issues });
  }
  return r.data;
};

/**
 * The published API's routes, recorded as they are registered: each route validates with its zod
 * schemas and the OpenAPI 3.1 document is generated from the same schemas, so the two cannot drift.
 */
export class ApiContract {
  private readonly routes: AnySpec[] = [];
  /** Every route Fastify registered under the API's prefix, however it was added. */
  private readonly registered: string[] = [];

  /** Notes every route added to `api`: one added around the contract shows up missing from the document. */
  watch(api: FastifyInstance): void {
    api.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') this.registered.push(`${m} ${r.url}`);
    });
  }

  /** The routes Fastify registered under the API (`METHOD /api/v1/path`). */
  registeredRoutes(): string[] {
    return [...this.registered];
  }

  /** Registers the route on `api` (mounted at API_BASE) and records it for the document. */
  route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
    api: FastifyInstance,
    spec: ApiRouteSpec<P, Q, B, R>,
    handler: (input: ApiInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>>,
  ): void {
    this.routes.push(spec);
    api.route({
      method: spec.method,
      url: spec.url,
      config: { access: 'integration', scope: spec.scope },
      handler: async (req) => {
        const key = req.integration;
        if (key === null) throw new CommandError('UNAUTHENTICATED', 'an integration key is required');
        const data = await handler({
          params: parse(spec.params, req.params, 'params'),
          query: parse(spec.query, req.query, 'query'),
          body: parse(spec.body, req.body, 'body'),
          key,
          req,
        });
        return { ok: true, data: spec.response.parse(data) };
      },
    });
  }

  /** Every route of the document as `METHOD /api/v1/path`. */
  routeIds(): string[] {
    return this.routes.map((r) => `${r.method} ${API_BASE}${r.url}`);
  }

  /** The OpenAPI 3.1 document of the recorded routes. */
  document(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const path = `${API_BASE}${r.url}`.replace(/:([A-Za-z]+)/g, '{$1}');
      const parameters = [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')];
      const method = r.method.toLowerCase();
      paths[path] = {
        ...(paths[path] ?? {}),
        [method]: {
          operationId: r.operationId,
          summary: r.summary,
          ...(r.description === undefined ? {} : { description: r.description }),
          tags: [r.scope],
          security: [{ integrationKey: [r.scope] }],
          ...(parameters.length === 0 ? {} : { parameters }),
          ...(r.body === undefined
            ? {}
            : {
                requestBody: {
                  required: true,
                  content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
                },
              }),
          responses: {
            '200': {
              description: 'done',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['ok', 'data'],
                    properties: { ok: { const: true }, data: jsonSchema(r.response, 'output') },
                  },
                },
              },
            },
            default: {
              description:
                'refused: the code says why (VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, RATE_LIMITED…); nothing changed',
              content: { 'application/json': { schema: ERROR_SCHEMA } },
            },
          },
        },
      };
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'OneWindow hall API',
        version: API_VERSION,
        description:
          'For business systems (窗口业务系统) and other systems of the hall: the queue, a ticket’s state, attaching a 办件 to the visit being served, its result, and asking the resident for a 好差评 rating. Every call needs an integration key (created by a center administrator in the console) with the scope the operation names; calls are rate limited per key and audited.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          integrationKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'Authorization: Bearer owk_<id>_<secret>, shown once when the key is created',
          },
        },
      },
      paths,
    };
  }
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: p,
  }));
}
