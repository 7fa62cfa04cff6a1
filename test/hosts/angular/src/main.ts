import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

// README (Angular) says `import 'lead-capture';` at the top of this file. The test needs the
// same app both ways, so it imports the package before bootstrapping, or (`?late`, late
// registration) after the first render, as a lazy-loaded route would.
const late = new URLSearchParams(location.search).has('late');

async function start(): Promise<void> {
  if (!late) await import('lead-capture');
  await bootstrapApplication(App, appConfig);
  if (late) await import('lead-capture');
}

start().catch((err) => console.error(err));
