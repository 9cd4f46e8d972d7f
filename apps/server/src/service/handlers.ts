import type { CommandName, CommandResult, ParsedCommand } from '@onewindow/protocol';
import type { Ctx } from './ops.js';

/** Commands that change the hall's state: each runs inside one store transaction. */
export type StateCommand = Exclude<CommandName, 'hall:snapshot' | 'window:print' | 'window:month'>;
export type Handler<K extends StateCommand> = (
  ctx: Ctx,
  payload: ParsedCommand<K>,
) => Promise<CommandResult<K>>;
export type Handlers = { [K in StateCommand]: Handler<K> };
