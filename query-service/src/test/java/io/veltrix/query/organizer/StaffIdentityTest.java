package io.veltrix.query.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.query.ApiClient;
import io.veltrix.query.QueryTestBase;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The console asks who logged in: each kind of staff account is told what it may do, a player's
 * token and wrong credentials are refused, and nothing of a password comes back.
 */
class StaffIdentityTest extends QueryTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "ivy-Qm5-identity-Xc8";

    private JsonNode me(String[] auth) throws Exception {
        HttpResponse<String> response = new ApiClient(port).get("/api/staff/me", auth);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        return JSON.readTree(response.body());
    }

    @Test
    void eachConfiguredAccountIsToldWhatItMayDo() throws Exception {
        JsonNode organizer = me(ApiClient.ORGANIZER);
        assertThat(organizer.get("username").asText()).isEqualTo("organizer");
        assertThat(organizer.get("roles").toString()).isEqualTo("[\"ORGANIZER\",\"OPERATOR\"]");
        assertThat(organizer.get("runsHunts").asBoolean()).isTrue();
        assertThat(organizer.get("admin").asBoolean()).isFalse();
        assertThat(organizer.get("ownPassword").asBoolean()).as("its password is configuration").isFalse();

        JsonNode admin = me(ApiClient.ADMIN);
        assertThat(admin.get("runsHunts").asBoolean()).isTrue();
        assertThat(admin.get("admin").asBoolean()).isTrue();
        assertThat(admin.get("ownPassword").asBoolean()).isFalse();

        JsonNode auditor = me(ApiClient.AUDITOR);
        assertThat(auditor.get("roles").toString()).isEqualTo("[\"AUDITOR\"]");
        assertThat(auditor.get("runsHunts").asBoolean()).isFalse();
        assertThat(auditor.get("admin").asBoolean()).isFalse();
    }

    @Test
    void anOrganizerAccountRunsHuntsAndChangesItsOwnPassword() throws Exception {
        String name = "ivy-" + UUID.randomUUID().toString().substring(0, 8);
        String hash = new BCryptPasswordEncoder().encode(PASSWORD);
        events.append(new OrganizerAccountCreated(UUID.randomUUID().toString(), name, hash, "admin"));
        await().atMost(PROJECTION_WAIT).until(() -> jdbc.sql("SELECT count(*) FROM organizer_login WHERE username = ?")
                .param(name).query(Integer.class).single() == 1);

        HttpResponse<String> answer = new ApiClient(port).get("/api/staff/me", ApiClient.basic(name, PASSWORD));
        JsonNode account = JSON.readTree(answer.body());
        assertThat(account.get("username").asText()).isEqualTo(name);
        assertThat(account.get("roles").toString()).isEqualTo("[\"ORGANIZER\"]");
        assertThat(account.get("runsHunts").asBoolean()).isTrue();
        assertThat(account.get("admin").asBoolean()).isFalse();
        assertThat(account.get("ownPassword").asBoolean()).isTrue();
        assertThat(answer.body()).doesNotContain(PASSWORD, "$2a$");
    }

    @Test
    void noStaffLoginNoAnswer() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/staff/me").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/staff/me", ApiClient.basic("organizer", "not-the-password")).statusCode()).isEqualTo(401);
    }
}
