export type PrintedItem =
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right'; large: boolean }
  | { kind: 'qr'; data: string };

/** One printed document, decoded back from ESC/POS. */
export interface PrintedDocument {
  lines: string[];
  /** Payloads of the QR codes printed. */
  qr: string[];
  /** Lines and QR codes in the order they came out, with their style, for the preview. */
  items: PrintedItem[];
  /** Whether it ended with a cut. */
  cut: boolean;
}
