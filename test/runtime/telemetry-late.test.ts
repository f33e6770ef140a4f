/**
 * The OpenTelemetry steps ask for a registered tracer provider on each call, not once when the
 * service is built: an SDK started after `configure()` (the usual order in an app) is still traced.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { closeAll, configure, getService } from 'svc-gen/runtime';
import { afterAll, expect, test } from 'vitest';
import { json, startServer } from '../helpers/server.js';

afterAll(async () => {
  await closeAll();
  trace.disable();
  context.disable();
  propagation.disable();
});

test('a tracer provider registered after configure() and a first call: the next call is traced', async () => {
  const server = await startServer((_req, res) => json(res, 200, {}));
  try {
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    configure({ serviceConnections: ['late'], services: { late: { url: server.url } } });
    await getService('late').httpDispatch('GET', '/before');
    expect(server.received[0]!.headers.traceparent).toBeUndefined();

    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    await getService('late').httpDispatch('GET', '/after');
    const names = exporter.getFinishedSpans().map((s) => s.name);
    expect(names).toEqual(['late GET /after attempt', 'late GET /after']);
    const attempt = exporter.getFinishedSpans()[0]!.spanContext();
    expect(server.received[1]!.headers.traceparent).toBe(`00-${attempt.traceId}-${attempt.spanId}-01`);
  } finally {
    await server.close();
  }
});
