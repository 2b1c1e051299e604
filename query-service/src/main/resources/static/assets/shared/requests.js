// Requests to the services, as both the player page and the organizers' console make them: JSON
// reads, commands posted with an Idempotency-Key, and what a problem+json answer says.

/**
 * An answer as the pages read it: its status, the JSON body (or the text, when it is not JSON, or
 * null when empty) and how many seconds the service asks to wait before the same request again.
 */
export async function answerOf(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (notJson) { body = text; }
  return { status: response.status, ok: response.ok, body: body, retryAfter: retryAfterOf(response, body),
    headers: response.headers };
}

function retryAfterOf(response, body) {
  const header = Number(response.headers.get('Retry-After'));
  if (header > 0) { return header; }
  return body && body.retryAfterSeconds > 0 ? body.retryAfterSeconds : 1;
}

/** A read that never comes from the browser's cache, with {@code extraHeaders} if any; rejects only when no answer came. */
export async function getJson(path, authorization, extraHeaders) {
  const headers = Object.assign({ Accept: 'application/json' }, extraHeaders);
  if (authorization) { headers.Authorization = authorization; }
  return answerOf(await fetch(path, { headers: headers, cache: 'no-store' }));
}

/**
 * A command under the given Idempotency-Key: sent again with the same key, it is answered as the
 * first time and never counts twice. Sends {@code extraHeaders} too, if any. Rejects only when no
 * answer came (offline, dropped).
 */
export async function postCommand(url, body, key, authorization, extraHeaders) {
  const headers = Object.assign({ 'Idempotency-Key': key }, extraHeaders);
  if (authorization) { headers.Authorization = authorization; }
  const hasBody = body !== undefined && body !== null;
  if (hasBody) { headers['Content-Type'] = 'application/json'; }
  return answerOf(await fetch(url, {
    method: 'POST', headers: headers, body: hasBody ? JSON.stringify(body) : undefined, cache: 'no-store'
  }));
}

/** The last part of a problem's type URI, e.g. 'wrong-join-code', or '' when the answer is no problem. */
export function problemType(body) {
  return body && typeof body.type === 'string' ? body.type.split('/').pop() : '';
}

/** The problem's explanation for a person, or '' when it gives none. */
export function problemDetail(body) {
  return (body && body.detail) || '';
}

/**
 * Where commands are posted ('' for this origin) and the address players' phones reach this
 * service at ('' for this origin); rejects when the service cannot be reached.
 */
export async function webConfig() {
  const answer = await getJson('/api/web-config');
  if (!answer.body || typeof answer.body !== 'object') { throw new Error('no web configuration: ' + answer.status); }
  return { commandUrl: answer.body.commandUrl || '', publicUrl: answer.body.publicUrl || '' };
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
