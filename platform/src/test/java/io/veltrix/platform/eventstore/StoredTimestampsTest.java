package io.veltrix.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** The digit-by-digit reading of stored timestamps agrees with Axon's parser on every form the store holds. */
class StoredTimestampsTest {

    @Test
    void instantsWrittenByAxonOrInstantToStringReadBackExactly() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(0, 253_402_300_799L); // 1970 .. 9999
            // every precision: whole seconds, millis, micros, nanos
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(StoredTimestamps.parse(instant.toString())).isEqualTo(instant);
            String axon = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(axon)).as(axon).isEqualTo(DateTimeUtils.parseInstant(axon));
        }
    }

    @Test
    void fractionsOfAnyLengthScaleToNanoseconds() {
        assertThat(StoredTimestamps.parse("2026-11-26T15:56:24.6Z")).isEqualTo(Instant.parse("2026-11-26T15:56:24.600Z"));
        assertThat(StoredTimestamps.parse("2026-11-26T15:56:24.0649Z")).isEqualTo(Instant.parse("2026-11-26T15:56:24.064900Z"));
        assertThat(StoredTimestamps.parse("2026-11-26T15:56:24Z")).isEqualTo(Instant.parse("2026-11-26T15:56:24Z"));
    }

    @Test
    void otherFormsGoToAxonsParser() {
        for (String text : new String[] {"2026-11-26T17:56:24.649+02:00", "2026-11-26T15:56:24.649+00:00",
                "+12026-11-26T15:56:24Z"}) {
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
        // not misread: refused as Axon refuses it
        assertThatThrownBy(() -> StoredTimestamps.parse("2026-11-26T15:56:24,649Z"))
                .isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse("2026-13-26T15:56:24.649Z"))
                .isInstanceOf(DateTimeParseException.class);
    }
}
