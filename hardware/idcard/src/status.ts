/** SW3 status codes of the SAM module (GA 467), each with the typed error a driver raises. */
export const SW3 = {
  ok: 0x90,
  noContent: 0x91,
  cardFound: 0x9f,
  checksum: 0x10,
  length: 0x11,
  command: 0x21,
  unauthorized: 0x23,
  unrecognized: 0x24,
  cardAuthFailed: 0x31,
  readerAuthFailed: 0x32,
  verifyFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTest: 0x60,
  samUnauthorized: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

export type IdCardErrorCode =
  | Exclude<keyof typeof SW3, 'ok' | 'cardFound'>
  | 'unknownStatus'
  | 'badFrame'
  | 'badText'
  | 'invalidIdNumber'
  | 'timeout'
  | 'disconnected';

const MESSAGES: Record<IdCardErrorCode, string> = {
  noContent: 'the card has no content to read',
  checksum: 'the reader received a frame with a bad checksum',
  length: 'the reader received a frame with a bad length',
  command: 'the reader does not know the command',
  unauthorized: 'the operation is not authorized',
  unrecognized: 'the reader reported an unrecognized error',
  cardAuthFailed: 'the card could not authenticate the reader',
  readerAuthFailed: 'the reader could not authenticate the card',
  verifyFailed: 'the card data failed verification',
  unknownCardType: 'unknown card type',
  readFailed: 'reading the card failed; hold it still on the reader',
  randomFailed: 'the reader could not get a random number from the card',
  samSelfTest: 'the SAM module failed its self-test',
  samUnauthorized: 'the SAM module is not authorized',
  findFailed: 'no card on the reader',
  selectFailed: 'selecting the card failed; place it flat on the reader',
  unknownStatus: 'the reader answered with an unknown status',
  badFrame: 'the reader sent a damaged frame',
  badText: 'the card text block is malformed',
  invalidIdNumber: 'the ID number on the card fails its check digit',
  timeout: 'the reader did not answer in time',
  disconnected: 'the reader is disconnected',
};

export class IdCardError extends Error {
  override readonly name = 'IdCardError';
  constructor(
    readonly code: IdCardErrorCode,
    readonly sw3?: number,
    detail?: string,
  ) {
    super(
      `${MESSAGES[code]}${sw3 === undefined ? '' : ` (SW3 0x${sw3.toString(16).padStart(2, '0')})`}${detail ? `: ${detail}` : ''}`,
    );
  }
}

const BY_CODE = new Map<number, IdCardErrorCode>(
  (Object.entries(SW3) as [keyof typeof SW3, number][])
    .filter(([k]) => k !== 'ok' && k !== 'cardFound')
    .map(([k, v]) => [v, k as IdCardErrorCode]),
);

/** Throws the typed error for a status that is not success; `expected` lists what counts as success. */
export function assertStatus(sw3: number, expected: readonly number[] = [SW3.ok]): void {
  if (expected.includes(sw3)) return;
  throw new IdCardError(BY_CODE.get(sw3) ?? 'unknownStatus', sw3);
}
