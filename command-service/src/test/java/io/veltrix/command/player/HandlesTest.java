package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.api.rule.RuleViolation;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Handle keys: two handles collide when they share a key. */
class HandlesTest {

    private static boolean collide(String a, String b) {
        return !Collections.disjoint(Handles.keys(Handles.clean(a)), Handles.keys(Handles.clean(b)));
    }

    @Test
    void handlesThatDifferOnlyInCaseCollide() {
        assertThat(collide("Treasure Seeker", "TREASURE seeker")).isTrue();
        assertThat(collide("IAN", "ian")).isTrue();
        assertThat(collide("Straße", "STRASSE")).isTrue();
    }

    @Test
    void handlesThatLookAlikeCollide() {
        assertThat(collide("Alice", "\u0410lice")).as("Cyrillic A").isTrue();
        assertThat(collide("alice", "\u0430lice")).as("Cyrillic a").isTrue();
        assertThat(collide("paypal", "\u0440\u0430\u0443\u0440\u0430l")).as("all Cyrillic but the l").isTrue();
        assertThat(collide("lan", "Ian")).as("capital I for l").isTrue();
        assertThat(collide("bob", "B0B")).as("zero for o").isTrue();
        assertThat(collide("bob", "b0b")).as("zero for o").isTrue();
        assertThat(collide("modern", "rnodern")).as("rn for m").isTrue();
        assertThat(collide("Zoë", "Zoe\u0308")).as("a combining diaeresis").isTrue();
        assertThat(collide("ｓｅｅｋｅｒ", "seeker")).as("fullwidth letters").isTrue();
    }

    @Test
    void differentHandlesDoNotCollide() {
        assertThat(collide("Alice", "Alicia")).isFalse();
        assertThat(collide("ian", "lan")).isFalse();
        assertThat(collide("racer-1", "racer-2")).isFalse();
        assertThat(collide("Zoë", "Zoe")).isFalse();
    }

    @Test
    void aHandleHasOneKeyUnlessItsCaseHidesALookAlike() {
        assertThat(Handles.keys("treasure seeker")).hasSize(1);
        assertThat(Handles.keys("Ian")).hasSize(2);
    }

    @Test
    void invisibleCharactersAreNamedInTheRefusal() {
        assertThatThrownBy(() -> Handles.clean("Alice\uFE0F"))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("invisible or formatting characters (U+FE0F)");
        assertThatThrownBy(() -> Handles.clean("\u3164\u3164\u3164"))
                .hasMessageContaining("(U+3164)");
        assertThatThrownBy(() -> Handles.clean("Bob\uFFA0")).hasMessageContaining("(U+FFA0)");
    }
}
