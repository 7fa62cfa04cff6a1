// The widget's manifest, imported as data (Vite inlines JSON); only the parts the builder reads are typed.
declare module '*/custom-elements.json' {
  const manifest: { modules: unknown[] };
  export default manifest;
}
