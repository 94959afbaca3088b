import { type DocumentNode, print } from 'graphql';
import { asksForEntities } from '../../services/kernel/gateway-signature.js';

/** Per fetch document (both planners reuse them with their cached plans): does its text mention `_entities`? */
const mentionsEntities = new WeakMap<DocumentNode, boolean>();

/**
 * Hive Gateway's `shouldSign`: the subgraph fetches a subgraph checks the signature of, those
 * whose text mentions `_entities` as the subgraph reads it (services/kernel/gateway-signature.ts).
 * The others go unsigned: WebCrypto's HMAC per fetch was a tenth of the gateway's CPU
 * (docs/architecture.md §8).
 */
export function checkedBySubgraph(document: DocumentNode): boolean {
  let mentions = mentionsEntities.get(document);
  if (mentions === undefined) {
    mentions = asksForEntities(print(document));
    mentionsEntities.set(document, mentions);
  }
  return mentions;
}
