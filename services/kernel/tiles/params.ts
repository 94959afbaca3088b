import { BadInput } from '../errors.js';

/** How a tile filter's query parameter is read before the layer hands it to its GraphQL filter's validation. */
export type ParamKind = 'boolean' | 'integer' | 'string' | { enum: readonly string[] };

export type ParamValue = string | number | boolean;

/**
 * Query parameters of a tile URL into the shape of the layer's GraphQL filter input (same
 * names), or BadInput naming the parameter: unknown names and repeated ones are refused
 * rather than ignored, so a typo never silently widens what the map shows.
 */
export function readFilterParams(params: URLSearchParams, kinds: Record<string, ParamKind>): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const name of new Set(params.keys())) {
    const kind = kinds[name];
    if (!kind) {
      const known = Object.keys(kinds);
      throw new BadInput(name, known.length ? `is not a filter of this layer (filters: ${known.join(', ')})` : 'this layer has no filters');
    }
    const all = params.getAll(name);
    if (all.length > 1) throw new BadInput(name, 'is given more than once');
    const text = all[0]!;
    if (kind === 'boolean') {
      if (text !== 'true' && text !== 'false') throw new BadInput(name, 'must be true or false');
      values[name] = text === 'true';
    } else if (kind === 'integer') {
      if (!/^-?\d{1,10}$/.test(text) || !Number.isSafeInteger(Number(text))) throw new BadInput(name, 'must be an integer');
      values[name] = Number(text);
    } else if (kind === 'string') {
      values[name] = text;
    } else {
      if (!kind.enum.includes(text)) throw new BadInput(name, `must be one of ${kind.enum.join(', ')}`);
      values[name] = text;
    }
  }
  return values;
}
