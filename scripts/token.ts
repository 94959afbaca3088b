import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../services/kernel/auth.js';
import { ensureDevSecret, signDevToken } from '../services/kernel/dev-tokens.js';

/**
 * `npm run token -- --role employer --bin 940140000385` prints a development token (HS256 with
 * JWT_SECRET, or the secret `npm start` keeps in .data/). Paste it in the GraphQL page's headers
 * as `Authorization: Bearer <token>`.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    bin: { type: 'string' },
    iin: { type: 'string' },
    regions: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});

const roles = (values.role ?? []) as Role[];
const unknown = roles.filter((role) => !ROLES.includes(role));
if (roles.length === 0 || unknown.length > 0) {
  console.error(`usage: npm run token -- --role <${ROLES.join('|')}> [--bin BIN] [--iin IIN] [--regions KZ-35,KZ-55] [--expires 8h]`);
  process.exit(2);
}
await ensureDevSecret();
const token = await signDevToken(
  {
    sub: values.sub ?? `dev-${roles.join('-')}`,
    roles,
    ...(values.bin ? { bin: values.bin } : {}),
    ...(values.iin ? { iin: values.iin } : {}),
    ...(values.regions ? { regions: values.regions.split(',') } : {}),
  },
  { expiresIn: values.expires },
);
console.log(token);
