import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'infra/**/*.test.ts', 'functions/**/*.test.ts', 'resolvers/**/*.test.ts', 'web/src/**/*.test.tsx', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Node 20 is supported here; the SDK's notice about its 2027 releases is noise in every test's output
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
