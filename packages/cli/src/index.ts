import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Wrong words on the command line: the message, then the usage, and exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CommandLine<T extends Options> =
  | { kind: 'help'; text: string }
  | { kind: 'error'; text: string }
  | {
      kind: 'ok';
      values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true }>>['values'];
      positionals: string[];
    };

/**
 * Reads a command line the same way in every OneWindow command: `--help`/`-h` gives the usage, an
 * unknown or malformed option gives its message and the usage, never a stack trace.
 */
export function readCommandLine<T extends Options>(
  usage: string,
  options: T,
  args: readonly string[],
  allowPositionals = false,
): CommandLine<T> {
  if (args.includes('--help') || args.includes('-h')) return { kind: 'help', text: usage };
  try {
    const parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    if (!allowPositionals && parsed.positionals.length > 0) {
      throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    }
    return { kind: 'ok', values: parsed.values, positionals: parsed.positionals };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Node's own wording explains positionals at length; the option's name is what helps here.
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    return {
      kind: 'error',
      text: `${unknown === null ? message : `unknown option '${unknown[1]}'`}\n\n${usage}`,
    };
  }
}

/** readCommandLine for a program's own arguments: prints help or the error and exits when needed. */
export function commandLine<T extends Options>(
  usage: string,
  options: T,
  {
    args = process.argv.slice(2),
    allowPositionals = false,
  }: { args?: readonly string[]; allowPositionals?: boolean } = {},
): Extract<CommandLine<T>, { kind: 'ok' }> {
  const r = readCommandLine(usage, options, args, allowPositionals);
  if (r.kind === 'help') {
    process.stdout.write(`${r.text}\n`);
    process.exit(0);
  }
  if (r.kind === 'error') {
    process.stderr.write(`${r.text}\n`);
    process.exit(2);
  }
  return r;
}

/** Ends a program on a usage error the way commandLine does; other errors go to `report`. */
export function exitOnUsageError(usage: string, e: unknown): never {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n\n${usage}\n`);
  process.exit(2);
}
