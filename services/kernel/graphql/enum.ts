import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum whose values are their own names, declared and registered in one place:
 * `X.VALUE` in code, `X` as the type (`export type X = EnumValue<typeof X>`), `() => X` in a
 * field. The values print in the order given.
 */
export function graphqlEnum<const Values extends readonly string[]>(
  name: string,
  values: Values,
  description: string,
): { readonly [Value in Values[number]]: Value } {
  const members = Object.fromEntries(values.map((value) => [value, value])) as { [Value in Values[number]]: Value };
  registerEnumType(members, { name, description });
  return members;
}

/** The union of an enum object's values. */
export type EnumValue<Enum> = Enum[keyof Enum];
