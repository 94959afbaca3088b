import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { refuseUnsignedEntities } from '../../services/kernel/gateway-signature.js';
import { checkedBySubgraph } from './signed-fetches.js';

const SECRET = 'a'.repeat(32);

describe('the Hive gateway signs', () => {
  it('an entity fetch, which the subgraph refuses unsigned', () => {
    const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Enterprise{name}}}';
    expect(checkedBySubgraph(parse(query))).toBe(true);
    expect(refuseUnsignedEntities({ query }, SECRET)).not.toBeNull();
  });

  it('a root fetch whose text mentions _entities only in a value, as the subgraph reads the text', () => {
    const query = '{enterprises(filter:{nameContains:"_entities"}){totalCount}}';
    expect(checkedBySubgraph(parse(query))).toBe(true);
    expect(refuseUnsignedEntities({ query }, SECRET)).not.toBeNull();
  });

  it('no other fetch: the subgraph answers it unsigned', () => {
    const query = 'query($point:GeoPointInput!){enterprises(area:{near:{point:$point,radiusKm:50}},first:50){edges{node{id}}}}';
    expect(checkedBySubgraph(parse(query))).toBe(false);
    expect(refuseUnsignedEntities({ query }, SECRET)).toBeNull();
  });

  it('the same answer for a document seen again', () => {
    const document = parse('{regions{code}}');
    expect(checkedBySubgraph(document)).toBe(false);
    expect(checkedBySubgraph(document)).toBe(false);
  });
});
