/** A spec's path template → the path sent: ordinary paths unchanged, everything else percent-encoded as UTF-8, placeholders kept. */
import { expect, test } from 'vitest';
import { requestPath } from '../../../../generator/model/wire-path.js';

test.each([
  ['/users/{id}/orders', '/users/{id}/orders'],
  ["/a-b._~!$&'()*+,;=:@", "/a-b._~!$&'()*+,;=:@"],
  ['/a b', '/a%20b'],
  ['/what?x#y', '/what%3Fx%23y'],
  ['/café/{name}', '/caf%C3%A9/{name}'],
  ['/100%25/%zz', '/100%25/%25zz'],
  ['/"`<>\\', '/%22%60%3C%3E%5C'],
  ['/😀', '/%F0%9F%98%80'],
  ['/\ud800', '/%EF%BF%BD'],
  ['/{a b}/x y', '/{a b}/x%20y'],
])('%j → %j', (template, want) => expect(requestPath(template)).toBe(want));
