package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/**
 * From now on registrations need the join code hashed as {@code joinCodeHash} (as in
 * {@link HuntCreated}), or none when it is null. Players already registered stay.
 */
@Revision("1")
public record JoinCodeChanged(HuntId huntId, String joinCodeHash, String by) {
}
