package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/** No more finds or registrations. */
@Revision("1")
public record HuntEnded(HuntId huntId, String by) {
}
