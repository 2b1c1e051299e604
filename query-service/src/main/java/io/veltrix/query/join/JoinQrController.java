package io.veltrix.query.join;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.query.hunt.Hunts;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The QR code of a hunt's join link, for the poster and the big screen; never with a join code. */
@RestController
@Tag(name = "Pages")
class JoinQrController {

    static final String SVG = "image/svg+xml";

    private final Hunts hunts;
    private final JoinLinks links;

    JoinQrController(Hunts hunts, JoinLinks links) {
        this.hunts = hunts;
        this.links = links;
    }

    @GetMapping(value = "/api/hunts/{huntId}/join-qr.svg", produces = SVG)
    @Operation(summary = "The QR code of the hunt's join link (the player page), as SVG")
    ResponseEntity<String> qr(@PathVariable String huntId, HttpServletRequest request) {
        if (!hunts.exists(huntId)) {
            throw RuleViolation.notFound("hunt-not-found", "no hunt " + huntId);
        }
        // without a configured public URL the link names the host the browser asked, so no shared cache may keep it
        return ResponseEntity.ok().header("Content-Type", SVG).cacheControl(CacheControl.noStore())
                .body(QrSvg.of(links.joinLink(huntId, request)));
    }
}
