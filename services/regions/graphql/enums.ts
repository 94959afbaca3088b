import { graphqlEnum, type EnumValue } from '../../kernel/graphql/enum.js';

export const RegionKindEnum = graphqlEnum(
  'RegionKind',
  ['OBLAST', 'CITY'],
  'OBLAST: a region; CITY: a city of republican significance (Astana, Almaty, Shymkent).',
);
export type RegionKindEnum = EnumValue<typeof RegionKindEnum>;
