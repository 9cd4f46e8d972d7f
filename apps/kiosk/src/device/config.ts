import { readFileSync } from 'node:fs';
import { formatIssues } from '@onewindow/domain';
import { KioskSettings, type KioskSettingsResult } from '@onewindow/protocol';
import { z } from 'zod';

/** The kiosk's device file: where its hall server is, who it is, and where its printer and reader are. */
export const KioskConfig = z.strictObject({
  ...KioskSettings.omit({ hasPrinter: true, hasIdCardReader: true }).shape,
  printer: z
    .strictObject({
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(9600),
      paperWidth: z.union([z.literal(58), z.literal(80)]).default(80),
    })
    .optional(),
  idCardReader: z
    .strictObject({
      path: z.string().min(1),
      baudRate: z.number().int().positive().default(115200),
      pollMs: z.number().int().min(50).max(5_000).default(300),
    })
    .optional(),
});
export type KioskConfig = z.infer<typeof KioskConfig>;

export type KioskConfigResult =
  | { ok: true; config: KioskConfig }
  | { ok: false; file: string; problems: string[] };

/** Reads and validates the device file; every problem is reported by its path, nothing throws. */
export function loadKioskConfig(file: string): KioskConfigResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      file,
      problems: [code === 'ENOENT' ? 'the file does not exist' : `cannot read the file (${code ?? 'error'})`],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, file, problems: [`not valid JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const parsed = KioskConfig.safeParse(data);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, file, problems: formatIssues(parsed.error) };
}

/** What the renderer is told: the settings without the serial ports. */
export function settingsResult(result: KioskConfigResult): KioskSettingsResult {
  if (!result.ok) return result;
  const { printer, idCardReader, ...rest } = result.config;
  return {
    ok: true,
    settings: { ...rest, hasPrinter: printer !== undefined, hasIdCardReader: idCardReader !== undefined },
  };
}
