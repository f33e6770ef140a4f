/**
 * The OpenTelemetry steps with an injected `next`: a call span around an attempt span per try, the
 * attempt's context injected as `traceparent`, outcomes recorded as attributes and status; and,
 * with no tracer provider registered, the call passed straight on. The global provider is set for
 * this file only and disabled after it (the unit project shares one process between files).
 */
import * as otel from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { circuitOpen } from '../../../../runtime/failures.js';
import type { Fetch } from '../../../../runtime/pipeline.js';
import { attemptSpan, callSpan, loadOtel } from '../../../../runtime/steps/telemetry.js';
import { codedError, outgoingRequest, scripted } from '../../../helpers/outgoing.js';

const exporter = new InMemorySpanExporter();

/** The call span around the attempt span, around `next`, as the pipeline composes them. */
const traced = (next: Fetch): Fetch => callSpan(otel, () => 'closed')(attemptSpan(otel)(next));

test('loadOtel finds the installed @opentelemetry/api (once)', () => {
  const api = loadOtel();
  expect(api?.trace).toBeDefined();
  expect(loadOtel()).toBe(api);
});

describe('no tracer provider registered', () => {
  test('the call goes straight to next: no span, no traceparent', async () => {
    const next = scripted(200);
    const response = await traced(next)(outgoingRequest());
    expect(response.status).toBe(200);
    expect(next.seen[0]!.headers).toEqual({});
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('with a tracer provider', () => {
  beforeAll(() => {
    otel.trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    otel.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    otel.propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
  afterEach(() => exporter.reset());
  afterAll(() => {
    otel.trace.disable();
    otel.context.disable();
    otel.propagation.disable();
  });

  test('a 2xx: a call span with its attributes, a child attempt span whose context is the traceparent sent', async () => {
    const next = scripted(201);
    await traced(next)(outgoingRequest({ attempts: 0 }));
    const spans = exporter.getFinishedSpans();
    const call = spans.find((s) => s.name === 'user getUsers')!;
    const attempt = spans.find((s) => s.name === 'user getUsers attempt')!;
    expect(call.kind).toBe(otel.SpanKind.CLIENT);
    expect(call.attributes).toEqual({
      'svc_gen.service': 'user',
      'svc_gen.operation': 'getUsers',
      'http.request.method': 'GET',
      'url.full': 'http://127.0.0.1:1/users',
      'svc_gen.circuit_state': 'closed',
      'http.response.status_code': 201,
      'svc_gen.attempts': 0,
    });
    expect(call.status.code).toBe(otel.SpanStatusCode.UNSET);
    expect(attempt.attributes).toEqual({ 'svc_gen.service': 'user', 'svc_gen.operation': 'getUsers', 'svc_gen.attempt': 1, 'http.response.status_code': 201 });
    expect(attempt.parentSpanContext?.spanId).toBe(call.spanContext().spanId);
    expect(next.seen[0]!.headers['traceparent']).toBe(`00-${attempt.spanContext().traceId}-${attempt.spanContext().spanId}-01`);
  });

  test('a 5xx answer marks the attempt span an error, not the call span', async () => {
    await traced(scripted(503))(outgoingRequest());
    const [attempt, call] = exporter.getFinishedSpans();
    expect(attempt!.status.code).toBe(otel.SpanStatusCode.ERROR);
    expect(call!.status.code).toBe(otel.SpanStatusCode.UNSET);
    expect(call!.attributes['http.response.status_code']).toBe(503);
  });

  test('an APIException: its status and error code on the call span; the transport code on the attempt span', async () => {
    await expect(traced(scripted(circuitOpen('user')))(outgoingRequest())).rejects.toThrow('Circuit open');
    await expect(traced(scripted(codedError('ECONNRESET')))(outgoingRequest())).rejects.toThrow('ECONNRESET');
    const [attempt1, call1, attempt2, call2] = exporter.getFinishedSpans();
    expect(attempt1!.attributes['error.type']).toBe('APIException');
    expect(call1!.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': 'circuit_open' });
    expect(call1!.status).toEqual({ code: otel.SpanStatusCode.ERROR, message: 'circuit_open' });
    expect(attempt2!.attributes['error.type']).toBe('ECONNRESET');
    expect(call2!.attributes['error.type']).toBe('Error');
    expect(call2!.attributes['http.response.status_code']).toBeUndefined();
  });
});
