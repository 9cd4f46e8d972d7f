/**
 * The Content-Security-Policy of every screen: scripts and styles from the server only (React sets
 * style attributes; no inline script is ever allowed), nothing that runs plug-ins. Screens connect to
 * the hall server and, in browser mode, to the kiosk's local device bridge. The bundler writes it into
 * each page; the server sends it as a header too, with what only a header can say (frame-ancestors).
 */
export const SCREEN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: data:",
  'connect-src * ws: wss:',
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
