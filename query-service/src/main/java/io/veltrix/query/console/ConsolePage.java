package io.veltrix.query.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The organizers' console and a hunt's join poster, both static pages. The console asks for the
 * staff password, keeps it in the page's memory only, and sends it as a Basic header it builds
 * itself: reads to this service, commands to the command service (allowed there by CORS for this
 * origin). The poster shows only what is public: the hunt's name, join link and its QR code.
 */
@Controller
class ConsolePage {

    @GetMapping("/console")
    String console() {
        return "forward:/console.html";
    }

    @GetMapping("/hunts/{huntId}/poster")
    String poster(@PathVariable String huntId) {
        return "forward:/poster.html";
    }
}
