// Bundles the viewer (with three.js from node_modules) and the Showcase SDK into the server's wwwroot.
// Run by the server build (Spacegate.Server.csproj, target ClientAppBundle) or by `npm run build`.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const wwwroot = join(here, '..', 'wwwroot');

const common = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minify: true,
  legalComments: 'eof', // keeps three.js's licence notice in the bundle
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: [join(here, 'src', 'viewer.js')], outfile: join(wwwroot, 'js', 'viewer.js') }),
  // The SDK stays readable: integrators step through it in their own pages.
  build({ ...common, minify: false, entryPoints: [join(here, 'src', 'sdk.js')], outfile: join(wwwroot, 'sdk', 'showcase-sdk.js') }),
]);
await mkdir(join(wwwroot, 'sdk'), { recursive: true });
await copyFile(join(here, 'src', 'sdk', 'showcase-sdk.d.ts'), join(wwwroot, 'sdk', 'showcase-sdk.d.ts'));
