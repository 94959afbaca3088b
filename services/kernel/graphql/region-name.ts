import { Arg, Directive, FieldResolver, Resolver, Root, registerEnumType, type ClassType } from 'type-graphql';
import { REGIONS } from '../domain/regions.js';

export enum Lang {
  KK = 'KK',
  RU = 'RU',
  EN = 'EN',
}
registerEnumType(Lang, { name: 'Lang', description: 'Language of a name: Kazakh, Russian, English.' });

const REGION_BY_CODE = new Map(REGIONS.map((region) => [region.code, region]));

function regionName(code: string, lang: Lang): string {
  const region = REGION_BY_CODE.get(code);
  if (!region) throw new Error(`no region ${code}`);
  return lang === Lang.KK ? region.nameKk : lang === Lang.RU ? region.nameRu : region.nameEn;
}

/**
 * `Region.name`, resolvable by every subgraph that returns a Region: the names are the kernel's
 * reference facts (domain/regions.ts), identical everywhere, so the field is `@shareable` and the
 * gateway answers `region { name }` from the subgraph that returned the region instead of
 * planning one more fetch to the regions subgraph for it.
 */
export function RegionNameResolver<Region extends { code: string }>(region: ClassType<Region>) {
  @Resolver(() => region)
  abstract class RegionNameResolverBase {
    @FieldResolver(() => String, { description: "The region's name in Kazakh, Russian or English." })
    @Directive('@shareable')
    name(@Root() root: Region, @Arg('lang', () => Lang, { defaultValue: Lang.EN, nullable: true }) lang: Lang): string {
      return regionName(root.code, lang);
    }
  }
  return RegionNameResolverBase;
}
