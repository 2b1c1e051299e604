package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/**
 * {@code username} no longer organizes this hunt: it may not run it or read its staff views. At
 * least one organizer remains. {@code by} is the hunt's owner or the admin who removed it.
 */
@Revision("1")
public record HuntOrganizerRemoved(HuntId huntId, String username, String by) {
}
