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

interface EnumSpec {
  /** The GraphQL name, when it is not the key (a key that would clash with a class of the same name). */
  name?: string;
  values: readonly string[];
  description: string;
}

/** A file's enums in one declaration: `graphqlEnum` for each key, under the key's name unless `name` is given. */
export function graphqlEnums<const Spec extends Record<string, EnumSpec>>(
  spec: Spec,
): { [Key in keyof Spec]: { readonly [Value in Spec[Key]['values'][number]]: Value } } {
  return Object.fromEntries(
    Object.entries(spec).map(([key, { name, values, description }]) => [key, graphqlEnum(name ?? key, values, description)]),
  ) as { [Key in keyof Spec]: { readonly [Value in Spec[Key]['values'][number]]: Value } };
}
