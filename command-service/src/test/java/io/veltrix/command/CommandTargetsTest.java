package io.veltrix.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.api.hunt.FreezeScoreboard;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.PublishHunt;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

/** The cached resolution names the same target as Axon's annotation resolver, for every shape of command. */
class CommandTargetsTest {

    private final CommandTargets cached = new CommandTargets();
    private final AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    record Versioned(@TargetAggregateIdentifier String id, @TargetAggregateVersion long version) {
    }

    record VersionAsText(@TargetAggregateIdentifier HuntId id, @TargetAggregateVersion String version) {
    }

    static final class ByField {
        @TargetAggregateIdentifier
        private final String target;
        @TargetAggregateVersion
        private final Integer version;

        ByField(String target, Integer version) {
            this.target = target;
            this.version = version;
        }
    }

    static final class ByMethodBeforeField {
        @TargetAggregateIdentifier
        private final String field = "from-field";

        @TargetAggregateIdentifier
        String target() {
            return "from-method";
        }
    }

    record Untargeted(String id) {
    }

    @Test
    void resolvesAsAxonDoes() {
        HuntId hunt = HuntId.random();
        List<Object> commands = List.of(new PublishHunt(hunt, "organizer"),
                new FreezeScoreboard(hunt, Instant.parse("2026-12-02T10:00:00Z"), "organizer"),
                new Versioned("a", 7), new VersionAsText(hunt, "12"), new ByField("b", 3), new ByField("c", null),
                new ByMethodBeforeField());
        for (Object command : commands) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            for (int i = 0; i < 2; i++) { // the second time from what the first found
                VersionedAggregateIdentifier ours = cached.resolveTarget(message);
                VersionedAggregateIdentifier theirs = axon.resolveTarget(message);
                assertThat(ours).as(command.getClass().getSimpleName()).isEqualTo(theirs);
                assertThat(ours.getIdentifierValue()).isEqualTo(theirs.getIdentifierValue());
                assertThat(ours.getVersion()).isEqualTo(theirs.getVersion());
            }
        }
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethodBeforeField())).getIdentifier())
                .isEqualTo("from-method");
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new Versioned("a", 7))).getVersion())
                .isEqualTo(7L);
    }

    @Test
    void refusesWhatAxonRefuses() {
        for (Object command : List.of(new Untargeted("x"), new Versioned(null, 1), new VersionAsText(HuntId.random(), "seven"))) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            assertThatThrownBy(() -> axon.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cached.resolveTarget(message)).as(command.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
