package io.veltrix.query.organizer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.platform.apidocs.ApiDocumentation;
import io.veltrix.platform.security.StaffDirectory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in staff account, so the console shows only the screens and buttons it may use. */
@RestController
@Tag(name = "Organizers")
class StaffIdentityController {

    private final StaffDirectory directory;

    StaffIdentityController(StaffDirectory directory) {
        this.directory = directory;
    }

    @GetMapping(value = "/api/staff/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The staff account of these credentials: its name, roles and what the console may offer it")
    @SecurityRequirement(name = ApiDocumentation.STAFF)
    @ApiResponse(responseCode = "200", description = "the account; never a password or its hash",
            content = @Content(schema = @Schema(implementation = StaffIdentity.class)))
    ResponseEntity<StaffIdentity> me(Authentication auth) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(StaffIdentity.of(auth, directory.isConfigured(auth.getName())));
    }
}
