package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/** Registration opened and the clue set froze. */
@Revision("1")
public record HuntPublished(HuntId huntId, int clueCount, String by) {
}
