import { type ArgumentNode, type DirectiveNode, Kind, parse, print, visit } from 'graphql';

/**
 * Hive Gateway's JavaScript planner (graphql-tools stitching) serves a field with
 * `@requires` from an isolated copy of its subgraph, and that copy's entity types lose their
 * keys: `Query.vacancies`, every mutation returning a Vacancy and every Vacancy reached through
 * `ResettlementZone.nearbyVacancies` were planned on the copy, and the vacancies subgraph was
 * asked a second time (`_entities` by Vacancy id) for `region { code }` or `enterprise { bin }`
 * it had already sent: a second SQL statement in headline query 3 and in postVacancy
 * (test/headline.test.ts, test/vacancies/mutations.test.ts count them).
 *
 * When every required field is a plain field of the entity itself, the requirement says the
 * same as a key for that subgraph: the gateway fetches `area` first and sends `{ id, area }`
 * in the representation either way, which is what the subgraph's reference resolver reads.
 * So the planner is handed the checked-in supergraph with such requirements moved into that
 * subgraph's key, and no isolated copy is made. Nested requirements are left as they are.
 */
const FLAT_FIELD_SET = /^\s*[_A-Za-z]\w*(\s+[_A-Za-z]\w*)*\s*$/;

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  if (value?.kind === Kind.STRING) return value.value;
  if (value?.kind === Kind.ENUM) return value.value;
  return undefined;
}

function withKey(directive: DirectiveNode, key: string): DirectiveNode {
  const keyArgument: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'key' },
    value: { kind: Kind.STRING, value: key },
  };
  return { ...directive, arguments: directive.arguments?.map((argument) => (argument.name.value === 'key' ? keyArgument : argument)) };
}

export function requirementsAsKeys(supergraphSdl: string): string {
  const document = visit(parse(supergraphSdl), {
    ObjectTypeDefinition(type) {
      const keyedGraphs = new Set(
        (type.directives ?? [])
          .filter((directive) => directive.name.value === 'join__type' && stringArgument(directive, 'key'))
          .map((directive) => stringArgument(directive, 'graph')),
      );
      const ownFields = new Set((type.fields ?? []).map((field) => field.name.value));
      const requiredByGraph = new Map<string, Set<string>>();
      const fields = (type.fields ?? []).map((field) => ({
        ...field,
        directives: field.directives?.map((directive) => {
          if (directive.name.value !== 'join__field') return directive;
          const graph = stringArgument(directive, 'graph');
          const requires = stringArgument(directive, 'requires');
          if (!graph || !requires || !keyedGraphs.has(graph) || !FLAT_FIELD_SET.test(requires)) return directive;
          const required = requires.trim().split(/\s+/);
          if (!required.every((name) => ownFields.has(name))) return directive;
          const set = requiredByGraph.get(graph) ?? new Set<string>();
          for (const name of required) set.add(name);
          requiredByGraph.set(graph, set);
          return { ...directive, arguments: directive.arguments?.filter((argument) => argument.name.value !== 'requires') };
        }),
      }));
      if (requiredByGraph.size === 0) return undefined;
      const directives = (type.directives ?? []).map((directive) => {
        const graph = stringArgument(directive, 'graph');
        const key = stringArgument(directive, 'key');
        const required = graph ? requiredByGraph.get(graph) : undefined;
        if (directive.name.value !== 'join__type' || !key || !required) return directive;
        return withKey(directive, [key, ...[...required].filter((name) => !key.split(/\s+/).includes(name))].join(' '));
      });
      return { ...type, fields, directives };
    },
  });
  return print(document);
}
