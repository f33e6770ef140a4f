/** The consumer suite (consumer-cases.ts) under jest; consumer-jest.test.ts compiles and runs it. */
import { test } from '@jest/globals';
import { cases } from './consumer-cases.js';

for (const [name, run] of Object.entries(cases)) test(name, run, 30_000);
