import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Logger, Plugin } from 'vite';

/**
 * The GOV.UK and MoJ stylesheets refer to their fonts and images at `/assets/…`. This
 * plugin serves those files from the packages in development and writes them into the
 * build, so the typeface and crest load without copying binaries into the repository.
 */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

export const designSystemAssets = (packageDirs: string[]): Plugin => {
  const assets = new Map<string, string>();
  for (const dir of packageDirs) {
    for (const file of filesUnder(dir)) assets.set(`assets/${relative(dir, file)}`, file);
  }
  return {
    name: 'design-system-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const file = assets.get((request.url ?? '').split('?')[0]!.slice(1));
        if (!file || !existsSync(file)) return next();
        response.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const [fileName, file] of assets) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
      }
    },
  };
};

/** Vite warns that it cannot find `/assets/…` files at build time: this plugin writes them, so say nothing. */
export const quietAboutDesignSystemAssets = (logger: Logger): Logger => ({
  ...logger,
  warnOnce: (message, options) => {
    if (
      !/\/assets\/(fonts|images)\/\S+ referenced in .* didn't resolve at build time/.test(message)
    )
      logger.warnOnce(message, options);
  },
});
