/**
 * The nullability rule for fields that cross a subgraph boundary (docs/architecture.md §6): a
 * field another subgraph contributes to an entity, and a field returning an entity another
 * subgraph resolves, is nullable, so that subgraph's outage nulls that field alone (with
 * SUBGRAPH_UNAVAILABLE at its path) and the rest of the answer still resolves. Every such field
 * says so in its description, in the same words.
 */
export function crossSubgraph(description: string, subgraph: string): string {
  const sentence = description.trim();
  const lead = sentence && !/[.!?]$/.test(sentence) ? `${sentence}.` : sentence;
  return `${lead ? `${lead} ` : ''}Null, with a SUBGRAPH_UNAVAILABLE error at its path, while the ${subgraph} subgraph cannot be reached.`;
}
