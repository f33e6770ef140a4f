/**
 * OpenTelemetry, only when `@opentelemetry/api` is installed and a tracer provider is registered:
 * each call is a client span and each attempt a child span (service, operation, status, attempt),
 * and the attempt span's context is injected into the headers (`traceparent` with the W3C
 * propagator). When the package is absent, nothing is loaded and these steps are not in the
 * pipeline at all; when no provider is registered, they pass each call straight on.
 */
import { APIException } from '../errors.js';
import { requireHere } from '../here.js';
import type { OutgoingRequest, Step } from '../pipeline.js';

type OtelApi = typeof import('@opentelemetry/api');
type Span = import('@opentelemetry/api').Span;

let loaded: OtelApi | null | undefined;

/** `@opentelemetry/api` if it can be resolved from here, else null (looked up once). */
export function loadOtel(): OtelApi | null {
  if (loaded === undefined) {
    try {
      loaded = requireHere('@opentelemetry/api') as OtelApi;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

/**
 * Is a tracer provider registered? The global provider is a proxy whose delegate is the API's no-op
 * provider until an SDK registers one (possibly after `configure()`), so this is asked per call; it
 * is two property reads. Without one, spans would be non-recording no-ops that still cost a context
 * switch and attribute objects per call, so the steps pass the call straight on.
 */
function tracing(otel: OtelApi): boolean {
  noop ??= new otel.ProxyTracerProvider().getDelegate();
  const provider = otel.trace.getTracerProvider() as { getDelegate?: () => unknown };
  return (typeof provider.getDelegate === 'function' ? provider.getDelegate() : provider) !== noop;
}
let noop: unknown;

function endWith(span: Span, otel: OtelApi, request: OutgoingRequest, outcome: { status?: number; error?: unknown }): void {
  if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
  if (outcome.error !== undefined) {
    const code = outcome.error instanceof APIException ? outcome.error.errorCode.name : ((outcome.error as Error)?.name ?? 'error');
    if (outcome.error instanceof APIException) span.setAttribute('http.response.status_code', outcome.error.statusCode);
    span.setAttribute('error.type', code);
    span.setStatus({ code: otel.SpanStatusCode.ERROR, message: code });
  }
  span.setAttribute('svc_gen.attempts', request.attempts);
  span.end();
}

/** The call span: wraps everything, so it sees the final result or APIException. */
export function callSpan(otel: OtelApi, circuitState: () => string): Step {
  const tracer = otel.trace.getTracer('svc-gen');
  return (next) => (request) => {
    if (!tracing(otel)) return next(request);
    const span = tracer.startSpan(`${request.service} ${request.operation}`, {
      kind: otel.SpanKind.CLIENT,
      attributes: {
        'svc_gen.service': request.service,
        'svc_gen.operation': request.operation,
        'http.request.method': request.method,
        'url.full': request.url,
        'svc_gen.circuit_state': circuitState(),
      },
    });
    return otel.context.with(otel.trace.setSpan(otel.context.active(), span), () =>
      next(request).then(
        (response) => {
          endWith(span, otel, request, { status: response.status });
          return response;
        },
        (error: unknown) => {
          endWith(span, otel, request, { error });
          throw error;
        },
      ),
    );
  };
}

/** One span per attempt, whose context travels in the request headers. */
export function attemptSpan(otel: OtelApi): Step {
  const tracer = otel.trace.getTracer('svc-gen');
  return (next) => (request) => {
    if (!tracing(otel)) return next(request);
    const span = tracer.startSpan(`${request.service} ${request.operation} attempt`, {
      kind: otel.SpanKind.CLIENT,
      attributes: { 'svc_gen.service': request.service, 'svc_gen.operation': request.operation, 'svc_gen.attempt': request.attempts + 1 },
    });
    const ctx = otel.trace.setSpan(otel.context.active(), span);
    otel.propagation.inject(ctx, request.headers);
    return next(request).then(
      (response) => {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 500) span.setStatus({ code: otel.SpanStatusCode.ERROR });
        span.end();
        return response;
      },
      (error: unknown) => {
        span.setAttribute('error.type', (error as { code?: string })?.code ?? (error as Error)?.name ?? 'error');
        span.setStatus({ code: otel.SpanStatusCode.ERROR });
        span.end();
        throw error;
      },
    );
  };
}
