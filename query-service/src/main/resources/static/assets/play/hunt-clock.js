// The hunt's time as the player sees it: whether answers are open, the countdowns to its start and
// end, and when a timed start or end has passed without the hunt saying so yet.
import { hunt, huntReadAt } from './hunt-reading.js';

const DEADLINE_POLL_MS = 2000;

export function duration(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return (h > 0 ? h + ':' : '') + mm + ':' + String(s).padStart(2, '0');
}

export function isRunning() {
  return hunt && hunt.status === 'RUNNING';
}

export function huntStateText(now) {
  if (!hunt) { return ''; }
  switch (hunt.status) {
    case 'PUBLISHED':
      return hunt.startsAt ? 'Not started yet · starts in ' + duration(Date.parse(hunt.startsAt) - now)
        : 'Not started yet · the organizers start it soon';
    case 'RUNNING': {
      let text = 'Running';
      if (hunt.endsAt) { text += ' · ' + duration(Date.parse(hunt.endsAt) - now) + ' left'; }
      if (hunt.frozenAt && Date.parse(hunt.frozenAt) <= now) { text += ' · board frozen'; }
      return text;
    }
    case 'ENDED':
      return 'Ended · thanks for playing';
    default:
      return hunt.status;
  }
}

/** A timed start or end has passed but the hunt still says otherwise: read it again, every few seconds. */
export function deadlinePassed(now) {
  const due = hunt.status === 'PUBLISHED' ? hunt.startsAt : hunt.status === 'RUNNING' ? hunt.endsAt : null;
  return due && Date.parse(due) <= now && now - huntReadAt >= DEADLINE_POLL_MS;
}
