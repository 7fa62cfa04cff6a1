// A real HTTP endpoint for the browser tests, mounted in web-test-runner's dev server.
// Each test uses its own bucket (a random path segment), scripts the responses it wants,
// and afterwards asks what the server actually received: method, headers, body.
//
//   POST /test-endpoint/<bucket>/script    body: [{ status, headers?, body?, delayMs? }, ...]
//   POST /test-endpoint/<bucket>/leads     the endpoint under test; answers from the script, else 201
//   GET  /test-endpoint/<bucket>/received  what /leads received, in order

const buckets = new Map();

function bucketFor(name) {
  if (!buckets.has(name)) buckets.set(name, { script: [], received: [] });
  return buckets.get(name);
}

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(context, status, body, headers = {}) {
  context.status = status;
  for (const [name, value] of Object.entries(headers)) context.set(name, value);
  if (body !== undefined) context.body = typeof body === 'string' ? body : JSON.stringify(body);
}

export function testEndpoint() {
  return async function testEndpointMiddleware(context, next) {
    const match = /^\/test-endpoint\/([\w-]+)\/(script|leads|received)$/.exec(context.path);
    if (!match) return next();
    const [, name, action] = match;
    const bucket = bucketFor(name);
    if (action === 'script' && context.method === 'POST') {
      bucket.script.push(...JSON.parse(await readBody(context.req)));
      return reply(context, 204);
    }
    if (action === 'received' && context.method === 'GET') {
      return reply(context, 200, bucket.received, { 'Content-Type': 'application/json' });
    }
    if (action === 'leads') {
      const body = await readBody(context.req);
      bucket.received.push({ method: context.method, url: context.url, headers: context.headers, body, cookie: context.headers.cookie ?? null });
      const step = bucket.script.shift() ?? { status: 201, body: { ok: true } };
      if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
      return reply(context, step.status, step.body, { 'Content-Type': 'application/json', ...step.headers });
    }
    return next();
  };
}
