/** The consumer suite (consumer-cases.ts) under node:test; consumer-node.test.ts compiles and runs it. */
import { test } from 'node:test';
import { cases } from './consumer-cases.js';

for (const [name, run] of Object.entries(cases)) test(name, run);
