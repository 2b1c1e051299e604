package io.veltrix.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.audit.ExportCheck;
import io.veltrix.api.audit.StoredEvent;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The audit trail, for auditors (and admins): history, point-in-time boards, verify, checkpoints, export. */
@RestController
@SecurityRequirement(name = ApiDocumentation.STAFF)
@RequestMapping("/api/audit/hunts/{huntId}")
class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final AuditTrail trail;
    private final Audits audits;
    private final Checkpoints checkpoints;
    private final int maxPage;
    private final ObjectMapper lines = CanonicalJson.mapper();

    AuditController(AuditTrail trail, Audits audits, Checkpoints checkpoints,
                    @Value("${veltrix.audit.max-page-size}") int maxPage) {
        this.trail = trail;
        this.audits = audits;
        this.checkpoints = checkpoints;
        this.maxPage = maxPage;
    }

    @GetMapping("/events")
    List<StoredEvent> events(@PathVariable String huntId, @RequestParam(defaultValue = "0") long afterIndex,
                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > maxPage) {
            throw RuleViolation.invalid("invalid-limit", "limit must be between 1 and " + maxPage);
        }
        requireHunt(huntId);
        return trail.page(huntId, afterIndex, limit);
    }

    @GetMapping("/leaderboard")
    Audits.BoardAt leaderboard(@PathVariable String huntId, @RequestParam(required = false) String asOf) {
        Instant at = instant(asOf);
        requireHunt(huntId);
        return audits.boardAt(huntId, at);
    }

    @GetMapping("/verify")
    Audits.Verification verify(@PathVariable String huntId) {
        requireInStore(huntId);
        return audits.verify(huntId);
    }

    /** Takes a signed checkpoint of the hunt's chain heads now; the caller's account is kept beside it. */
    @PostMapping("/checkpoints")
    @ApiResponse(responseCode = "201", description = "the checkpoint taken")
    ResponseEntity<Checkpoint> checkpoint(@PathVariable String huntId, Principal caller) {
        requireInStore(huntId);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(checkpoints.take(huntId, Checkpoints.ON_DEMAND, caller.getName()));
    }

    /** A checkpoint as staff see it: the public summary and who took it (null: the freeze or the end did). */
    record StaffSummary(long number, String trigger, Instant takenAt, String takenBy, int streams, String root,
                        String signature, String href) {
    }

    /** The hunt's checkpoints, oldest first, with the staff account that took each on demand. */
    @GetMapping("/checkpoints")
    List<StaffSummary> checkpoints(@PathVariable String huntId) {
        requireHunt(huntId);
        return checkpoints.takenOf(huntId).stream()
                .map(taken -> {
                    Checkpoint c = taken.checkpoint();
                    return new StaffSummary(c.number(), c.trigger(), c.takenAt(), taken.takenBy(), c.heads().size(),
                            c.root(), c.signature(), "/api/hunts/" + huntId + "/checkpoints/" + c.number());
                })
                .toList();
    }

    /**
     * The hunt's checkpoints, one per line ({@code {"checkpoint": …}}), then every event of its
     * streams, one per line in global order, streamed from the event store while it is written.
     */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String huntId) {
        requireInStore(huntId);
        List<Checkpoint> signed = checkpoints.of(huntId);
        StreamingResponseBody body = out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            for (Checkpoint checkpoint : signed) {
                buffered.write(lines.writeValueAsBytes(Map.of(ExportCheck.CHECKPOINT_LINE, checkpoint)));
                buffered.write('\n');
            }
            trail.forEachInStore(huntId, stored -> {
                try {
                    buffered.write(lines.writeValueAsBytes(stored.event()));
                    buffered.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            buffered.flush();
        };
        return ResponseEntity.ok()
                .contentType(NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"hunt-" + huntId.replaceAll("[^A-Za-z0-9-]", "") + ".ndjson\"")
                .body(body);
    }

    private void requireInStore(String huntId) {
        if (!trail.inStore(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no events of hunt " + huntId);
        }
    }

    private void requireHunt(String huntId) {
        if (!trail.known(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no events of hunt " + huntId);
        }
    }

    private static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            throw RuleViolation.invalid("invalid-as-of", "asOf is required: an ISO-8601 instant such as 2026-11-26T10:00:00Z");
        }
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid("invalid-as-of", "asOf must be an ISO-8601 instant with an offset, such as "
                    + "2026-11-26T10:00:00Z");
        }
    }
}
