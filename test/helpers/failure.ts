/** Tests that expect a call to fail: the `APIException` it rejected with (fails the test if it resolved). */
import type { APIException } from 'svc-gen/runtime';

export const failure = (p: Promise<unknown>): Promise<APIException> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as APIException,
  );
