import { GraphQLScalarType } from 'graphql';
import { BadInput, DomainError } from '../errors.js';

/**
 * A library scalar whose refusals are the caller's mistake: `BAD_USER_INPUT` naming the scalar,
 * as a literal or as a variable, instead of Apollo's generic validation code (issue 17, item 6).
 */
export function refusalsAsBadInput(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const refusing =
    <Args extends unknown[], Result>(parse: (...args: Args) => Result) =>
    (...args: Args): Result => {
      try {
        return parse(...args);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        throw new BadInput(scalar.name, error instanceof Error ? error.message : 'is not a valid value');
      }
    };
  return new GraphQLScalarType({ ...config, parseValue: refusing(config.parseValue), parseLiteral: refusing(config.parseLiteral) });
}
