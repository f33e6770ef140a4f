/**
 * OpenTelemetry (a devDependency here, optional for users): a call is a client span, each attempt
 * a child span, and the attempt's trace context reaches the server as `traceparent`.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { closeAll, configure, getService } from 'svc-gen/runtime';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { json, startServer, type TestServer } from '../helpers/server.js';

const exporter = new InMemorySpanExporter();
let server: TestServer;

beforeAll(async () => {
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  server = await startServer((_req, res, _r, i) => json(res, i === 0 ? 503 : 200, {}));
  configure({ serviceConnections: ['traced'], retryBackoffBaseMs: 1, services: { traced: { url: server.url } } });
});
afterEach(() => exporter.reset());
afterAll(async () => {
  await closeAll();
  await server.close();
  trace.disable();
  context.disable();
  propagation.disable();
});

test('a call span with one child span per attempt, and traceparent of the attempt sent', async () => {
  const parent = trace.getTracer('test').startSpan('incoming request');
  await context.with(trace.setSpan(context.active(), parent), () => getService('traced').httpDispatch('GET', '/users'));
  parent.end();
  const spans = exporter.getFinishedSpans();
  const call = spans.find((s) => s.name === 'traced GET /users')!;
  const attempts = spans.filter((s) => s.name === 'traced GET /users attempt');
  expect(call.attributes).toMatchObject({
    'svc_gen.service': 'traced',
    'svc_gen.operation': 'GET /users',
    'http.request.method': 'GET',
    'http.response.status_code': 200,
    'svc_gen.attempts': 2,
    'svc_gen.circuit_state': 'closed',
  });
  expect(call.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
  expect(attempts.map((s) => [s.attributes['svc_gen.attempt'], s.attributes['http.response.status_code']])).toEqual([
    [1, 503],
    [2, 200],
  ]);
  for (const a of attempts) expect(a.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
  const sent = server.received.slice(-2).map((r) => r.headers.traceparent);
  expect(sent).toEqual(attempts.map((a) => `00-${a.spanContext().traceId}-${a.spanContext().spanId}-01`));
});

test('a failed call span records the APIException', async () => {
  configure({ serviceConnections: ['traced'], services: { traced: { url: 'http://127.0.0.1:1' } } });
  await getService('traced')
    .httpDispatch('GET', '/down', { retryCount: 0 })
    .catch(() => undefined);
  const call = exporter.getFinishedSpans().find((s) => s.name === 'traced GET /down')!;
  expect(call.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': 'service_unavailable', 'svc_gen.attempts': 1 });
  expect(call.status.code).toBe(2); // SpanStatusCode.ERROR
});
