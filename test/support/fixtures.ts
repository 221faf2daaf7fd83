import { expect } from 'vitest';
import type { ApiClient } from './api-client';
import { sampleComplaintBody } from '../../scripts/local/sample-complaint';

/** A real 1×1 PNG. */
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Asks for an upload ticket and posts the bytes to the local S3 the way the mini-app does. */
export async function uploadPhoto(api: ApiClient, bytes: Buffer = PNG_BYTES, contentType = 'image/png'): Promise<string> {
  const ticket = await api.call('POST', '/api/uploads', { contentType, size: bytes.length }).expect(201);
  return postToTicket(ticket, bytes, contentType);
}

/** Uploads a list of sources for import (a bureau officer's client). */
export async function uploadImportFile(api: ApiClient, bytes: Uint8Array, format: 'csv' | 'xlsx'): Promise<string> {
  const ticket = await api.call('POST', '/api/sources/imports/uploads', { format, size: bytes.length }).expect(201);
  return postToTicket(ticket, Buffer.from(bytes), ticket.fields['Content-Type']);
}

/** Runs an import through the API: upload, start, and wait for the background job to finish. */
export async function runImport(api: ApiClient, bytes: Uint8Array, format: 'csv' | 'xlsx', dryRun: boolean, timeoutMs = 20_000) {
  const uploadKey = await uploadImportFile(api, bytes, format);
  const started = await api.call('POST', '/api/sources/imports', { uploadKey, dryRun }).expect(202);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await api.call('GET', `/api/sources/imports/${started.id}`).expect(200);
    if (job.status === 'done' || job.status === 'failed' || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function postToTicket(ticket: { url: string; key: string; fields: Record<string, string> }, bytes: Buffer, contentType: string): Promise<string> {
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'photo');
  const response = await fetch(ticket.url, { method: 'POST', body: form });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return ticket.key as string;
}

export const complaintBody = sampleComplaintBody;

let keyCounter = 0;
export const newIdempotencyKey = () => `test-key-${Date.now()}-${++keyCounter}`;

export async function submitComplaint(api: ApiClient, overrides: Record<string, unknown> = {}) {
  return api.call('POST', '/api/complaints', complaintBody(overrides), { 'idempotency-key': newIdempotencyKey() }).expect(201);
}

/** Waits for the stream consumer to deliver notifications. */
export async function waitForNotifications(api: ApiClient, atLeast: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await api.call('GET', '/api/notifications').expect(200);
    if (list.items.length >= atLeast || Date.now() > deadline) return list;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** What every source event carries, for tests of what an event tells whom (notifications). */
export const sourceEventBase = (now: Date) => ({
  sourceId: 's',
  eventId: '01E',
  at: now.toISOString(),
  actorId: 'officer',
  actorRole: 'officer' as const,
  districtCode: '310106',
  sourceName: '面馆',
});
