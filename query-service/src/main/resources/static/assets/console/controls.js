// The console's table cells and the small buttons on its lists.
import { button, el } from '../shared/elements.js';

export function cell(text, cls) {
  return el('td', cls, text === null || text === undefined ? '' : String(text));
}

export function smallButton(label, cls, action) {
  return button(label, 'quiet small ' + cls, action);
}
