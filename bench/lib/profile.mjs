// Reads a V8 .cpuprofile: the functions with the most self time, as shares of all samples.
import { readFileSync } from 'node:fs';

/** The `count` functions with the most self time: [share, `name file:line`] rows. */
export function topSelfTime(file, count) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map();
  for (const id of profile.samples) {
    const frame = nodes.get(id);
    const where = frame.url ? ` ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, samples]) => [`${((100 * samples) / total).toFixed(1)}%`, key]);
}
