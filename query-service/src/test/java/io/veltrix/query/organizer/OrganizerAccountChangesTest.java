package io.veltrix.query.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntOrganizerAdded;
import io.veltrix.api.hunt.HuntOrganizerRemoved;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.organizer.OrganizerAccountDisabled;
import io.veltrix.api.organizer.OrganizerAccountEnabled;
import io.veltrix.api.organizer.OrganizerPasswordChanged;
import io.veltrix.query.ApiClient;
import io.veltrix.query.QueryTestBase;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The query service follows an organizer account's life from the event store: a disabled account
 * or an old password is refused (401) once projected, even where its login was remembered; an
 * organizer removed from a hunt loses its staff views; the admin lists the accounts and a hunt's
 * organizers list who runs it, owner first, with no password hash anywhere.
 */
// the refusals this test provokes count as failed logins of this address: a context of its own keeps
// them from locking the shared one's later staff logins out
@TestPropertySource(properties = {"veltrix.security.staff-login.failures-per-address=100000",
        "veltrix.security.staff-login.failures-per-account=100000"})
class OrganizerAccountChangesTest extends QueryTestBase {

    private static final String PASSWORD = "pearl-Vq7-query-Tn4";
    private static final String NEW_PASSWORD = "Lm4-vaQe-88rt-Kix";
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiClient api;
    private String accountId;
    private String name;
    private String[] pearl;
    private String hash;

    @BeforeEach
    void anAccount() {
        api = new ApiClient(port);
        accountId = UUID.randomUUID().toString();
        name = "pearl-" + accountId.substring(0, 8);
        pearl = ApiClient.basic(name, PASSWORD);
        hash = BCRYPT.encode(PASSWORD);
        events.append(new OrganizerAccountCreated(accountId, name, hash, "admin"));
        awaitLogin("password_hash = '" + hash + "' AND NOT disabled");
    }

    /** Waits for the projection by reading its table: failed logins would count against this address. */
    private void awaitLogin(String condition) {
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql(
                        "SELECT count(*) FROM organizer_login WHERE username = ? AND " + condition)
                .param(name).query(Integer.class).single() == 1);
    }

    private List<String> staffOf(HuntId hunt) {
        return jdbc.sql("SELECT username FROM hunt_staff WHERE hunt_id = ? ORDER BY position")
                .param(hunt.value()).query(String.class).list();
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    @Test
    void aDisabledAccountIsRefusedEvenWhereItsLoginIsRememberedAndLogsInAgainOnceEnabled() throws Exception {
        assertThat(api.get("/api/hunts", pearl).statusCode()).isEqualTo(200);

        events.append(new OrganizerAccountDisabled(accountId, name, "admin"));
        awaitLogin("disabled");
        assertThat(api.get("/api/hunts", pearl).statusCode()).isEqualTo(401);

        events.append(new OrganizerAccountEnabled(accountId, name, "admin"));
        awaitLogin("NOT disabled");
        assertThat(api.get("/api/hunts", pearl).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewPasswordReplacesTheOldOneEvenWhereItsLoginIsRemembered() throws Exception {
        assertThat(api.get("/api/hunts", pearl).statusCode()).isEqualTo(200);

        String newHash = BCRYPT.encode(NEW_PASSWORD);
        events.append(new OrganizerPasswordChanged(accountId, name, newHash, "admin"));
        awaitLogin("password_hash = '" + newHash + "'");
        assertThat(api.get("/api/hunts", pearl).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/hunts", ApiClient.basic(name, NEW_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void anOrganizerRemovedFromAHuntLosesItsStaffViewsAndTheListsShowWhoRunsWhat() throws Exception {
        HuntId hunt = HuntId.random();
        events.append(new HuntCreated(hunt, "Pearl's", null, null, null, 0, 5, 60, "organizer"));
        events.append(new HuntOrganizerAdded(hunt, name, "organizer"));
        events.append(new HuntOrganizerAdded(hunt, "someone-else", "organizer"));
        await().atMost(PROJECTION_WAIT).until(() -> staffOf(hunt).size() == 3);
        await().atMost(PROJECTION_WAIT).until(() -> api.get("/api/hunts/" + hunt.value(), pearl).statusCode() == 200);
        String organizers = "/api/hunts/" + hunt.value() + "/organizers";

        JsonNode listed = json(api.get(organizers, pearl).body());
        assertThat(StreamSupport.stream(listed.spliterator(), false).map(n -> n.get("username").asText()))
                .containsExactly("organizer", name, "someone-else");
        assertThat(StreamSupport.stream(listed.spliterator(), false).map(n -> n.get("owner").asBoolean()))
                .containsExactly(true, false, false);
        assertThat(api.get("/api/hunts/" + hunt.value() + "/leaderboard.csv", pearl).statusCode()).isEqualTo(200);

        // the admin removes the creator: the earliest organizer left is the owner
        events.append(new HuntOrganizerRemoved(hunt, "organizer", "admin"));
        await().atMost(PROJECTION_WAIT).until(() -> staffOf(hunt).size() == 2);
        listed = json(api.get(organizers, ApiClient.ADMIN).body());
        assertThat(listed.get(0).get("username").asText()).isEqualTo(name);
        assertThat(listed.get(0).get("owner").asBoolean()).isTrue();
        assertThat(api.get(organizers, ApiClient.ORGANIZER).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/hunts/" + hunt.value() + "/leaderboard.csv", ApiClient.ORGANIZER).statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/hunts/no-such-hunt/organizers", ApiClient.ADMIN).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/hunts/no-such-hunt/organizers", pearl).statusCode()).isEqualTo(403);
    }

    @Test
    void theAdminListsEveryAccountWithItsStateAndNoPasswordData() throws Exception {
        events.append(new OrganizerAccountDisabled(accountId, name, "admin"));
        awaitLogin("disabled");

        String body = api.get("/api/admin/organizers", ApiClient.ADMIN).body();
        JsonNode pearlLine = StreamSupport.stream(json(body).spliterator(), false)
                .filter(n -> n.get("username").asText().equals(name)).findFirst().orElseThrow();
        assertThat(pearlLine.get("disabled").asBoolean()).isTrue();
        assertThat(pearlLine.has("createdAt")).isTrue();
        assertThat(body).doesNotContain(hash).doesNotContain("$2a$").doesNotContain("password");
        assertThat(api.get("/api/admin/organizers", ApiClient.ORGANIZER).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/admin/organizers", ApiClient.AUDITOR).statusCode()).isEqualTo(403);
    }
}
