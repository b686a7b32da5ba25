import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm test` builds the UI before the tests run; a single e2e file run on its own builds
 * it here once. A lock directory keeps parallel test files from building it together.
 */
const ROOT = join(__dirname, '..', '..', '..');
export const UI_DIST = join(ROOT, 'ui', 'dist');
const LOCK = join(ROOT, 'ui', '.building');

const built = () => existsSync(join(UI_DIST, 'index.html'));

export const ensureUiBuilt = async () => {
  for (let waited = 0; !built(); waited += 250) {
    try {
      mkdirSync(LOCK);
    } catch {
      if (waited > 120_000) throw new Error('Timed out waiting for another test to build the UI');
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (!built()) {
        execFileSync(
          'npx',
          ['vite', 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'],
          {
            cwd: ROOT,
            stdio: 'inherit',
          },
        );
      }
    } finally {
      rmdirSync(LOCK);
    }
  }
};
