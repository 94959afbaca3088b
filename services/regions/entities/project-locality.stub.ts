import { Directive, ObjectType } from 'type-graphql';
import { ProjectLocalityPlace } from '../../kernel/graphql/navigator-types.js';

/**
 * The projects subgraph's locality of a project, as this subgraph receives it: the place and
 * radius come with the reference (`@requires`), and the population around it is answered here
 * (docs/architecture.md "The navigator").
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class ProjectLocality extends ProjectLocalityPlace {}
