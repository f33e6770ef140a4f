/**
 * Deadline propagation: each attempt tells the receiver how many milliseconds are left for the
 * whole request, relative (clocks need not agree). The receiver's `contextMiddleware()` turns it
 * back into a context deadline, so a service that got 300 ms cannot spend 5 s downstream.
 */
import type { Step } from '../pipeline.js';

export function stampDeadline(headerName: string): Step {
  const name = headerName.toLowerCase();
  return (next) => (request) => {
    request.headers[name] = String(Math.max(0, Math.floor(request.deadline - Date.now())));
    return next(request);
  };
}
