import { type ChildProcess, spawn } from 'node:child_process';
import { access, rm } from 'node:fs/promises';

/** A pair of linked pseudo-terminals made by socat: bytes written to one end come out of the other. */
export interface PtyPair {
  a: string;
  b: string;
  /** Ends the pair, as if the cable were pulled. */
  close(): Promise<void>;
}

export async function openPtyPair(a: string, b: string, timeoutMs = 5_000): Promise<PtyPair> {
  const child: ChildProcess = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: 'ignore',
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e) =>
      reject(new Error(`socat could not start (install it: apt-get install socat): ${e.message}`)),
    );
  });
  const deadline = Date.now() + timeoutMs;
  const ready = (async () => {
    for (;;) {
      try {
        await access(a);
        await access(b);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`socat did not create ${a} and ${b}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  })();
  await Promise.race([ready, failed]);
  return {
    a,
    b,
    close: async () => {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve();
        else {
          child.once('exit', () => resolve());
          child.kill();
        }
      });
      // socat removes its links as it exits; make sure, since a killed socat may not get to.
      await rm(a, { force: true });
      await rm(b, { force: true });
    },
  };
}
