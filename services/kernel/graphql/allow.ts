import { createMethodMiddlewareDecorator, type ResolverData } from 'type-graphql';
import { authorize, type AccessRule } from '../auth.js';
import type { RequestContext } from '../context.js';


/**
 * Declares who may resolve a field or run a mutation, once, beside its definition. The target
 * the rules judge is the parent object (a field of an Enterprise is judged on that enterprise)
 * unless `target` derives it from the arguments (a mutation's BIN or the row it changes).
 * Anonymous callers get UNAUTHENTICATED, others FORBIDDEN; either is an error for this field
 * only, and the rest of the response still resolves.
 */
export function Allow<Target, Loaders = unknown>(
  rules: AccessRule<Target>[],
  options: { target?: (action: ResolverData<RequestContext<Loaders>>) => Target | Promise<Target> } = {},
): MethodDecorator {
  return createMethodMiddlewareDecorator<RequestContext<Loaders>>(async (action, next) => {
    const target = options.target ? await options.target(action) : (action.root as Target);
    authorize(action.context.principal, target, rules, `${action.info.parentType.name}.${action.info.fieldName}`);
    return next();
  });
}
