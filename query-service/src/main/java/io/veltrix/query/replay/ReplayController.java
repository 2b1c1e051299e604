package io.veltrix.query.replay;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.veltrix.platform.apidocs.ApiDocumentation;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Rebuild a projection from event 0 and watch it (admins and organizers). */
@RestController
@SecurityRequirement(name = ApiDocumentation.STAFF)
@RequestMapping("/api/admin/projections/{name}")
class ReplayController {

    private final ProjectionReplays replays;

    ReplayController(ProjectionReplays replays) {
        this.replays = replays;
    }

    /** The caller's account is kept with the replay and shown in its status. */
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionReplays.Status replay(@PathVariable String name, Principal caller) {
        return replays.replay(name, caller.getName());
    }

    @GetMapping("/status")
    ProjectionReplays.Status status(@PathVariable String name) {
        return replays.status(name);
    }
}
