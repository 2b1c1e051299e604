package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.command.CommandServiceIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Limits per client address, with small limits and the test client as a trusted proxy, so that
 * X-Forwarded-For plays the players' addresses.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "veltrix.http.trusted-proxies=127.0.0.1, ::1",
        "veltrix.client-address.registration-burst=3",
        "veltrix.client-address.registrations-per-minute=1",
        "veltrix.client-address.wrong-answer-burst=4",
        "veltrix.client-address.wrong-answers-per-minute=1",
        "veltrix.client-address.wrong-answer-alert-per-minute=6"})
class AddressLimitsIT extends CommandServiceIT {

    @Autowired
    MeterRegistry meters;

    private Answer registerFrom(String hunt, String handle, String address) {
        return post("/api/hunts/" + hunt + "/players", json(Map.of("handle", handle)), null,
                "X-Forwarded-For", address);
    }

    private String tokenOf(String hunt, String handle, String address) {
        Answer registered = registerFrom(hunt, handle, address);
        assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
        return registered.json().get("token").asText();
    }

    private long events(String hunt) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE position(convert_to(?, 'UTF8') in payload) > 0")
                .param(hunt).query(Long.class).single();
    }

    private String openHunt() {
        String hunt = createHunt("{\"name\":\"Limited\"}");
        addClue(hunt, "Only", List.of("yes"), 10, null, 0);
        transition(hunt, "publish");
        return hunt;
    }

    @Test
    void registrationsForAHuntFromOneAddressBeyondTheBurstAreRefusedWithRetryAfter() {
        String hunt = openHunt();
        for (int i = 0; i < 3; i++) {
            assertThat(registerFrom(hunt, "crowd-" + i, "198.51.100.1").status()).isEqualTo(201);
        }
        long before = events(hunt);

        Answer refused = registerFrom(hunt, "crowd-3", "198.51.100.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/registrations-from-address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(events(hunt)).isEqualTo(before);

        // another address, and the same address for another hunt, are counted apart
        assertThat(registerFrom(hunt, "crowd-3", "198.51.100.2").status()).isEqualTo(201);
        assertThat(registerFrom(openHunt(), "crowd-0", "198.51.100.1").status()).isEqualTo(201);
    }

    @Test
    void wrongAnswersForAClueFromOneAddressAreCountedAcrossItsPlayers() {
        String hunt = createHunt("{\"name\":\"Brute force\"}");
        String clue = addClue(hunt, "Short answer", List.of("42"), 10, null, 0);
        String other = addClue(hunt, "Other", List.of("43"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        String attacker = "203.0.113.9";
        // throwaway players, registered from anywhere, guessing from one address: each far from its own lockout
        for (int i = 0; i < 4; i++) {
            String token = tokenOf(hunt, "throwaway-" + i, "192.0.2." + (10 + i));
            assertThat(find(hunt, token, clue, "guess " + i, "X-Forwarded-For", attacker).json()
                    .get("outcome").asText()).isEqualTo("WRONG");
        }
        String main = tokenOf(hunt, "main-account", "192.0.2.99");
        long before = events(hunt);

        Answer refused = find(hunt, main, clue, "42", "X-Forwarded-For", attacker);
        assertThat(refused.status()).as("even a right answer: a refusal of wrong ones only would be an oracle")
                .isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("/wrong-answers-from-address");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(events(hunt)).isEqualTo(before);

        // another clue from that address, and that clue from another address, are counted apart
        assertThat(find(hunt, main, other, "43", "X-Forwarded-For", attacker).json().get("outcome").asText())
                .isEqualTo("FOUND");
        assertThat(find(hunt, main, clue, "42", "X-Forwarded-For", "198.51.100.77").json().get("outcome").asText())
                .isEqualTo("FOUND");
    }

    @Test
    void aClueDrawingAnAbnormalRateOfWrongAnswersRaisesASignal(CapturedOutput output) {
        String hunt = createHunt("{\"name\":\"Watched\"}");
        String clue = addClue(hunt, "Target", List.of("right"), 10, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        // from two addresses, each within its own limit: only the clue's total is abnormal (one more
        // than the alert rate, as a minute may turn meanwhile and the minute before counts in part)
        int[] guesses = {4, 3};
        for (int p = 0; p < 2; p++) {
            String token = tokenOf(hunt, "guesser-" + p, "192.0.2." + (50 + p));
            for (int i = 0; i < guesses[p]; i++) {
                assertThat(find(hunt, token, clue, "wrong " + i, "X-Forwarded-For", "198.51.100." + (20 + p))
                        .status()).isEqualTo(200);
            }
        }
        // once a minute: twice only when a minute turned between the sixth and the seventh
        assertThat(meters.counter("veltrix.finds.wrong.surges", "hunt", hunt, "clue", clue).count()).isBetween(1.0, 2.0);
        assertThat(output.getOut()).containsPattern("clue " + clue + " of hunt " + hunt + " drew [67] wrong answers");
        // on the hunt's record too, where the organizers' view of the hunt shows it
        assertThat(jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type = 'io.veltrix.api.hunt.WrongAnswersSurged'""")
                .param(hunt).query(String.class).list())
                .isNotEmpty().allSatisfy(surge -> assertThat(surge).contains("\"clueId\":\"" + clue + "\"")
                        .containsPattern("\"wrongPerMinute\":[67]\\b"));
    }
}
