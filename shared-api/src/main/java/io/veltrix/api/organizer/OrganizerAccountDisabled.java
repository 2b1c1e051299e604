package io.veltrix.api.organizer;

import org.axonframework.serialization.Revision;

/**
 * The admin {@code by} disabled the organizer account {@code username}: it logs in on neither
 * service until enabled again. Its hunts, their other organizers and its name in past events stay.
 */
@Revision("1")
public record OrganizerAccountDisabled(String accountId, String username, String by) {
}
