// `npm run test:stress`: the full reliability and security suite (test/stress/*.stress.ts), one file at a
// time — each part starts its own local stack and wants the machine to itself. The short version runs in
// `npm test` from test/integration/stress-short/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/stress/**/*.stress.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
