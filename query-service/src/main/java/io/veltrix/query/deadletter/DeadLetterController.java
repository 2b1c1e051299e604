package io.veltrix.query.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.query.Projections;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The projections' dead-letter queues (PostgreSQL, Axon's sequenced DLQ): what is parked, and a
 * retry once the cause is fixed. A retried sequence that fails again stays parked.
 */
@RestController
@SecurityRequirement(name = ApiDocumentation.STAFF)
@RequestMapping("/api/admin/dead-letters")
@Tag(name = "Admin")
public class DeadLetterController {

    private final EventProcessingConfiguration processing;

    public DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Parked sequences (a player's or a hunt's events) and letters of one processing group. */
    public record Parked(String projection, long sequences, long letters) {
    }

    /** The outcome of a retry. */
    public record Retried(String projection, int sequencesRetriedSuccessfully, long sequencesStillParked) {
    }

    /** Per processing group: the player view's letters are in the leaderboard's. */
    @GetMapping
    @Operation(summary = "What each projection has parked")
    public List<Parked> parked() {
        return Projections.API_GROUPS.stream().map(group -> {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
            return new Parked(group, queue.amountOfSequences(), queue.size());
        }).toList();
    }

    @PostMapping("/{projection}/retry")
    @Operation(summary = "Process every parked sequence of a projection's processing group again")
    public Retried retry(@PathVariable String projection) {
        String group = Projections.groupOf(projection).orElseThrow(() -> unknown(projection));
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> unknown(projection));
        long parked = queue.amountOfSequences();
        int succeeded = 0;
        // Each call takes one sequence not being processed; bounded by what was parked when we began.
        for (long attempt = 0; attempt < parked; attempt++) {
            if (processor.processAny()) {
                succeeded++;
            }
        }
        return new Retried(group, succeeded, queue.amountOfSequences());
    }

    /** The queue of a processing group of {@link Projections#API_GROUPS}. */
    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> unknown(group));
    }

    private static RuleViolation unknown(String projection) {
        return RuleViolation.notFound("unknown-projection", "no dead-letter queue for projection '" + projection + "'");
    }
}
