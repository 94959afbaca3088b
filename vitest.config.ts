import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (`main`) and ESM (`module`) builds. Node loads the CJS one for the
    // libraries (type-graphql, Apollo); Vite would pick the ESM one for our sources, and two
    // copies of graphql reject each other's types. Pin our sources to the copy Node loads.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    setupFiles: ['reflect-metadata'],
    pool: 'forks',
    // `npm test` runs both projects; `npm run test:unit` / `npm run test:integration` one of them.
    projects: [
      {
        // Tests beside the code in services/, gateway/ and scripts/ are unit tests: pure rules, no
        // database, no federation, no global setup. A test that needs either belongs in test/.
        extends: true,
        test: {
          name: 'unit',
          include: ['services/**/*.test.ts', 'gateway/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        // Tests in test/ run against one federation on one fresh database (test/support/global-setup.ts).
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // Statement-count assertions read each subgraph's process-wide counter: files run one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
