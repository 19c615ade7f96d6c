/**
 * The renderer's Content-Security-Policy. Scripts only from the app itself; no eval, no remote
 * anything. style-src allows inline styles because Mantine sets CSS variables through style
 * attributes and one injected <style> element; scripts stay strict, which is what matters
 * against injected markup.
 */
export function contentSecurityPolicy(options: { connectSelf?: boolean } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The Electron app talks to main over IPC only; the test harness's bridge uses fetch.
    `connect-src ${options.connectSelf ? "'self'" : "'none'"}`,
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
