// One fake server per vendor destination of <lead-capture>; see CONTRACTS.md.
export { VendorFake } from './http-fake.mjs';
export { HubSpotFake } from './hubspot.mjs';
export { MauticFake } from './mautic.mjs';
export { FormspreeFake } from './formspree.mjs';
export { NetlifyFake } from './netlify.mjs';
export { SalesforceFake } from './salesforce.mjs';
export { AppsScriptFake, jsonOutput, textOutput } from './apps-script.mjs';
export { ZapierFake } from './zapier.mjs';
export { MakeFake } from './make.mjs';
export { PipedreamFake } from './pipedream.mjs';
