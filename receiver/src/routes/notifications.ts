import type { Context } from '../context.js';
import { HttpProblem, json } from '../http.js';
import { notificationStatuses, notificationsByStatus, notificationsOfLead, retryNotification, type NotificationStatus } from '../notifications/outbox.js';
import { badParameter, isUuid, limitParameter } from './query.js';

/**
 * The inbox's view of notifications (issue 25), behind the same session as the rest of /api
 * (api.ts checks it before dispatching here):
 * - `GET /api/leads/:id/notifications`: which notifications went where and when, for one lead;
 * - `GET /api/notifications?status=failed`: the list by status (newest first), with the last error;
 * - `POST /api/notifications/:id/retry`: send a failed (or waiting) one now.
 */

export async function notificationsRoute(context: Context, request: Request, url: URL, path: string): Promise<Response> {
  const db = context.store.db;
  const method = request.method;

  const ofLead = /^\/api\/leads\/([^/]+)\/notifications$/.exec(path);
  if (ofLead) {
    if (method !== 'GET') throw methodNotAllowed('GET');
    const id = decodeURIComponent(ofLead[1]!).toLowerCase();
    if (!isUuid(id) || !(await context.store.getLead(id))) throw notFound('No such lead (it may have been erased).');
    return json(200, { notifications: await notificationsOfLead(db, id) });
  }

  if (path === '/api/notifications') {
    if (method !== 'GET') throw methodNotAllowed('GET');
    const status = url.searchParams.get('status') ?? undefined;
    if (status !== undefined && !(notificationStatuses as readonly string[]).includes(status)) {
      throw badParameter('status', `status is one of ${notificationStatuses.join(', ')}.`);
    }
    const limit = limitParameter(url, 50, 200);
    return json(200, { notifications: await notificationsByStatus(db, status as NotificationStatus | undefined, limit) });
  }

  const retry = /^\/api\/notifications\/([^/]+)\/retry$/.exec(path);
  if (retry) {
    if (method !== 'POST') throw methodNotAllowed('POST');
    const id = decodeURIComponent(retry[1]!).toLowerCase();
    const result = isUuid(id) ? await retryNotification(db, id, context.now()) : undefined;
    if (!result) throw notFound('No such notification.');
    if (result === 'sent') throw new HttpProblem(409, 'Already sent', 'This notification was delivered; it is not sent twice.');
    context.log(`notification ${id} retry requested`);
    return json(202, result);
  }

  throw notFound('Nothing here: see docs/notifications.md for the API.');
}

function notFound(detail: string): HttpProblem {
  return new HttpProblem(404, 'Not found', detail);
}

function methodNotAllowed(allow: string): HttpProblem {
  return new HttpProblem(405, 'Method not allowed', `Use ${allow}.`, { headers: { Allow: allow } });
}
