import { defaultParamsSerializer } from '@graphql-hive/gateway-runtime';
import { describe, expect, it } from 'vitest';
import { gatewaySignature, refuseUnsignedEntities, SIGNATURE_EXTENSION, stableJson } from './gateway-signature.js';

const SECRET = 'a'.repeat(32);
const ENTITIES = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Region{name}}}';

describe('gateway signatures', () => {
  it('sign the text Hive Gateway signs', () => {
    const params = { query: ENTITIES, variables: { representations: [{ code: 'KZ-35', __typename: 'Region', area: [1.5, null] }] } };
    expect(stableJson({ query: params.query, variables: params.variables })).toBe(defaultParamsSerializer(params));
    expect(stableJson({ query: '{ regions { code } }', variables: undefined })).toBe(defaultParamsSerializer({ query: '{ regions { code } }', variables: {} }));
  });

  it('let a signed _entities request through and refuse an unsigned or wrongly signed one', () => {
    const request = { query: ENTITIES, variables: { representations: [{ __typename: 'Region', code: 'KZ-35' }] } };
    const signature = gatewaySignature(SECRET, request);
    expect(refuseUnsignedEntities({ ...request, extensions: { [SIGNATURE_EXTENSION]: signature } }, SECRET)).toBeNull();
    expect(refuseUnsignedEntities(request, SECRET)?.extensions.code).toBe('FORBIDDEN');
    expect(refuseUnsignedEntities({ ...request, extensions: { [SIGNATURE_EXTENSION]: gatewaySignature('b'.repeat(32), request) } }, SECRET)).not.toBeNull();
    const tampered = { ...request, variables: { representations: [{ __typename: 'Region', code: 'KZ-55' }] } };
    expect(refuseUnsignedEntities({ ...tampered, extensions: { [SIGNATURE_EXTENSION]: signature } }, SECRET)).not.toBeNull();
  });

  it('do not concern a request without _entities', () => {
    expect(refuseUnsignedEntities({ query: '{ regions { code } }' }, SECRET)).toBeNull();
  });
});
