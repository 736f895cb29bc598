// Bundles the viewer (with three.js from node_modules), the Showcase SDK and the Model API explorer (GraphiQL, React)
// into the server's wwwroot.
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
  legalComments: 'eof', // keeps the licence notices (three.js, React, GraphiQL, CodeMirror…) in the bundles
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: [join(here, 'src', 'viewer.js')], outfile: join(wwwroot, 'js', 'viewer.js') }),
  // GraphiQL: wwwroot/js/explorer.js and, from the CSS it imports, wwwroot/js/explorer.css (fonts inlined).
  build({
    ...common,
    entryPoints: [join(here, 'src', 'explorer.jsx')],
    outfile: join(wwwroot, 'js', 'explorer.js'),
    jsx: 'automatic',
    // GraphiQL's own build carries no licence comment: name it and its licence here.
    banner: { js: '/*! Spacegate Model API explorer. Bundles GraphiQL, @graphiql/* and codemirror-graphql (MIT, GraphQL Contributors), React (MIT, Meta), CodeMirror 5 (MIT), graphql-js (MIT) and their dependencies; their licence notices follow at the end. */' },
    define: { 'process.env.NODE_ENV': '"production"' }, // React's production build
  }),
  // The SDK stays readable: integrators step through it in their own pages.
  build({ ...common, minify: false, entryPoints: [join(here, 'src', 'sdk.js')], outfile: join(wwwroot, 'sdk', 'showcase-sdk.js') }),
]);
await mkdir(join(wwwroot, 'sdk'), { recursive: true });
await copyFile(join(here, 'src', 'sdk', 'showcase-sdk.d.ts'), join(wwwroot, 'sdk', 'showcase-sdk.d.ts'));
