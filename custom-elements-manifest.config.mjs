// `npm run analyze`: the manifest is generated from the JSDoc on the classes and committed.
// Modules are sorted by path so the file does not depend on the order the file system
// lists directories in (a fresh clone lists them differently and CI would call it stale).
export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  plugins: [
    {
      name: 'sort-modules-by-path',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((first, second) => first.path.localeCompare(second.path));
      },
    },
  ],
};
