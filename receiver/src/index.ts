export { createReceiver, checkOptions, type Receiver } from './handler.js';
export type { ReceiverOptions } from './options.js';
export type { RequestInfo } from './context.js';
export { openDatabase, isPostgresUrl, type Database, type Queryable, type QueryResult } from './store/database.js';
export { LeadStore, type LeadStoredHook, type LeadFilters, type StoreOutcome } from './store/store.js';
export { DataDirectoryLocked } from './store/lock.js';
export { buildQueue, defaultCallWindows, type CallWindows, type QueueItem, type LaterItem, type WindowHours } from './rules/queue.js';
export { computeReport, assembleReport, type Report, type OfferReport } from './rules/report.js';
export type { FollowUp, StoredLead } from './rules/follow-ups.js';
