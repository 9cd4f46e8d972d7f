import {
  commandNames,
  commands,
  HallEventBatch,
  HallSnapshot,
  HallStatsMessage,
  PhoneTicketUpdate,
} from '@onewindow/protocol';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { esc } from '../pages/index.js';
import type { ApiContract } from './api-contract.js';

const schemaOf = (s: z.ZodType): unknown => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

/**
 * The Socket.IO side of the contract, generated from the same schemas the server checks: each command
 * (sent with an ack that carries the result), who may send it, and what the server sends.
 */
export function socketEvents(): Record<string, unknown> {
  return {
    transport:
      'Socket.IO 4, WebSocket only; auth: { token } of a paired device, or the console session cookie',
    commands: Object.fromEntries(
      commandNames.map((name) => {
        const c = commands[name];
        return [
          name,
          {
            roles: c.roles,
            windowBound: c.windowBound,
            payload: schemaOf(c.payload),
            result: schemaOf(c.result),
          },
        ];
      }),
    ),
    serverEvents: {
      'hall:snapshot': schemaOf(HallSnapshot),
      'hall:events': schemaOf(HallEventBatch),
      'hall:stats': schemaOf(HallStatsMessage),
      'ticket:status': schemaOf(PhoneTicketUpdate),
    },
  };
}

type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};

/** The reference page: every operation with its scope, parameters and schemas; then the Socket.IO side. */
function docsPage(doc: Record<string, unknown>, sockets: Record<string, unknown>): string {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const info = doc.info as { title: string; version: string; description: string };
  const pre = (x: unknown) => `<pre>${esc(JSON.stringify(x, null, 2))}</pre>`;
  let ops = '';
  for (const [path, methods] of Object.entries(paths))
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})</li>`)
        .join('');
      ops += `<section id="${esc(op.operationId)}"><h3><code>${method.toUpperCase()} ${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description === undefined ? '' : `<p>${esc(op.description)}</p>`}
<p>Scope: <code>${esc(op.tags.join(', '))}</code></p>${params === '' ? '' : `<ul>${params}</ul>`}
${op.requestBody === undefined ? '' : `<details><summary>Request body</summary>${pre(op.requestBody.content['application/json']?.schema)}</details>`}
</section>`;
    }
  const cmds = sockets.commands as Record<string, { roles: string[]; payload: unknown }>;
  const rows = Object.entries(cmds)
    .map(
      ([name, c]) =>
        `<tr><td><code>${esc(name)}</code></td><td>${esc(c.roles.join(', '))}</td><td><details><summary>payload</summary>${pre(c.payload)}</details></td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} ${esc(info.version)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:960px;margin:0 auto;padding:1rem;color:#1a1a1a}code,pre{font-family:ui-monospace,monospace}pre{background:#f3f3f3;padding:.5rem;overflow:auto}section{border-top:1px solid #ccc;margin-top:1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}a{color:#0645ad}</style></head>
<body><main><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1); the Socket.IO side: <a href="/api/socket-events.json">/api/socket-events.json</a>.</p>
<h2>HTTP operations</h2>${ops}
<h2>Socket.IO commands</h2><p>${esc(String(sockets.transport))}. Each command is an event whose acknowledgement carries <code>{ ok, data }</code> or <code>{ ok: false, error }</code>.</p>
<table><thead><tr><th scope="col">Command</th><th scope="col">Who may send it</th><th scope="col">Schema</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Socket.IO events from the server</h2><ul>${Object.keys(sockets.serverEvents as object)
    .map((e) => `<li><code>${esc(e)}</code></li>`)
    .join('')}</ul></main></body></html>`;
}

/**
 * The published contract, registered with the prefix `/api`: `/api/openapi.json` (generated from the
 * routes' own schemas), `/api/socket-events.json`, and a readable reference page at `/api/docs`
 * served from this server (no CDN).
 */
export const apiDocs: FastifyPluginAsync<{ contract: ApiContract }> = async (http, { contract }) => {
  const sockets = socketEvents();
  http.get('/openapi.json', async () => contract.document());
  http.get('/socket-events.json', async () => sockets);
  http.get('/docs', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(docsPage(contract.document(), sockets)),
  );
};
