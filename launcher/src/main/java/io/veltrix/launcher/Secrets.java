package io.veltrix.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The embedded default's secrets: the answer key, the checkpoint signing key, the staff device
 * credentials' key, the organizer,
 * auditor and admin accounts, and the passwords of the embedded PostgreSQL's superuser and of
 * each service's database role.
 * An environment variable wins; otherwise the value kept in the secrets file; otherwise one is
 * generated once and stored in that file (mode 600), so answers hashed before a restart still
 * match after it and the printed credentials stay valid.
 */
final class Secrets {

    static final String FILE_NAME = "veltrix-secrets.properties";

    static final String ANSWER_KEY = "VELTRIX_ANSWER_KEY";
    /** Ed25519 pair signing checkpoints: base64 PKCS#8 private key, a colon, base64 X.509 public key. */
    static final String CHECKPOINT_KEY = "VELTRIX_CHECKPOINT_KEY";
    /** Signs staff device credentials; both services hold it, so either honours the other's. */
    static final String DEVICE_KEY = "VELTRIX_DEVICE_KEY";
    static final String ORGANIZER_USER = "VELTRIX_ORGANIZER_USER";
    static final String ORGANIZER_PASSWORD = "VELTRIX_ORGANIZER_PASSWORD";
    static final String AUDITOR_USER = "VELTRIX_AUDITOR_USER";
    static final String AUDITOR_PASSWORD = "VELTRIX_AUDITOR_PASSWORD";
    static final String ADMIN_USER = "VELTRIX_ADMIN_USER";
    static final String ADMIN_PASSWORD = "VELTRIX_ADMIN_PASSWORD";
    /** The embedded PostgreSQL's superuser, for the launcher's own set-up only. */
    static final String DB_SUPERUSER_PASSWORD = "VELTRIX_DB_SUPERUSER_PASSWORD";
    /** The command service's database role ({@code veltrix_command}). */
    static final String DB_COMMAND_PASSWORD = "VELTRIX_DB_COMMAND_PASSWORD";
    /** The query service's database role ({@code veltrix_query}). */
    static final String DB_QUERY_PASSWORD = "VELTRIX_DB_QUERY_PASSWORD";
    /** The event store's owner ({@code veltrix_eventstore}): the launcher's migration step alone, no service. */
    static final String DB_EVENTSTORE_PASSWORD = "VELTRIX_DB_EVENTSTORE_PASSWORD";
    /**
     * Secrets no service receives under their own names, not even from the launcher's own
     * environment: the launcher uses them or passes them on as another.
     */
    static final Set<String> DATABASE_PASSWORDS = Set.of(DB_SUPERUSER_PASSWORD, DB_COMMAND_PASSWORD,
            DB_QUERY_PASSWORD, DB_EVENTSTORE_PASSWORD);

    private static final int ANSWER_KEY_BYTES = 32;
    private static final int PASSWORD_LENGTH = 20;
    /** Letters and digits only, so a password pastes into curl and shells without quoting. */
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Where a value came from; the launcher does not echo values the user set themselves. */
    enum Source { ENVIRONMENT, FILE, GENERATED }

    record Value(String value, Source source) {
    }

    private final Map<String, Value> values;
    private final Path file;

    private Secrets(Map<String, Value> values, Path file) {
        this.values = values;
        this.file = file;
    }

    /** Resolves every secret, writing newly generated ones to {@code file} before returning. */
    static Secrets resolve(Path file, Map<String, String> env, SecureRandom random) throws IOException {
        Properties stored = load(file);
        Map<String, Value> values = new LinkedHashMap<>();
        boolean generated = false;
        for (String key : new String[] {ANSWER_KEY, CHECKPOINT_KEY, DEVICE_KEY, ORGANIZER_USER, ORGANIZER_PASSWORD,
                AUDITOR_USER, AUDITOR_PASSWORD, ADMIN_USER, ADMIN_PASSWORD, DB_SUPERUSER_PASSWORD, DB_COMMAND_PASSWORD,
                DB_QUERY_PASSWORD, DB_EVENTSTORE_PASSWORD}) {
            String fromEnv = env.get(key);
            String fromFile = stored.getProperty(key);
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(key, new Value(fromEnv, Source.ENVIRONMENT));
            } else if (fromFile != null && !fromFile.isBlank()) {
                values.put(key, new Value(fromFile, Source.FILE));
            } else {
                String fresh = generate(key, random);
                stored.setProperty(key, fresh);
                values.put(key, new Value(fresh, Source.GENERATED));
                generated = true;
            }
        }
        if (generated) {
            store(file, stored);
        }
        return new Secrets(values, file);
    }

    /**
     * What the service called {@code name} ({@code command} or {@code query}) must not receive,
     * not even from the launcher's own environment: every database password under its launcher
     * name (each service gets its own role's as {@code SPRING_DATASOURCE_PASSWORD}, the event store
     * owner's and the superuser's go to none), and the other service's key: the command service
     * hashes answers, tokens and join codes with the answer key, the query service signs
     * checkpoints with the checkpoint key.
     */
    static Set<String> withheldFrom(String name) {
        Set<String> withheld = new HashSet<>(DATABASE_PASSWORDS);
        withheld.add("command".equals(name) ? CHECKPOINT_KEY : ANSWER_KEY);
        return Set.copyOf(withheld);
    }

    Value get(String key) {
        Value value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("not a launcher secret: " + key);
        }
        return value;
    }

    /**
     * The variables every child service receives; the database passwords are not among them (each
     * service gets its own role's as {@code SPRING_DATASOURCE_PASSWORD}, the superuser's none).
     */
    Map<String, String> asEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!DATABASE_PASSWORDS.contains(key)) {
                env.put(key, value.value());
            }
        });
        return env;
    }

    Path file() {
        return file;
    }

    private static String generate(String key, SecureRandom random) {
        switch (key) {
            case ANSWER_KEY, DEVICE_KEY -> {
                byte[] bytes = new byte[ANSWER_KEY_BYTES];
                random.nextBytes(bytes);
                return Base64.getEncoder().encodeToString(bytes);
            }
            case CHECKPOINT_KEY -> {
                return checkpointKey(random);
            }
            case ORGANIZER_USER -> {
                return "organizer";
            }
            case AUDITOR_USER -> {
                return "auditor";
            }
            case ADMIN_USER -> {
                return "admin";
            }
            default -> {
                StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
                for (int i = 0; i < PASSWORD_LENGTH; i++) {
                    password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
                }
                return password.toString();
            }
        }
    }

    private static String checkpointKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, random);
            KeyPair pair = generator.generateKeyPair();
            return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + ":"
                    + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
        }
        return properties;
    }

    /** Writes a private temp file and moves it into place, so a crash never leaves half a file. */
    private static void store(Path file, Properties properties) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = posix
                ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, FILE_NAME, ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            properties.store(out, "Veltrix embedded default: generated once, kept across restarts."
                    + " Environment variables of the same name win over these values.");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (posix) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
