// Reading and filling the console's form fields: numbers and instants, where an empty field means
// "not given" (the service's default).
import { $ } from '../shared/elements.js';

export function numberOrNull(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number(value);
}

export function instantOrNull(id) {
  const value = $(id).value;
  return value ? new Date(value).toISOString() : null;
}

/** An instant as a datetime-local field shows it: in the browser's time zone, to the minute. */
export function localInput(instant) {
  if (!instant) { return ''; }
  const date = new Date(instant);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

/** What a field shows for a value the hunt may not have: nothing. */
export function fieldValue(value) {
  return value === undefined || value === null ? '' : value;
}

/** The body with those of the optional fields that were given. */
export function withGiven(body, optional) {
  Object.keys(optional).forEach((field) => { if (optional[field] !== null) { body[field] = optional[field]; } });
  return body;
}
