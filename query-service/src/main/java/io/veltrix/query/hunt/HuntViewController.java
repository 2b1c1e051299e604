package io.veltrix.query.hunt;

import io.veltrix.api.rule.RuleViolation;
import io.veltrix.query.Viewer;
import io.veltrix.query.organizer.HuntStaff;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Hunt summaries for anyone; drafts and alerts for the hunt's staff (its organizers, auditors, admins). */
@RestController
@RequestMapping("/api/hunts")
class HuntViewController {

    private final Hunts hunts;
    private final HuntStaff staff;
    private final int maxPage;

    HuntViewController(Hunts hunts, HuntStaff staff, @Value("${veltrix.query.max-page-size}") int maxPage) {
        this.hunts = hunts;
        this.staff = staff;
        this.maxPage = maxPage;
    }

    @GetMapping
    List<HuntSummary> list(@RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "0") int offset,
                           Authentication auth) {
        Viewer.checkPage(limit, offset, maxPage);
        return hunts.list(HuntStaff.seesAllDrafts(auth), HuntStaff.draftsOf(auth), limit, offset);
    }

    @GetMapping("/{huntId}")
    HuntSummary one(@PathVariable String huntId, Authentication auth) {
        return hunts.find(huntId, staff.seesStaffView(auth, huntId))
                .orElseThrow(() -> RuleViolation.notFound("hunt-not-found", "no hunt " + huntId));
    }
}
