import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Every error a client can see is one of these classes; `formatError` maps them to
 * `extensions.code` in one place. Anything else is an internal error whose message and stack
 * never leave the process in production.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LIMIT_EXCEEDED'
  | 'TIMEOUT'
  | 'INTERNAL_SERVER_ERROR';

export abstract class DomainError extends GraphQLError {
  abstract readonly code: ErrorCode;

  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions });
  }
}

/** Bad input names the argument path (`input.contracts.3.iin`) so a form can point at it. */
export class BadInput extends DomainError {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly argument: string,
    readonly reason: string,
  ) {
    super(`${argument}: ${reason}`, { code: 'BAD_USER_INPUT', argument });
  }
}

/** The longest piece of a caller's value an error message repeats (a 1 MB code must not come back as a 2 MB error). */
const ECHO_LIMIT = 200;

/** A caller's value as an error message quotes it: JSON, cut to ECHO_LIMIT characters. */
export function echo(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length <= ECHO_LIMIT ? text : `${text.slice(0, ECHO_LIMIT)}… (${text.length} characters)`;
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(what: string, id: string) {
    super(`${what} ${id} not found`, { code: 'NOT_FOUND' });
  }
}

export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';

  constructor(reason = 'a valid bearer token is required') {
    super(reason, { code: 'UNAUTHENTICATED' });
  }
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';

  constructor(reason: string) {
    super(reason, { code: 'FORBIDDEN' });
  }
}

export class Conflict extends DomainError {
  readonly code = 'CONFLICT';

  constructor(reason: string) {
    super(reason, { code: 'CONFLICT' });
  }
}

export class LimitExceeded extends DomainError {
  readonly code = 'LIMIT_EXCEEDED';

  constructor(argument: string, limit: number) {
    super(`${argument}: exceeds the limit of ${limit}`, { code: 'LIMIT_EXCEEDED', argument, limit });
  }
}

/**
 * A subscriber that does not keep up is dropped (docs/architecture.md §14): more than
 * SUBSCRIPTION_QUEUE_SIZE events waiting in its subgraph, or more than SUBSCRIPTION_BUFFER_BYTES
 * written and not yet read by its client. Its last event is this error; the stream then ends.
 */
export class SlowConsumer extends DomainError {
  readonly code = 'LIMIT_EXCEEDED';

  constructor(limit: 'subscriptionQueue' | 'subscriptionBufferBytes', max: number) {
    const what = limit === 'subscriptionQueue' ? `${max} events waiting` : `${max} bytes buffered`;
    super(`slow consumer dropped: more than ${what} for this subscription`, { code: 'LIMIT_EXCEEDED', limit, max });
  }
}

/** A bad token rejects the whole request (HTTP 401), before any resolver runs. */
export function rejectRequest(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
}

const PUBLIC_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LIMIT_EXCEEDED',
  'TIMEOUT',
  // The gateway could not reach the subgraph that owns a field (gateway/plugins/error-masking.ts).
  'SUBGRAPH_UNAVAILABLE',
  // graphql-js validation and Apollo's own request errors are already safe to show.
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** PostgreSQL's query_canceled, raised when a serving statement passes STATEMENT_TIMEOUT_MS. */
function isStatementTimeout(error: unknown): boolean {
  for (let current = error, hops = 0; current && typeof current === 'object' && hops < 6; hops++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === '57014' || (typeof message === 'string' && message.includes('canceling statement due to statement timeout'))) return true;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Apollo wraps what a scalar or a validation rule threw; the class underneath decides the code. */
function domainErrorUnder(error: unknown): DomainError | null {
  for (let current = error, hops = 0; current && hops < 5; hops++) {
    if (current instanceof DomainError) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return null;
}

/** The longest message (or stack line) an answer carries; graphql-js quotes literals and variables whole. */
const MESSAGE_LIMIT = 1_000;

/** Keeps a long text's head and its tail, where graphql-js and our classes put the reason. */
export function capText(text: string): string {
  if (text.length <= MESSAGE_LIMIT) return text;
  return `${text.slice(0, 600)} … (${text.length - 800} characters left out) … ${text.slice(-200)}`;
}

/** Caps what an error repeats of the caller's input: message, argument path, stack lines. */
function capped(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions;
  const argument = extensions?.argument;
  const stacktrace = extensions?.stacktrace;
  return {
    ...formatted,
    message: capText(formatted.message),
    ...(extensions
      ? {
          extensions: {
            ...extensions,
            ...(typeof argument === 'string' ? { argument: capText(argument) } : {}),
            ...(Array.isArray(stacktrace) ? { stacktrace: stacktrace.slice(0, 30).map((line) => capText(String(line))) } : {}),
          },
        }
      : {}),
  };
}

/**
 * graphql-js suggests names in its messages ("Did you mean "regions"?", "Did you mean the enum
 * value "EN"?"): a map of the schema for whoever probes it. Production answers without them.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, '').trim();
}

export function errorFormatter(options: { isProduction: boolean; onInternal: (error: unknown) => void }) {
  const format = formatter(options);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const answer = capped(format(formatted, error));
    // Every code, not only the public ones: variable coercion suggests enum values too.
    return options.isProduction ? { ...answer, message: withoutSuggestions(answer.message) } : answer;
  };
}

function formatter(options: { isProduction: boolean; onInternal: (error: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (isStatementTimeout(error)) {
      return {
        message: 'the database took longer than the statement timeout (STATEMENT_TIMEOUT_MS) for this field',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'TIMEOUT' },
      };
    }
    // Apollo files every validation-rule error under GRAPHQL_VALIDATION_FAILED, a bad scalar
    // literal included; our own error classes (a scalar's BadInput, the gateway's query limits,
    // marked `limit`) keep the contract's code.
    const code = formatted.extensions?.limit ? 'LIMIT_EXCEEDED' : (domainErrorUnder(error)?.code ?? formatted.extensions?.code);
    if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
      if (code !== formatted.extensions?.code) formatted = { ...formatted, extensions: { ...formatted.extensions, code } };
      if (!options.isProduction) return formatted;
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: withoutSuggestions(formatted.message), extensions };
    }
    options.onInternal(error);
    if (!options.isProduction) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return {
      message: 'internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
