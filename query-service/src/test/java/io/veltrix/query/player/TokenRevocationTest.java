package io.veltrix.query.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerTokenRevoked;
import io.veltrix.platform.security.PlayerTokens;
import io.veltrix.platform.security.RevocationLogPruner;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryServiceApplication;
import io.veltrix.query.QueryTestBase;
import io.veltrix.testsupport.TestStaff;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The player view stops taking a revoked token on every query-service instance on the database: once
 * the player view has projected the revocation, within the revocation poll (1 s) plus that lag,
 * awaited here for at most {@link #BOUND}.
 */
class TokenRevocationTest extends QueryTestBase {

    /** Projection lag and the 1 s poll, with room for a slow machine; a cache that never forgets fails it. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    private static ConfigurableApplicationContext other;

    @Autowired
    Environment environment;
    @Autowired
    RevocationLogPruner pruner;

    private HuntScenario scenario;

    @BeforeEach
    void aSecondInstanceAndAHunt() {
        if (other == null) {
            other = new SpringApplicationBuilder(QueryServiceApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                    "--spring.datasource.hikari.maximum-pool-size=8",
                    "--veltrix.organizer.user=organizer", "--veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
                    "--veltrix.auditor.user=auditor", "--veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
                    "--veltrix.admin.user=admin", "--veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
                    "--axon.eventhandling.processors.leaderboard.initial-segment-count=8");
        }
        scenario = HuntScenario.generate(11L, 2, 1, 0);
        scenario.appendTo(events, 50);
    }

    @AfterAll
    static void stopSecondInstance() {
        if (other != null) {
            other.close();
            other = null;
        }
    }

    private int status(ApiClient client, PlayerId player, String token) throws Exception {
        return client.get("/api/hunts/" + scenario.hunt.value() + "/players/" + player.value(),
                "Authorization", "Bearer " + token).statusCode();
    }

    private ApiClient here() {
        return new ApiClient(port);
    }

    private ApiClient there() {
        return new ApiClient(((WebServerApplicationContext) other).getWebServer().getPort());
    }

    @Test
    void aRevokedTokenStopsOpeningThePlayerViewOnEveryInstanceAndItsReplacementOpensIt() throws Exception {
        PlayerId alice = scenario.players.get(0);
        String stolen = HuntScenario.token(alice);
        // both instances take the token, so each remembers it
        await().atMost(PROJECTION_WAIT).until(() -> status(here(), alice, stolen) == 200);
        await().atMost(PROJECTION_WAIT).until(() -> status(there(), alice, stolen) == 200);

        String replacement = "token-replacement-" + alice.value();
        events.append(new PlayerTokenRevoked(alice, scenario.hunt, PlayerTokens.hash(replacement), "stolen", "org"));

        await().atMost(BOUND).until(() -> status(here(), alice, stolen) == 401);
        await().atMost(BOUND).until(() -> status(there(), alice, stolen) == 401);
        assertThat(status(here(), alice, replacement)).isEqualTo(200);
        assertThat(status(there(), alice, replacement)).isEqualTo(200);
    }

    @Test
    void aDisqualificationsRevocationLeavesThePlayerNoToken() throws Exception {
        PlayerId bob = scenario.players.get(1);
        String token = HuntScenario.token(bob);
        await().atMost(PROJECTION_WAIT).until(() -> status(here(), bob, token) == 200);
        await().atMost(PROJECTION_WAIT).until(() -> status(there(), bob, token) == 200);

        events.append(new PlayerDisqualified(bob, scenario.hunt, "cheating", "org"),
                new PlayerTokenRevoked(bob, scenario.hunt, null, "disqualified: cheating", "org"));

        await().atMost(BOUND).until(() -> status(here(), bob, token) == 401);
        await().atMost(BOUND).until(() -> status(there(), bob, token) == 401);
        // the organizer still sees the player
        assertThat(here().get("/api/hunts/" + scenario.hunt.value() + "/players/" + bob.value(), ApiClient.ORGANIZER)
                .statusCode()).isEqualTo(200);
    }

    private long logEntries(PlayerId player) {
        return jdbc.sql("SELECT count(*) FROM player_view_token_revocation WHERE player_id = ?")
                .param(player.value()).query(Long.class).single();
    }

    @Test
    void revocationLogEntriesOlderThanTheRetentionAreDeletedAndTheirTokensStayRefused() throws Exception {
        PlayerId alice = scenario.players.get(0);
        PlayerId bob = scenario.players.get(1);
        String stolen = HuntScenario.token(alice);
        await().atMost(PROJECTION_WAIT).until(() -> status(here(), alice, stolen) == 200);
        String replacement = "token-replacement-" + alice.value();
        events.append(new PlayerTokenRevoked(alice, scenario.hunt, PlayerTokens.hash(replacement), "stolen", "org"),
                new PlayerTokenRevoked(bob, scenario.hunt, null, "lost", "org"));
        // projected at least once each (a batch projected again after a claim moved logs it twice),
        // and this instance's cache has forgotten the stolen token
        await().atMost(PROJECTION_WAIT).untilAsserted(() -> {
            assertThat(logEntries(alice)).isPositive();
            assertThat(logEntries(bob)).isPositive();
        });
        await().atMost(BOUND).until(() -> status(here(), alice, stolen) == 401);

        // alice's revocation was projected two hours ago, bob's a moment ago
        jdbc.sql("UPDATE player_view_token_revocation SET revoked_at = revoked_at - interval '2 hours' WHERE player_id = ?")
                .param(alice.value()).update();
        assertThat(pruner.prune()).isGreaterThanOrEqualTo(1);

        assertThat(logEntries(alice)).isZero();
        assertThat(logEntries(bob)).isPositive();
        // the log only makes caches forget: the player view's token decides, so the old token stays refused
        assertThat(status(here(), alice, stolen)).isEqualTo(401);
        assertThat(status(there(), alice, stolen)).isEqualTo(401);
        assertThat(status(here(), alice, replacement)).isEqualTo(200);
    }
}
