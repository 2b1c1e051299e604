package io.veltrix.query.hunt;

import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a hunt's stream says, as of its last event, about the settings the staff view (and the
 * console's edit form of a draft) shows and the hunt summary held only from query V13 on: the lockout rule and each clue's hint
 * text (null for a clue without one). The same events, read in order, as the projection applies them.
 */
record HuntSettings(Integer maxWrongAttempts, Integer lockoutWindowSeconds, Map<String, String> hints) {

    static HuntSettings of(Iterable<?> payloads) {
        Integer maxWrong = null;
        Integer window = null;
        Map<String, String> hints = new LinkedHashMap<>();
        for (Object payload : payloads) {
            if (payload instanceof HuntCreated e) {
                maxWrong = e.maxWrongAttempts();
                window = e.lockoutWindowSeconds();
            } else if (payload instanceof HuntEdited e) {
                maxWrong = e.maxWrongAttempts();
                window = e.lockoutWindowSeconds();
            } else if (payload instanceof ClueAdded e) {
                hints.put(e.clueId().value(), e.hint());
            } else if (payload instanceof ClueEdited e) {
                hints.put(e.clueId().value(), e.hint());
            } else if (payload instanceof ClueRemoved e) {
                hints.remove(e.clueId().value());
            }
        }
        return new HuntSettings(maxWrong, window, Collections.unmodifiableMap(hints));
    }
}
