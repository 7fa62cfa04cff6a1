// npm start: the demo on the real receiver. The receiver (lead-capture-receiver) listens on
// 127.0.0.1:8787 with its embedded database in .leads/ and a fresh inbox password printed below;
// Vite serves the demo pages on 127.0.0.1:5173, whose widgets post cross-origin to the receiver.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'vite';

const receiverPort = 8787;
const demoOrigins = ['http://127.0.0.1:5173', 'http://localhost:5173'];

if (!existsSync('receiver/dist/cli.js')) {
  console.log('The receiver is not built yet: running npm run build…');
  const build = spawn(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const code = await new Promise((resolve) => build.once('exit', resolve));
  if (code !== 0) process.exit(1);
}

// A new password each start unless you choose one; the demo's inbox is on your machine only.
const password = process.env.LEAD_INBOX_PASSWORD || randomBytes(9).toString('base64url');
const receiver = spawn(
  process.execPath,
  ['receiver/bin/lead-capture-receiver.js', '--port', String(receiverPort), '--host', '127.0.0.1', '--data', '.leads', '--allow-origin', demoOrigins.join(',')],
  { stdio: 'inherit', env: { ...process.env, LEAD_INBOX_PASSWORD: password } },
);
const receiverExit = new Promise((resolve) => receiver.once('exit', resolve));

/** `/` opens the demo. */
const demoHome = {
  name: 'demo-home',
  configureServer(server) {
    server.middlewares.use((request, response, next) => {
      if (request.url === '/') response.writeHead(302, { Location: '/demo/' }).end();
      else next();
    });
  },
};

const vite = await createServer({ plugins: [demoHome] });
await vite.listen();
console.log(`\nDemo page:       http://127.0.0.1:5173/demo/  (its widget posts to http://127.0.0.1:${receiverPort}/leads)`);
console.log(`Inbox:           http://127.0.0.1:${receiverPort}/inbox/`);
console.log('Builder:         http://127.0.0.1:5173/builder/  (configure the widget, test your endpoint, copy the code)');
console.log(`Inbox password:  ${password}  (new at each start; set LEAD_INBOX_PASSWORD to choose one)\n`);

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await vite.close();
  if (receiver.exitCode === null) receiver.kill('SIGTERM');
  await receiverExit;
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
void receiverExit.then((code) => {
  if (!stopping) {
    console.error(`The receiver stopped (exit ${code}); stopping the demo.`);
    void stop(typeof code === 'number' && code !== 0 ? code : 1);
  }
});
