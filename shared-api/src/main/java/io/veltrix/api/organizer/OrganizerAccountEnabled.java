package io.veltrix.api.organizer;

import org.axonframework.serialization.Revision;

/** The admin {@code by} let the disabled organizer account {@code username} log in again. */
@Revision("1")
public record OrganizerAccountEnabled(String accountId, String username, String by) {
}
