/** The consumer suite (consumer-cases.ts) under vitest. */
import { it } from 'vitest';
import { cases } from './consumer-cases.js';

for (const [name, run] of Object.entries(cases)) it(name, run);
