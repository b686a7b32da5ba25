import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, defineConfig } from 'vite';
import { designSystemAssets, quietAboutDesignSystemAssets } from './design-system-assets.ts';

const ui = dirname(fileURLToPath(import.meta.url));
const modules = join(ui, '..', 'node_modules');

/** The back-office UI: built into ui/dist, which the API process serves at `/`. */
export default defineConfig(({ command }) => ({
  root: ui,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [
    designSystemAssets([
      join(modules, 'govuk-frontend', 'dist', 'govuk', 'assets'),
      join(modules, '@ministryofjustice', 'frontend', 'moj', 'assets'),
    ]),
  ],
  // Builds say only what needs attention; the development server says where it is.
  customLogger: quietAboutDesignSystemAssets(createLogger(command === 'build' ? 'warn' : 'info')),
  build: {
    outDir: join(ui, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    // The design systems ship their stylesheets minified, with old Internet Explorer hacks
    // a second minifier refuses; our own styles are a few lines.
    cssMinify: false,
  },
  // `vite --config ui/vite.config.ts` for development, against an API on :3000.
  server: {
    proxy: Object.fromEntries(
      ['/graphql', '/auth', '/api', '/health'].map((path) => [
        path,
        { target: 'http://localhost:3000', ws: path === '/graphql' },
      ]),
    ),
  },
}));
