package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    private static final List<String> PASSWORDS =
            List.of(Secrets.ORGANIZER_PASSWORD, Secrets.AUDITOR_PASSWORD, Secrets.ADMIN_PASSWORD,
                    Secrets.DB_SUPERUSER_PASSWORD, Secrets.DB_COMMAND_PASSWORD, Secrets.DB_QUERY_PASSWORD,
                    Secrets.DB_EVENTSTORE_PASSWORD);

    @TempDir
    Path dir;

    @Test
    void neitherServiceReceivesADatabasePasswordByNameNorTheOthersKey() {
        for (String service : List.of("command", "query")) {
            assertTrue(Secrets.withheldFrom(service).containsAll(List.of(Secrets.DB_EVENTSTORE_PASSWORD,
                    Secrets.DB_SUPERUSER_PASSWORD, Secrets.DB_COMMAND_PASSWORD, Secrets.DB_QUERY_PASSWORD)), service);
        }
        assertTrue(Secrets.withheldFrom("command").contains(Secrets.CHECKPOINT_KEY));
        assertFalse(Secrets.withheldFrom("command").contains(Secrets.ANSWER_KEY));
        assertTrue(Secrets.withheldFrom("query").contains(Secrets.ANSWER_KEY));
        assertFalse(Secrets.withheldFrom("query").contains(Secrets.CHECKPOINT_KEY));
        // both sign and check staff device credentials, each honouring the other's
        assertFalse(Secrets.withheldFrom("command").contains(Secrets.DEVICE_KEY));
        assertFalse(Secrets.withheldFrom("query").contains(Secrets.DEVICE_KEY));
    }

    @Test
    void generatesEverythingMissingOnceAndStoresItPrivately() throws Exception {
        Path file = dir.resolve("nested/" + Secrets.FILE_NAME);

        Secrets secrets = Secrets.resolve(file, Map.of(), new SecureRandom());

        assertEquals(32, Base64.getDecoder().decode(secrets.get(Secrets.ANSWER_KEY).value()).length);
        assertEquals(32, Base64.getDecoder().decode(secrets.get(Secrets.DEVICE_KEY).value()).length);
        assertNotEquals(secrets.get(Secrets.ANSWER_KEY).value(), secrets.get(Secrets.DEVICE_KEY).value());
        assertEquals("organizer", secrets.get(Secrets.ORGANIZER_USER).value());
        assertEquals("auditor", secrets.get(Secrets.AUDITOR_USER).value());
        assertEquals("admin", secrets.get(Secrets.ADMIN_USER).value());
        for (String key : PASSWORDS) {
            assertTrue(secrets.get(key).value().matches("[A-Za-z0-9]{20}"), key);
            assertEquals(Secrets.Source.GENERATED, secrets.get(key).source());
        }
        assertNotEquals(secrets.get(Secrets.ORGANIZER_PASSWORD).value(), secrets.get(Secrets.ADMIN_PASSWORD).value());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        // the database passwords reach no service under their own names
        assertEquals(9, secrets.asEnvironment().size());
        assertFalse(secrets.asEnvironment().keySet().stream().anyMatch(key -> key.startsWith("VELTRIX_DB_")));
        assertSigningPair(secrets.get(Secrets.CHECKPOINT_KEY).value());
    }

    /** The checkpoint key is a private key and its own public key, as the query service reads them. */
    private static void assertSigningPair(String value) throws Exception {
        String[] parts = value.split(":");
        assertEquals(2, parts.length);
        KeyFactory keys = KeyFactory.getInstance("Ed25519");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(keys.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))));
        verifier.update(new byte[] {1, 2, 3});
        assertTrue(verifier.verify(signature));
    }

    @Test
    void keepsWhatItGeneratedAcrossRestarts() throws Exception {
        Path file = dir.resolve(Secrets.FILE_NAME);
        Secrets first = Secrets.resolve(file, Map.of(), new SecureRandom());
        String written = Files.readString(file, StandardCharsets.UTF_8);

        Secrets second = Secrets.resolve(file, Map.of(), new SecureRandom());

        assertEquals(first.asEnvironment(), second.asEnvironment());
        assertEquals(Secrets.Source.FILE, second.get(Secrets.ANSWER_KEY).source());
        assertEquals(written, Files.readString(file, StandardCharsets.UTF_8), "nothing new to store, file untouched");
    }

    @Test
    void environmentWinsAndIsNeverWrittenToTheFile() throws Exception {
        Path file = dir.resolve(Secrets.FILE_NAME);
        Secrets stored = Secrets.resolve(file, Map.of(), new SecureRandom());
        Map<String, String> env = Map.of(
                Secrets.ADMIN_USER, "root-of-all",
                Secrets.ADMIN_PASSWORD, "from-the-environment",
                Secrets.ANSWER_KEY, "ZW52aXJvbm1lbnQta2V5");

        Secrets secrets = Secrets.resolve(file, env, new SecureRandom());

        assertEquals("root-of-all", secrets.get(Secrets.ADMIN_USER).value());
        assertEquals("from-the-environment", secrets.get(Secrets.ADMIN_PASSWORD).value());
        assertEquals(Secrets.Source.ENVIRONMENT, secrets.get(Secrets.ADMIN_PASSWORD).source());
        assertEquals("ZW52aXJvbm1lbnQta2V5", secrets.get(Secrets.ANSWER_KEY).value());
        assertEquals(stored.get(Secrets.ORGANIZER_PASSWORD).value(), secrets.get(Secrets.ORGANIZER_PASSWORD).value());
        String content = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(content.contains("from-the-environment"));
        assertFalse(content.contains("ZW52aXJvbm1lbnQta2V5"));
    }

    @Test
    void blankEnvironmentValueCountsAsUnset() throws Exception {
        Secrets secrets = Secrets.resolve(dir.resolve(Secrets.FILE_NAME),
                Map.of(Secrets.AUDITOR_PASSWORD, "  "), new SecureRandom());

        assertEquals(Secrets.Source.GENERATED, secrets.get(Secrets.AUDITOR_PASSWORD).source());
        assertEquals(20, secrets.get(Secrets.AUDITOR_PASSWORD).value().length());
    }

    @Test
    void addsOnlyWhatTheFileLacks() throws Exception {
        Path file = dir.resolve(Secrets.FILE_NAME);
        Files.writeString(file, Secrets.ORGANIZER_PASSWORD + "=kept-by-hand\n", StandardCharsets.UTF_8);

        Secrets secrets = Secrets.resolve(file, Map.of(), new SecureRandom());
        Secrets again = Secrets.resolve(file, Map.of(), new SecureRandom());

        assertEquals("kept-by-hand", secrets.get(Secrets.ORGANIZER_PASSWORD).value());
        assertEquals(Secrets.Source.GENERATED, secrets.get(Secrets.ADMIN_PASSWORD).source());
        assertEquals(secrets.asEnvironment(), again.asEnvironment());
    }
}
