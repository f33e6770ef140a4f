/**
 * Spec strings → safe TypeScript identifiers and registry keys. Pure; every output is checked
 * against IDENTIFIER so no spec text can reach generated code as anything but a plain name.
 */

/** A plain ASCII identifier: the only shape svc-gen emits as a name. */
export const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ECMAScript reserved and strict-mode words, plus TypeScript type keywords that break declarations. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity ' +
    'any boolean constructor declare get module require number set string symbol type from of never unknown object'
  ).split(' '),
);

/** Splits on anything that is not a letter or digit, and at lower→upper case boundaries. */
export function words(raw: string): string[] {
  return raw
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** `list_users` → `listUsers`, `Users.Get` → `usersGet`, `post_oauth2_token#refresh` → `postOauth2TokenRefresh`. */
export function camelCase(raw: string): string {
  return words(raw)
    .map((w, i) => (i === 0 ? w.toLowerCase() : upperFirst(w.toLowerCase())))
    .join('');
}

/** `order-history` → `OrderHistory`. */
export function pascalCase(raw: string): string {
  return words(raw)
    .map((w) => upperFirst(w.toLowerCase()))
    .join('');
}

/** `OrderHistory`, `order_history`, `Order History` → `order-history` (the registry key). */
export function kebabCase(raw: string): string {
  return words(raw)
    .map((w) => w.toLowerCase())
    .join('-');
}

function upperFirst(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** Makes `name` a usable identifier: never empty, never starting with a digit, never reserved. */
export function safeIdentifier(name: string, fallback: string): string {
  let id = name.length > 0 ? name : fallback;
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}_`;
  if (!IDENTIFIER.test(id)) throw new Error(`internal: ${JSON.stringify(id)} is not a safe identifier`);
  return id;
}

/** `GET /users/{id}/orders` → `getUsersByIdOrders`: method, then static segments, parameters as `By<Name>`. */
export function nameFromRoute(method: string, path: string): string {
  const parts = path
    .split('/')
    .filter((s) => s.length > 0)
    .map((seg) => seg.replace(/\{([^}]*)\}/g, ' by $1 '));
  return camelCase(`${method} ${parts.join(' ')}`);
}
