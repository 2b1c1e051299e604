package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RssSamplerTest {

    @Test
    void pidOfTheListenerFromSsOutput() {
        String ss = "LISTEN 0 100 *:8081 *:* users:((\"java\",pid=4242,fd=12))\n";
        assertEquals(4242L, RssSampler.parsePid(ss));
        assertNull(RssSampler.parsePid(""));
    }

    @Test
    void fieldsOfProcStatus() {
        String status = "Name:\tjava\nVmHWM:\t  312000 kB\nVmRSS:\t  298765 kB\n";
        assertEquals(312000, RssSampler.statusKb(status, "VmHWM"));
        assertEquals(298765, RssSampler.statusKb(status, "VmRSS"));
        assertEquals(-1, RssSampler.statusKb(status, "VmSwap"));
    }
}
