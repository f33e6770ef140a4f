/**
 * Header injection: date, request id, end user, calling service, identity token and trace
 * parent, taken from the current request context. A caller's (or a spec header parameter's)
 * header with the name of an injected one is refused with `invalid_usage` naming it, before any
 * byte is sent: neither value may be dropped silently. Without a `serviceTokenKey` nothing is
 * injected in `serviceAuthHeader`, so a caller's `Authorization` (an end user's token, a spec's
 * header parameter) is sent as given. Invalid header text is refused before any byte is sent.
 */
import { randomUUID } from 'node:crypto';
import { ANONYMOUS_USER, getContext, type RequestContext, type RequestUser, serializeUser } from '../context.js';
import { invalidUsage } from '../failures.js';
import type { ServiceTokens } from '../jwt.js';
import type { Step } from '../pipeline.js';
import type { ResolvedSettings } from '../settings.js';

/** RFC 9110 token characters: what a header name may contain. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/** Validate caller headers and return them with lower-case names. */
export function normalizeHeaders(...sources: (Record<string, unknown> | undefined)[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    if (!source) continue;
    for (const [name, raw] of Object.entries(source)) {
      if (raw === undefined || raw === null) continue;
      const value = String(raw);
      if (!TOKEN.test(name)) throw invalidUsage(`Header name ${JSON.stringify(name)} is not a valid HTTP token.`);
      if (FORBIDDEN_IN_VALUE.test(value)) throw invalidUsage(`Header ${name} contains CR, LF or NUL.`);
      out[name.toLowerCase()] = value;
    }
  }
  return out;
}

let dateSecond = 0;
let dateValue = '';
/** The `date` header, formatted once per second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateValue = new Date(now).toUTCString();
  }
  return dateValue;
}

/** Context values come from the incoming request; a longer one is refused rather than forwarded. */
const MAX_CONTEXT_VALUE = 1024;

/** A value taken from the context must be as safe as a caller's header value, and bounded. */
function contextValue(name: string, value: string): string {
  if (FORBIDDEN_IN_VALUE.test(value)) throw invalidUsage(`The context's ${name} contains CR, LF or NUL.`);
  if (value.length > MAX_CONTEXT_VALUE) throw invalidUsage(`The context's ${name} is longer than ${MAX_CONTEXT_VALUE} characters.`);
  return value;
}

/** A context's header values, checked and serialized once; reused while its fields are unchanged. */
interface ContextHeaders {
  readonly requestId: string | undefined;
  readonly user: RequestUser | undefined;
  readonly userId: string | undefined;
  readonly userLevel: number | undefined;
  readonly userAuthenticated: boolean | undefined;
  readonly traceparent: string | undefined;
  readonly values: { requestId: string | undefined; user: string; traceparent: string | undefined };
}

const byContext = new WeakMap<RequestContext, ContextHeaders>();
const ANONYMOUS_HEADER = serializeUser(ANONYMOUS_USER);

/** The values of `context`'s headers: built on its first call, again only if a field changed since. */
function contextHeaders(context: RequestContext): ContextHeaders['values'] {
  const { requestId, user, traceparent } = context;
  const cached = byContext.get(context);
  if (
    cached &&
    cached.requestId === requestId &&
    cached.traceparent === traceparent &&
    cached.user === user &&
    cached.userId === user?.id &&
    cached.userLevel === user?.level &&
    cached.userAuthenticated === user?.isAuthenticated
  ) {
    return cached.values;
  }
  const values = {
    requestId: requestId === undefined ? undefined : contextValue('request id', requestId),
    user: user ? serializeUser(user) : ANONYMOUS_HEADER,
    traceparent: traceparent ? contextValue('traceparent', traceparent) : undefined,
  };
  byContext.set(context, { requestId, user, userId: user?.id, userLevel: user?.level, userAuthenticated: user?.isAuthenticated, traceparent, values });
  return values;
}

/** Inject the context and identity headers into every request to `target`. */
export function injectHeaders(settings: ResolvedSettings, tokens: ServiceTokens | undefined): Step {
  const requestIdName = settings.requestIdHeaderField.toLowerCase();
  const userName = settings.internalRequestUserHeader.toLowerCase();
  const serviceName = settings.internalRequestServiceHeader.toLowerCase();
  const prefix = settings.jwtServiceAuthHeaderPrefix;
  const authName = settings.serviceAuthHeader.toLowerCase();
  // Everything this step and the deadline step write; the identity header only when a token is sent.
  const owned = [
    ...new Set(['date', requestIdName, userName, serviceName, 'traceparent', settings.deadlineHeader.toLowerCase(), ...(tokens ? [authName] : [])]),
  ];
  return (next) => (request) => {
    const context = getContext();
    const headers = request.headers;
    for (const name of owned) {
      if (name in headers)
        throw invalidUsage(
          `Header ${JSON.stringify(name)} is injected by svc-gen and was also given by the caller (options.headers, a spec header parameter or services[name].headers); remove one.`,
        );
    }
    const values = context ? contextHeaders(context) : undefined;
    headers.date = httpDate();
    headers[requestIdName] = values?.requestId ?? randomUUID(); // a call outside any request is its own
    headers[userName] = values?.user ?? ANONYMOUS_HEADER;
    headers[serviceName] = settings.serviceName;
    if (values?.traceparent) headers.traceparent = values.traceparent;
    if (!tokens) return next(request);
    const token = tokens.tokenFor(request.service);
    if (typeof token === 'string') {
      headers[authName] = `${prefix} ${token}`;
      return next(request);
    }
    return token.then((signed) => {
      headers[authName] = `${prefix} ${signed}`;
      return next(request);
    });
  };
}
