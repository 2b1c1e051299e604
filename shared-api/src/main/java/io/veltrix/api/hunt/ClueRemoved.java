package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/** A clue was taken out of a DRAFT hunt: the hunt is played as if it had never been added. */
@Revision("1")
public record ClueRemoved(HuntId huntId, ClueId clueId, String by) {
}
