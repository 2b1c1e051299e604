package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/**
 * {@code username} organizes this hunt from now on, beside the account that created it and the
 * co-organizers added before: it may run it, correct its players and read its staff views.
 * {@code by} is the organizer or admin who added it.
 */
@Revision("1")
public record HuntOrganizerAdded(HuntId huntId, String username, String by) {
}
