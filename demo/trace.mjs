// The demo's readable trace: numbered steps, one short line per event, written in the order the
// events happen (everything runs in this one process). Colour only on a terminal, and never with NO_COLOR.

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = paint('1');
export const dim = paint('2');
export const red = paint('31');
export const green = paint('32');

/** Width of the "who" column: the longest name, `notification`. */
const WHO = 12;
let stepNumber = 0;

function write(text) {
  process.stdout.write(`${text}\n`);
}

export function title(text) {
  write(bold(text));
}

/** A numbered step heading. */
export function step(text) {
  stepNumber++;
  write(`\n${bold(`${stepNumber}. ${text}`)}`);
}

/** One event: who did what. */
export function line(who, text) {
  write(`   ${who.padEnd(WHO)} ${text}`);
}

/** A detail of the event above, indented under its text. */
export function detail(text) {
  write(`   ${' '.repeat(WHO)}   ${dim(text)}`);
}

/** The fields of an APIException (or ResponseTimeoutError), one per line. */
export function exceptionFields(e) {
  const rows = [
    ['statusCode', e.statusCode],
    ['errorCode', `${e.errorCode.name} (${e.errorCode.value})`],
    ['message', e.message],
    ['description', e.description],
    ['service', e.service],
    ['method', e.method],
    ['url', e.url],
    ['attempts', e.attempts],
  ];
  for (const [name, value] of rows) write(`   ${' '.repeat(WHO)}   ${name.padEnd(12)} ${value}`);
}
