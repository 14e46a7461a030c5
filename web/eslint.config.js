// Lint = the import boundaries of src/ (README "Layout"), nothing else: no style rules.
// - a feature (src/features/<f>/) never imports another feature;
// - components/, lib/ and config/ never import features/ or app/;
// - pages that combine features are composed in src/app/.
import { readdirSync } from 'node:fs';
import tsParser from '@typescript-eslint/parser';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const features = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const zones = [
  // One zone per feature: everything under features/ except itself.
  ...features.map((f) => ({
    target: `./src/features/${f}`,
    from: './src/features',
    except: [`./${f}`],
    message: 'A feature does not import another feature: compose them in src/app/ (props or slots).',
  })),
  ...['components', 'lib', 'config'].map((dir) => ({
    target: `./src/${dir}`,
    from: ['./src/features', './src/app'],
    message: `src/${dir} is shared: it must not import features or app.`,
  })),
];

export default [
  { ignores: ['dist/', 'node_modules/', 'e2e/artifacts/'] },
  // Only the boundary rule runs, so disable comments meant for other tools are not "unused".
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
    },
  },
];
