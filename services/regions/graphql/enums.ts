import { registerEnumType } from 'type-graphql';

export enum RegionKindEnum {
  OBLAST = 'OBLAST',
  CITY = 'CITY',
}
registerEnumType(RegionKindEnum, {
  name: 'RegionKind',
  description: 'OBLAST: a region; CITY: a city of republican significance (Astana, Almaty, Shymkent).',
});
