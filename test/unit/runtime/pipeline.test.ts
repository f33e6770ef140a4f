/** compose(): the first step is the outermost; each sees the request on the way in and the response on the way out. */
import { expect, test } from 'vitest';
import { compose, type Step } from '../../../runtime/pipeline.js';
import { outgoingRequest, scripted } from '../../helpers/outgoing.js';

test('compose(a, b)(transport) runs a → b → transport → b → a', async () => {
  const trace: string[] = [];
  const named =
    (name: string): Step =>
    (next) =>
    async (request) => {
      trace.push(`${name} in`);
      const response = await next(request);
      trace.push(`${name} out ${response.status}`);
      return response;
    };
  const transport = scripted(201);
  expect((await compose(named('a'), named('b'))(transport)(outgoingRequest())).status).toBe(201);
  expect(trace).toEqual(['a in', 'b in', 'b out 201', 'a out 201']);
  expect(transport.seen).toHaveLength(1);
});

test('compose() of nothing is the transport itself', () => {
  const transport = scripted(200);
  expect(compose()(transport)).toBe(transport);
});
