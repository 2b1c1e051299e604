package io.veltrix.command.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veltrix.command.CommandServiceIT;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * An organizer account after it was opened, over real HTTP on the embedded PostgreSQL: disabled
 * (no more logins, also where a login was remembered; its hunts run on with their other
 * organizers), enabled, its password reset by an admin or changed by itself; co-organizers removed
 * by a hunt's owner. Every event names who acted.
 */
// the refusals this test provokes count as failed logins of this address: a context of its own keeps
// them from locking the shared one's later staff logins out
@TestPropertySource(properties = {"veltrix.security.staff-login.failures-per-address=100000",
        "veltrix.security.staff-login.failures-per-account=100000"})
class OrganizerAccountLifecycleIT extends CommandServiceIT {

    private static final String NEW_PASSWORD = "Lm4-vaQe-88rt-Kix";

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** The last event of a type whose payload names {@code username}, as stored. */
    private JsonNode last(String type, String username) {
        String payload = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE payload_type = ? AND convert_from(payload, 'UTF8')::jsonb ->> 'username' = ?
                        ORDER BY global_index DESC LIMIT 1""")
                .params("io.veltrix.api." + type, username).query(String.class).single();
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int status(Answer answer) {
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        return answer.status();
    }

    @Test
    void aDisabledAccountLogsInNoMoreEvenRememberedWhileItsHuntRunsOnWithItsCoOrganizer() {
        String aliceName = unique("alice");
        String alice = openOrganizerAccount(aliceName);
        String bobName = unique("bob");
        String bob = openOrganizerAccount(bobName);
        Answer created = post("/api/hunts", "{\"name\":\"Alice's\"}", alice);
        String hunt = created.json().get("huntId").asText();
        assertThat(post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", bobName)), alice).status())
                .isEqualTo(200);

        Answer disabled = post("/api/admin/organizers/" + aliceName + "/disable", null, ADMIN);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(last("organizer.OrganizerAccountDisabled", aliceName).get("by").asText()).isEqualTo("adm");

        // alice's login was verified and remembered above: refused all the same
        assertThat(status(post("/api/hunts", "{\"name\":\"after\"}", alice))).isEqualTo(401);
        assertThat(status(post("/api/hunts/" + hunt + "/clues",
                "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":5}", alice))).isEqualTo(401);
        // her hunt keeps its co-organizer, who runs it
        assertThat(post("/api/hunts/" + hunt + "/clues",
                "{\"title\":\"t\",\"riddle\":\"r\",\"answers\":[\"a\"],\"points\":5}", bob).status()).isEqualTo(201);
        assertThat(post("/api/hunts/" + hunt + "/publish", null, bob).status()).isEqualTo(200);
        // a disabled account is no co-organizer to add
        String other = createHunt("{\"name\":\"Other\"}");
        assertThat(status(post("/api/hunts/" + other + "/organizers", json(Map.of("username", aliceName)), ORGANIZER)))
                .isEqualTo(409);

        long before = events();
        assertThat(status(post("/api/admin/organizers/" + aliceName + "/disable", null, ADMIN))).isEqualTo(409);
        assertThat(status(post("/api/admin/organizers/" + bobName + "/enable", null, ADMIN))).isEqualTo(409);
        assertThat(status(post("/api/admin/organizers/" + unique("nobody") + "/disable", null, ADMIN))).isEqualTo(404);
        assertThat(status(post("/api/admin/organizers/org/disable", null, ADMIN))).as("a configured account")
                .isEqualTo(404);
        assertThat(status(post("/api/admin/organizers/" + bobName + "/disable", null, bob))).isEqualTo(403);
        assertThat(events()).as("nothing written for a refusal").isEqualTo(before);

        assertThat(post("/api/admin/organizers/" + aliceName + "/enable", null, ADMIN).status()).isEqualTo(200);
        assertThat(last("organizer.OrganizerAccountEnabled", aliceName).get("by").asText()).isEqualTo("adm");
        assertThat(post("/api/hunts/" + hunt + "/start", null, alice).status()).isEqualTo(200);
    }

    @Test
    void aResetPasswordReplacesTheOldOneAtOnceEvenWhereItsLoginIsRemembered() {
        String name = unique("carol");
        String old = openOrganizerAccount(name);
        assertThat(post("/api/hunts", "{\"name\":\"before\"}", old).status()).isEqualTo(201);
        long before = events();
        assertThat(status(post("/api/admin/organizers/" + name + "/password",
                json(Map.of("password", "Password123!")), ADMIN))).isEqualTo(400);
        assertThat(status(post("/api/admin/organizers/" + name + "/password",
                json(Map.of("password", name)), ADMIN))).isEqualTo(400);
        assertThat(events()).isEqualTo(before);

        Answer reset = post("/api/admin/organizers/" + name + "/password", json(Map.of("password", NEW_PASSWORD)), ADMIN);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.raw().body()).doesNotContain(NEW_PASSWORD);
        JsonNode changed = last("organizer.OrganizerPasswordChanged", name);
        assertThat(changed.get("by").asText()).isEqualTo("adm");
        assertThat(changed.get("passwordHash").asText()).startsWith("$2a$").doesNotContain(NEW_PASSWORD);

        assertThat(status(post("/api/hunts", "{\"name\":\"old password\"}", old))).isEqualTo(401);
        assertThat(post("/api/hunts", "{\"name\":\"new password\"}", basic(name, NEW_PASSWORD)).status()).isEqualTo(201);
    }

    @Test
    void anOrganizerChangesItsOwnPasswordOnlyByGivingTheCurrentOne() {
        String name = unique("dave");
        String old = openOrganizerAccount(name);
        long before = events();
        assertThat(status(post("/api/organizers/me/password",
                json(Map.of("currentPassword", STRONG_PASSWORD + "x", "newPassword", NEW_PASSWORD)), old))).isEqualTo(403);
        assertThat(status(post("/api/organizers/me/password",
                json(Map.of("currentPassword", STRONG_PASSWORD, "newPassword", "short-1A")), old))).isEqualTo(400);
        assertThat(status(post("/api/organizers/me/password",
                json(Map.of("currentPassword", STRONG_PASSWORD, "newPassword", NEW_PASSWORD)), ORGANIZER)))
                .as("a configured account's password lives in configuration").isEqualTo(409);
        assertThat(status(post("/api/organizers/me/password",
                json(Map.of("currentPassword", STRONG_PASSWORD, "newPassword", NEW_PASSWORD)), ADMIN))).isEqualTo(403);
        assertThat(events()).isEqualTo(before);

        Answer changed = post("/api/organizers/me/password",
                json(Map.of("currentPassword", STRONG_PASSWORD, "newPassword", NEW_PASSWORD)), old);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(last("organizer.OrganizerPasswordChanged", name).get("by").asText()).isEqualTo(name);
        assertThat(status(post("/api/hunts", "{\"name\":\"old\"}", old))).isEqualTo(401);
        assertThat(post("/api/hunts", "{\"name\":\"new\"}", basic(name, NEW_PASSWORD)).status()).isEqualTo(201);
    }

    @Test
    void theOwnerRemovesACoOrganizerWhoLosesTheHuntButNeverTheLastOne() {
        String ownerName = unique("erin");
        String owner = openOrganizerAccount(ownerName);
        String coName = unique("frank");
        String co = openOrganizerAccount(coName);
        String thirdName = unique("gina");
        String third = openOrganizerAccount(thirdName);
        String hunt = post("/api/hunts", "{\"name\":\"Erin's\"}", owner).json().get("huntId").asText();
        for (String added : List.of(coName, thirdName)) {
            assertThat(post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", added)), owner).status())
                    .isEqualTo(200);
        }
        String mallory = openOrganizerAccount(unique("mallory"));
        long before = events();
        assertThat(status(post("/api/hunts/" + hunt + "/organizers/" + thirdName + "/remove", null, co)))
                .as("a co-organizer is not the owner").isEqualTo(403);
        assertThat(status(post("/api/hunts/" + hunt + "/organizers/" + thirdName + "/remove", null,
                mallory))).as("an organizer of another hunt").isEqualTo(403);
        assertThat(status(post("/api/hunts/" + hunt + "/organizers/" + unique("nobody") + "/remove", null, owner)))
                .isEqualTo(404);
        assertThat(events()).as("nothing written for a refusal").isEqualTo(before);

        Answer removed = post("/api/hunts/" + hunt + "/organizers/" + coName + "/remove", null, owner);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("username").asText()).isEqualTo(coName);
        assertThat(last("hunt.HuntOrganizerRemoved", coName).get("by").asText()).isEqualTo(ownerName);
        assertThat(status(post("/api/hunts/" + hunt + "/publish", null, co))).isEqualTo(403);

        // an admin removes the owner; the earliest organizer left owns the hunt, and is its last
        assertThat(post("/api/hunts/" + hunt + "/organizers/" + ownerName + "/remove", null, ADMIN).status())
                .isEqualTo(200);
        assertThat(status(post("/api/hunts/" + hunt + "/publish", null, owner))).isEqualTo(403);
        Answer last = post("/api/hunts/" + hunt + "/organizers/" + thirdName + "/remove", null, ADMIN);
        assertThat(status(last)).isEqualTo(409);
        assertThat(last.raw().body()).contains("last organizer");
        assertThat(post("/api/hunts/" + hunt + "/organizers", json(Map.of("username", coName)), third).status())
                .isEqualTo(200);
        assertThat(post("/api/hunts/" + hunt + "/organizers/" + coName + "/remove", null, third).status())
                .as("the new owner removes").isEqualTo(200);
    }
}
