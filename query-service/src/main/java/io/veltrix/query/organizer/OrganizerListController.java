package io.veltrix.query.organizer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.web.Texts;
import io.veltrix.query.hunt.Hunts;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The organizer accounts for the admin, and a hunt's organizers for its organizers; never a password hash. */
@RestController
@Tag(name = "Organizers")
class OrganizerListController {

    /** An organizer account as the admin sees it. */
    record OrganizerAccountLine(String username, boolean disabled, Instant createdAt) {
    }

    /** One organizer of a hunt; the owner is the earliest still on it (its creator unless removed). */
    record HuntOrganizerLine(String username, boolean owner) {
    }

    private final JdbcClient jdbc;
    private final HuntStaff staff;
    private final Hunts hunts;

    OrganizerListController(JdbcClient jdbc, HuntStaff staff, Hunts hunts) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.hunts = hunts;
    }

    @GetMapping(value = "/api/admin/organizers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The organizer accounts an admin opened, by name (admin); configured accounts are not listed")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "every organizer account, disabled ones included",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = OrganizerAccountLine.class))))
    List<OrganizerAccountLine> accounts() {
        return jdbc.sql("SELECT username, disabled, created_at FROM organizer_login ORDER BY username")
                .query((rs, row) -> new OrganizerAccountLine(rs.getString("username"), rs.getBoolean("disabled"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @GetMapping(value = "/api/hunts/{huntId}/organizers", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Who organizes this hunt, in the order they joined it (its organizers, admins)")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the hunt's organizers, its owner first",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = HuntOrganizerLine.class))))
    List<HuntOrganizerLine> ofHunt(@PathVariable String huntId, Authentication auth) {
        Texts.required("huntId", huntId, 100, false);
        // before looking the hunt up: an organizer learns nothing of hunts that are not its own
        if (!staff.organizes(auth, huntId)) {
            throw RuleViolation.forbidden("not-your-hunt", "only an organizer of this hunt or an admin may list its organizers");
        }
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
        List<String> names = jdbc.sql("SELECT username FROM hunt_staff WHERE hunt_id = ? ORDER BY position")
                .param(huntId).query(String.class).list();
        return names.stream().map(name -> new HuntOrganizerLine(name, name.equals(names.get(0)))).toList();
    }
}
