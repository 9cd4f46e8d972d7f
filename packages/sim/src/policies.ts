/** The dispatch policies the simulator compares: its own, plain FIFO, one queue per window type, one pool. */
export const POLICY_NAMES = ['dedicated', 'fifo', 'onewindow', 'pooled'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];
