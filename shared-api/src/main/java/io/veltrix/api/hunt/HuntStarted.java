package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/** Finds are accepted from now on. */
@Revision("1")
public record HuntStarted(HuntId huntId, String by) {
}
