#!/usr/bin/env node
/** `npm run hw -- <command>`: the technicians' tool for the hall's serial devices. */
import { commandLine, UsageError } from '@onewindow/cli';
import { IdCardError, IdCardReader } from '@onewindow/idcard';
import { SerialLedScreen } from '@onewindow/led';
import { type PaperWidth, TicketPrinter } from '@onewindow/printer';
import { openPtyPair, type PtyPair, SerialLink } from '@onewindow/serial';
import { SAMPLE_CARDS, type SampleCardName, sampleCard } from './cards.js';
import { VirtualIdCardReader } from './idcard.js';
import { VirtualLedScreen } from './led.js';
import { VirtualPrinter } from './printer.js';

const USAGE = `usage: npm run hw -- <command> [options]   (npm run hw -- --help for this list)
  print-sample   --port PATH [--width 58|80]      print a sample ticket
  printer-status --port PATH                      ask the printer's real-time status
  idcard-read    --port PATH [--json] [--reveal]  wait for one ID card and show it
  led-show       --port PATH --text TEXT [--address N]
  sim-printer    --link PATH [--preview DIR] [--width 58|80]  run a virtual printer; open PATH as its port
  sim-idcard     --link PATH [--card ${[...Object.keys(SAMPLE_CARDS), 'corrupt', 'readFailure', 'none'].join('|')}]
  sim-led        --link PATH [--address N]`;

const out = (s: string) => process.stdout.write(`${s}\n`);

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const { values } = commandLine(
    USAGE,
    {
      port: { type: 'string' },
      link: { type: 'string' },
      width: { type: 'string', default: '80' },
      json: { type: 'boolean', default: false },
      reveal: { type: 'boolean', default: false },
      text: { type: 'string' },
      address: { type: 'string', default: '1' },
      card: { type: 'string', default: 'resident' },
      preview: { type: 'string' },
      timeout: { type: 'string', default: '60' },
    },
    { args: rest },
  );
  const need = (v: string | undefined, name: string): string => {
    if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
    return v;
  };
  switch (command) {
    case 'print-sample': {
      const width = Number(values.width);
      if (width !== 58 && width !== 80) throw new UsageError('--width must be 58 or 80');
      const link = await SerialLink.open({ path: need(values.port, 'port'), reconnect: false });
      try {
        const r = await new TicketPrinter(link, width as PaperWidth).printTicket({
          hallName: '青山县政务服务中心',
          number: 'A001',
          matterName: '社会保障卡申领（样票）',
          peopleAhead: 2,
          waitText: '约 5～10 分钟',
          issuedAt: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
          residentName: '刘䶮',
          trackUrl: 'http://localhost:8080/t/sample',
        });
        out(r.warnings.length === 0 ? 'printed' : `printed; warnings: ${r.warnings.join(', ')}`);
      } finally {
        await link.close();
      }
      return 0;
    }
    case 'printer-status': {
      const link = await SerialLink.open({ path: need(values.port, 'port'), reconnect: false });
      try {
        out(JSON.stringify(await new TicketPrinter(link).status()));
      } finally {
        await link.close();
      }
      return 0;
    }
    case 'idcard-read': {
      const link = await SerialLink.open({ path: need(values.port, 'port'), reconnect: false });
      const reader = new IdCardReader(link);
      try {
        await reader.samStatus();
        const deadline = Date.now() + Number(values.timeout) * 1000;
        for (;;) {
          try {
            const card = await reader.readOnce();
            if (card !== null) {
              const shown = {
                cardType: card.cardType,
                name: card.name,
                gender: card.gender,
                nation: card.nation,
                birthDate: card.birthDate,
                address: card.address,
                idNumberMasked: card.idNumberMasked,
                authority: card.authority,
                validFrom: card.validFrom,
                validTo: card.validTo,
                ...(values.reveal ? { idNumber: card.idNumber } : {}),
              };
              if (values.json) out(JSON.stringify(shown));
              else for (const [k, v] of Object.entries(shown)) out(`${k.padEnd(15)} ${v}`);
              return 0;
            }
          } catch (e) {
            if (!(e instanceof IdCardError) || ['timeout', 'disconnected'].includes(e.code)) throw e;
            process.stderr.write(`${e.message}; place the card again\n`);
          }
          if (Date.now() > deadline) throw new Error('no card was placed on the reader');
          await new Promise((r) => setTimeout(r, 300));
        }
      } finally {
        await link.close();
      }
    }
    case 'led-show': {
      const link = await SerialLink.open({ path: need(values.port, 'port'), reconnect: false });
      try {
        // A person at the command line can wait 5 s; the hall's 1 s is for a screen fed every call (and a
        // loaded machine can hold a simulated screen's answer past it).
        await new SerialLedScreen(link, Number(values.address), 5_000).show(need(values.text, 'text'));
        out('shown');
      } finally {
        await link.close();
      }
      return 0;
    }
    case 'sim-printer':
    case 'sim-idcard':
    case 'sim-led': {
      const host = need(values.link, 'link');
      const pair = await openPtyPair(`${host}.device`, host);
      let close: () => Promise<void>;
      if (command === 'sim-printer') {
        const printer = await VirtualPrinter.open(pair.a, {
          ...(values.preview === undefined ? {} : { previewDir: values.preview }),
          paperWidth: values.width === '58' ? 58 : 80,
        });
        let shown = 0;
        const timer = setInterval(() => {
          for (; shown < printer.documents.length; shown++) {
            const d = printer.documents[shown]!;
            out(`--- ticket ${shown + 1} ---\n${d.lines.join('\n')}\n[QR] ${d.qr.join(' ')}\n--- cut ---`);
            const png = printer.previews[shown];
            if (png !== undefined) out(`[preview] ${png}`);
          }
        }, 100);
        close = async () => {
          clearInterval(timer);
          await printer.close();
        };
      } else if (command === 'sim-idcard') {
        const reader = await VirtualIdCardReader.open(pair.a);
        const names = [...Object.keys(SAMPLE_CARDS), 'corrupt', 'readFailure', 'none'];
        if (!names.includes(values.card)) throw new UsageError(`--card must be one of ${names.join(', ')}`);
        reader.place(sampleCard(values.card as SampleCardName));
        close = () => reader.close();
      } else {
        const led = await VirtualLedScreen.open(pair.a, Number(values.address));
        let shown = 0;
        const timer = setInterval(() => {
          for (; shown < led.history.length; shown++) out(`[LED ${values.address}] ${led.history[shown]}`);
        }, 100);
        close = async () => {
          clearInterval(timer);
          await led.close();
        };
      }
      // Listen for the stop signal before saying ready: whoever waits for "ready" may stop us at once.
      const stopped = untilSignal(pair, close);
      out(`${command} ready: open ${host} as the device's port (Ctrl-C to stop)`);
      await stopped;
      return 0;
    }
    default:
      throw new UsageError(command === undefined ? 'a command is required' : `unknown command "${command}"`);
  }
}

function untilSignal(pair: PtyPair, close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () =>
      void close()
        .then(() => pair.close())
        .then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    if (e instanceof UsageError) process.stderr.write(`${USAGE}\n`);
    process.exit(e instanceof UsageError ? 2 : 1);
  },
);
