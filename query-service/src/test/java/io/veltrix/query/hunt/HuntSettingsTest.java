package io.veltrix.query.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueEdited;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.ClueRemoved;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A draft's lockout rule and hint texts are those of its latest events, as the projection applies them. */
class HuntSettingsTest {

    private static final HuntId HUNT = new HuntId("h1");

    private static ClueAdded added(String clue, String hint) {
        return new ClueAdded(HUNT, new ClueId(clue), clue, "riddle", 10, hint, hint == null ? 0 : 2, "salt",
                List.of("hash"), "organizer");
    }

    @Test
    void theLatestEventOfEachSettingWins() {
        HuntSettings settings = HuntSettings.of(List.of(
                new HuntCreated(HUNT, "Draft", null, null, null, 0, 5, 60, "organizer"),
                added("c1", "first hint"), added("c2", "old hint"), added("c3", null), added("c4", "gone"),
                new HuntEdited(HUNT, "Draft", null, null, null, 0, 7, 90, "organizer"),
                new ClueEdited(HUNT, new ClueId("c2"), "c2", "riddle", 10, "new hint", 2, "salt", List.of("hash"), "organizer"),
                new ClueEdited(HUNT, new ClueId("c1"), "c1", "riddle", 10, null, 0, "salt", null, "organizer"),
                new ClueRemoved(HUNT, new ClueId("c4"), "organizer")));
        assertThat(settings.maxWrongAttempts()).isEqualTo(7);
        assertThat(settings.lockoutWindowSeconds()).isEqualTo(90);
        assertThat(settings.hints()).containsOnlyKeys("c1", "c2", "c3");
        assertThat(settings.hints().get("c1")).as("the edit took the hint away").isNull();
        assertThat(settings.hints().get("c2")).isEqualTo("new hint");
        assertThat(settings.hints().get("c3")).isNull();
    }

    @Test
    void eventsThatSayNothingOfTheSettingsChangeNothing() {
        HuntSettings settings = HuntSettings.of(List.of(
                new HuntCreated(HUNT, "Draft", null, null, null, 0, 5, 60, "organizer"), added("c1", "hint"),
                new HuntPublished(HUNT, 1, "organizer")));
        assertThat(settings.maxWrongAttempts()).isEqualTo(5);
        assertThat(settings.lockoutWindowSeconds()).isEqualTo(60);
        assertThat(settings.hints()).containsEntry("c1", "hint");
    }
}
