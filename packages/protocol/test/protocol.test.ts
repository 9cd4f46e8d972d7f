import { domainErrorCodes } from '@onewindow/domain';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ackSchema,
  type ClientToServerEvents,
  commandNames,
  commands,
  ErrorCode,
  fail,
  HallEvent,
  hallEventTypes,
  IssuedTicket,
  IssueTicketCommand,
  ok,
} from '../src/index.js';

describe('protocol contract', () => {
  it('includes every domain error code in the stable list', () => {
    for (const code of domainErrorCodes) expect(ErrorCode.options).toContain(code);
    expect(new Set(ErrorCode.options).size).toBe(ErrorCode.options.length);
  });

  it('gives every command a payload schema, a result schema and at least one role', () => {
    expect(commandNames).toHaveLength(25);
    for (const name of commandNames) {
      expect(commands[name].roles.length).toBeGreaterThan(0);
      if (name !== 'hall:snapshot') expect(commands[name].payload.safeParse({}).success).toBe(false); // requestId is required
    }
    expect(commands['ticket:issue'].roles).not.toContain('display');
    expect(commands['ticket:callNext'].roles).toEqual(['window', 'admin']);
  });

  it('requires a matter or an appointment code to issue a ticket', () => {
    expect(IssueTicketCommand.safeParse({ requestId: 'abcdefgh' }).success).toBe(false);
    expect(IssueTicketCommand.safeParse({ requestId: 'abcdefgh', matterId: 'm1' }).success).toBe(true);
    expect(IssueTicketCommand.safeParse({ requestId: 'abcdefgh', appointmentCode: '12345678' }).success).toBe(
      true,
    );
    expect(IssueTicketCommand.safeParse({ requestId: 'abc defgh', matterId: 'm1' }).success).toBe(false);
  });

  it('describes acks as a discriminated union', () => {
    const schema = ackSchema(IssuedTicket);
    expect(schema.safeParse(fail('QUEUE_EMPTY', 'nothing waiting')).success).toBe(true);
    expect(schema.safeParse(ok({ nope: true })).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'MADE_UP', message: 'x' } }).success).toBe(false);
  });

  it('names every event type once and rejects events without a sequence number', () => {
    expect(hallEventTypes).toEqual([
      'ticket:issued',
      'ticket:updated',
      'ticket:called',
      'window:updated',
      'queue:stats',
      'hall:configured',
      'hall:broadcast',
    ]);
    expect(
      HallEvent.safeParse({
        type: 'queue:stats',
        hallId: 'h1',
        at: 0,
        stats: { at: 0, totalWaiting: 0, windowsOpen: 0, longestWaitMin: 0, matters: [] },
      }).success,
    ).toBe(false);
  });

  it('types the Socket.IO event maps from the schemas', () => {
    type Issue = Parameters<ClientToServerEvents['ticket:issue']>[0];
    expectTypeOf<Issue>().toHaveProperty('requestId');
    type IssueAck = Parameters<Parameters<ClientToServerEvents['ticket:issue']>[1]>[0];
    expectTypeOf<Extract<IssueAck, { ok: true }>['data']['ticket']['number']>().toEqualTypeOf<string>();
  });
});

describe('protocol README', () => {
  it('documents every command, event and error code', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of [...commandNames, ...hallEventTypes, ...ErrorCode.options])
      expect(readme).toContain(`\`${name}\``);
  });
});
