// The device credential a service hands out after a staff login succeeds (the Veltrix-Device
// header). The browser keeps it in localStorage, per account, and sends it with every request of
// that account: it spares this browser the lockout of an address that others (a venue's crowd
// behind one NAT) may have run into. Without the password it is worth nothing.

const DEVICE_HEADER = 'Veltrix-Device';

function slot(user) { return 'veltrix.console.device.' + user; }

/** The credential kept for {@code user}, as typed or as the account is named (lower case). */
function deviceOf(user) {
  try {
    return user ? localStorage.getItem(slot(user)) || localStorage.getItem(slot(user.toLowerCase())) : null;
  } catch (unavailable) { return null; }
}

/** The header that carries {@code user}'s credential, or none when this browser has none. */
export function deviceHeaders(user) {
  const device = deviceOf(user);
  return device ? { [DEVICE_HEADER]: device } : {};
}

/** Keeps a credential an answer (its headers) handed out for {@code user}: a new one, or the old one renewed. */
export function keepDevice(user, headers) {
  const issued = headers && headers.get(DEVICE_HEADER);
  if (!user || !issued) { return; }
  try { localStorage.setItem(slot(user), issued); } catch (unavailable) { /* private mode: none kept */ }
}
