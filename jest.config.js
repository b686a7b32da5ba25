/** Tests compile with swc (fast, CommonJS); `npm run typecheck` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/domain', '<rootDir>/cli'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // ESM-only dependencies (cookie, used by fastify's inject; jose) are compiled to CommonJS too.
  transformIgnorePatterns: [
    '/node_modules/(?!(cookie|jose|content-disposition|mercurius|quick-lru)/)',
  ],
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
