import type { RequestContext } from '../kernel/context.js';
import { BadInput } from '../kernel/errors.js';
import { buildFederatedSchema } from '../kernel/federation.js';
import { parsePolygon } from '../kernel/geo/area.js';
import type { GeoJsonGeometry } from '../kernel/geo/postgis-types.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import { ResettlementZone } from './entities/resettlement-zone.stub.js';
import { createVacancyLoaders, type VacancyLoaders } from './loaders.js';
import { Migration20261123030000Vacancies } from './migrations/Migration20261123030000Vacancies.js';
import { Migration20261123040000VacancyEmployerByBin } from './migrations/Migration20261123040000VacancyEmployerByBin.js';
import { Migration20261201000000VacancyOutbox } from './migrations/Migration20261201000000VacancyOutbox.js';
import { Migration20261201120000VacancyCells } from './migrations/Migration20261201120000VacancyCells.js';
import { Migration20261202000000VacancyTileKey } from './migrations/Migration20261202000000VacancyTileKey.js';
import { Migration20261202100000VacancyFineCells } from './migrations/Migration20261202100000VacancyFineCells.js';
import { VacancySubscriptionsResolver } from './resolvers/vacancy-subscriptions.resolver.js';
import { EnterpriseVacanciesResolver } from './resolvers/enterprise.resolver.js';
import { RegionVacanciesResolver } from './resolvers/region.resolver.js';
import { ShortageResolver } from './resolvers/shortage.resolver.js';
import { VacancyResolver } from './resolvers/vacancy.resolver.js';
import { VacancyMutationsResolver } from './resolvers/vacancy-mutations.resolver.js';
import { ZoneVacanciesResolver } from './resolvers/zone.resolver.js';
import { vacanciesSeed } from './seed/vacancies.seed.js';
import { ResettlementMatch } from './entities/resettlement-match.stub.js';
import { MatchVacanciesResolver } from './resolvers/match.resolver.js';
import { vacancyTiles } from './tiles.js';
import { tileLayer } from '../kernel/tiles/service.js';
import { ProjectLocality, RecruitmentSources, WorkforceTrainingReport } from './entities/navigator.stubs.js';
import { LocalityVacanciesResolver, RecruitmentVacanciesResolver, TrainingVacanciesResolver } from './resolvers/navigator.resolver.js';

function buildVacanciesSchema() {
  return buildFederatedSchema({
    resolvers: [VacancyResolver, VacancyMutationsResolver, VacancySubscriptionsResolver, EnterpriseVacanciesResolver, RegionVacanciesResolver,
      ZoneVacanciesResolver, ShortageResolver, LocalityVacanciesResolver, RecruitmentVacanciesResolver, TrainingVacanciesResolver, MatchVacanciesResolver],
    // Reached only through _entities (nothing here returns a zone).
    orphanedTypes: [ResettlementZone, ProjectLocality, RecruitmentSources, WorkforceTrainingReport, ResettlementMatch],
    // Enterprise, Region and ResettlementZone are stubs: the default reference resolver returns
    // the representation itself ({ bin } / { code } / { id, area }), which is all their fields need.
    // The area arrives from whoever calls _entities; it becomes a search area, so it obeys the
    // limits of AreaInput.polygon (closed rings, MAX_POLYGON_VERTICES) before any SQL sees it.
    representationChecks: {
      ResettlementZone: (zone, argument) => {
        if (!zone.area) throw new BadInput(`${argument}.area`, 'is required (nearbyVacancies @requires it)');
        parsePolygon(zone.area as GeoJsonGeometry, `${argument}.area`);
      },
    },
    referenceResolvers: {
      Vacancy: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<VacancyLoaders>) =>
          ctx.loaders.vacancyById.load(reference.id.toLowerCase()),
      },
    },
  });
}

export const vacanciesSubgraph: SubgraphDefinition<VacancyLoaders> = {
  name: 'vacancies',
  defaultPort: 4003,
  database: { schema: 'vacancies', migrations: [Migration20261123030000Vacancies, Migration20261123040000VacancyEmployerByBin, Migration20261201000000VacancyOutbox, Migration20261201120000VacancyCells, Migration20261202000000VacancyTileKey, Migration20261202100000VacancyFineCells] },
  events: true,
  buildSchema: buildVacanciesSchema,
  createLoaders: createVacancyLoaders,
  seed: vacanciesSeed,
  tiles: [tileLayer(vacancyTiles)],
};
