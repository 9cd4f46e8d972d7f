import { SCREEN_CSP } from '@onewindow/protocol';
import type { FastifyInstance } from 'fastify';

/** The screens' policy, plus what only a header can say: never framed by another page (clickjacking). */
export const CONTENT_SECURITY_POLICY = `${SCREEN_CSP}; frame-ancestors 'none'`;
/** Phone pages (the ticket's 好差评, booking) post their forms back to this server, and nowhere else. */
const PHONE_PAGE_POLICY = CONTENT_SECURITY_POLICY.replace("form-action 'none'", "form-action 'self'");

/** Security headers on every response; HSTS too when the server speaks TLS. */
export function installSecurityHeaders(http: FastifyInstance, tls: boolean): void {
  http.addHook('onSend', async (req, reply, payload) => {
    reply.header(
      'content-security-policy',
      req.url.startsWith('/t/') || req.url.startsWith('/book') ? PHONE_PAGE_POLICY : CONTENT_SECURITY_POLICY,
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Ticket and notice pages carry their id in the address: it must not leak to another site.
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (tls) reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });
}
