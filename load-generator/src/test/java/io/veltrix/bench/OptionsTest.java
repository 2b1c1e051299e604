package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path dir;

    /** {@code args} after a secrets file that does not exist, so that no developer's file leaks in. */
    private Options parse(String... args) {
        List<String> all = new ArrayList<>(List.of("--secrets-file", dir.resolve("none").toString()));
        all.addAll(List.of(args));
        return Options.parse(all.toArray(String[]::new), Map.of());
    }

    private String refusal(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args)).getMessage();
    }

    @Test
    void defaultsAreTheLaunchDayScenarios() {
        Options o = parse();
        assertEquals(20, o.integer("clues"));
        assertEquals(5000, o.integer("players"));
        assertEquals(4000, o.integer("max-players"));
        assertEquals(1000, o.integer("rate"));
        assertEquals(Duration.ofSeconds(60), o.duration("duration"));
        assertEquals(0.3, o.ratio("wrong-ratio"));
        assertEquals(2000, o.integer("sse-subscribers"));
        assertEquals(2000, o.integer("board-read-rate"));
        assertEquals(64, o.integer("board-connections"));
        assertEquals(1024, o.integer("find-connections"));
        assertEquals(1024, o.integer("overload-connections"));
        assertEquals(1_000_000, o.longValue("seed-events"));
        assertEquals(1.4, o.number("ladder-factor"));
        assertEquals(Duration.ofMillis(50), o.duration("slo-p99"));
        assertTrue(o.bool("soak-judge-memory"));
        assertEquals("changes", o.string("sse-frames"));
        assertNull(o.optionalInteger("max-teams"));
        assertEquals(List.of("stampede", "finds", "spectators", "lag", "check", "seed", "replay"), List.copyOf(o.phases()));
        assertEquals("organizer", o.string("organizer-user"));
    }

    @Test
    void theSummaryReportsEveryFlagAsGivenOrByDefault() {
        Map<String, String> reported = parse("--rate", "1500", "--max-teams", "").asReported();
        assertEquals(Flags.ALL.stream().map(Flags.Flag::name).toList(), List.copyOf(reported.keySet()));
        assertEquals("1500", reported.get("rate"));
        assertEquals("", reported.get("max-teams"));
        assertEquals("60s", reported.get("duration"));
        assertEquals("", reported.get("fault"));
    }

    @Test
    void flagsEnvironmentAndSecretsFileInThatOrder() throws Exception {
        Path secrets = dir.resolve("veltrix-secrets.properties");
        Files.writeString(secrets, "VELTRIX_ORGANIZER_PASSWORD=fromfile\nVELTRIX_AUDITOR_PASSWORD=auditfile\n"
                + "VELTRIX_DB_SUPERUSER_PASSWORD=dbfile\n");
        Options o = Options.parse(new String[] {"--secrets-file", secrets.toString(), "--rate=50", "--admin-password", "flag"},
                Map.of("VELTRIX_AUDITOR_PASSWORD", "fromenv"));
        assertEquals(50, o.integer("rate"));
        assertEquals("fromfile", o.string("organizer-password"));
        assertEquals("fromenv", o.string("auditor-password"));
        assertEquals("flag", o.string("admin-password"));
        assertEquals("***", o.asReported().get("organizer-password"));
        assertEquals("dbfile", o.string("jdbc-password"));
        assertEquals("postgres", parse().string("jdbc-password"));
    }

    @Test
    void aFlagGivenTwiceTakesItsLastValue() {
        // bench.sh: the mode's flags, the caller's, then its own --profile
        Options o = parse("--phases", "stampede,ladder", "--profile", "mine", "--phases", "finds", "--profile", "tuned");
        assertEquals(Set.of("finds"), o.phases());
        assertEquals("tuned", o.string("profile"));
    }

    @Test
    void valuesAreTakenAsWritten() throws Exception {
        String fault = "pkill -9 -P 123 -f -- '-jar .*command-service.jar'";
        // picocli would read the arguments of an existing file named after an '@'
        Path file = Files.writeString(dir.resolve("arguments"), "--rate 5\n");
        Options o = parse("--fault", fault, "--jdbc-password", "-starts-with-a-dash", "--admin-password", "@" + file,
                "--first-finder-bonus", "-5", "--other-query-url=http://localhost:8084");
        assertEquals(fault, o.string("fault"));
        assertEquals("-starts-with-a-dash", o.string("jdbc-password"));
        assertEquals("@" + file, o.string("admin-password"));
        assertEquals(1000, o.integer("rate"));
        assertEquals(-5, o.integer("first-finder-bonus"));
        assertEquals("http://localhost:8084", o.string("other-query-url"));
    }

    @Test
    void numbersAndTheirMalformedValues() {
        Options o = parse("--clues", "200", "--random-seed", "9000000000", "--player-rate", "2.5",
                "--max-wrong-attempts", "3", "--overload-rate", "900", "--command-pid", "4242");
        assertEquals(200, o.integer("clues"));
        assertEquals(9_000_000_000L, o.longValue("random-seed"));
        assertEquals(2.5, o.number("player-rate"));
        assertEquals(3, o.optionalInteger("max-wrong-attempts"));
        assertEquals(900.0, o.number("overload-rate"));
        assertEquals("4242", o.string("command-pid"));
        assertEquals("Invalid value for option '--rate': 'fast' is not an integer", refusal("--rate", "fast"));
        assertTrue(refusal("--players", "1.5").contains("'--players'"));
        assertTrue(refusal("--seed-events", "1e6").contains("'--seed-events'"));
        assertTrue(refusal("--ladder-factor", "x1.4").contains("is not a number"));
        assertTrue(refusal("--max-teams", "some").contains("'--max-teams'"));
        assertTrue(refusal("--overload-rate", "lots").contains("'--overload-rate'"));
        assertTrue(refusal("--query-pid", "self").contains("'--query-pid'"));
    }

    @Test
    void ratiosAreBetweenZeroAndOne() {
        assertEquals(0.1, parse("--lag-sample-rate", "0.1").ratio("lag-sample-rate"));
        assertEquals(1.0, parse("--wrong-ratio", "1").ratio("wrong-ratio"));
        assertTrue(refusal("--duplicate-ratio", "1.5").contains("1.5 is not between 0 and 1"));
        assertTrue(refusal("--wrong-ratio", "-0.1").contains("'--wrong-ratio'"));
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), parse("--rss-sample-interval", "500ms").duration("rss-sample-interval"));
        assertEquals(Duration.ofMillis(1500), parse("--duration", "1.5s").duration("duration"));
        assertEquals(Duration.ofMinutes(20), parse("--duration", "20m").duration("duration"));
        assertEquals(Duration.ofSeconds(10), parse("--fault-at", "10").duration("fault-at"));
        assertEquals(Duration.ofSeconds(5), parse("--replay-at", "5s").duration("replay-at"));
        assertEquals("", parse().string("fault-lag-recovery"));
        assertEquals("Invalid value for option '--duration': 'a minute' is not a duration like 60s, 500ms or 2m",
                refusal("--duration", "a minute"));
        assertTrue(refusal("--fault-lag-recovery", "soon").contains("'--fault-lag-recovery'"));
    }

    @Test
    void choices() {
        assertEquals(Set.of("stampede", "finds"), parse("--phases", "stampede, finds,").phases());
        assertFalse(parse("--soak-judge-memory", "false").bool("soak-judge-memory"));
        assertEquals("boards", parse("--sse-frames", "boards").string("sse-frames"));
        assertTrue(refusal("--phases", "stampede,bogus").contains("unknown phase 'bogus'"));
        assertTrue(refusal("--soak-judge-memory", "no").contains("'no' is neither true nor false"));
        assertTrue(refusal("--sse-frames", "all").contains("'all' is neither changes nor boards"));
    }

    @Test
    void unknownFlagsMissingValuesAndStrayArgumentsAreRefused() {
        String unknown = refusal("--no-such-flag", "1");
        assertTrue(unknown.startsWith("Unknown option") && unknown.contains("'--no-such-flag'"), unknown);
        String typo = refusal("--ladder-strt", "100");
        assertTrue(typo.contains("did you mean --ladder-start?"), typo);
        assertTrue(refusal("--rate").contains("Missing required parameter for option '--rate'"));
        assertTrue(refusal("finds").contains("'finds'"));
    }

    @Test
    void helpIsAskedForAndTheUsageTellsEveryFlagItsDefaultAndMeaning() {
        assertNull(Options.parse(new String[] {"--help"}, Map.of()));
        assertNull(Options.parse(new String[] {"--rate", "5", "-h"}, Map.of()));
        String usage = Options.usage().replaceAll("\\s+", " ");
        for (Flags.Flag flag : Flags.ALL) {
            assertTrue(usage.contains("--" + flag.name() + "=" + flag.kind().label), flag.name());
            if (!flag.defaultValue().isEmpty()) {
                assertTrue(usage.contains("(default: " + flag.defaultValue() + ")"), flag.name());
            }
        }
        assertTrue(usage.contains("compare summary.json..."));
        assertTrue(usage.contains("phases: " + String.join(",", FlagKind.ALL_PHASES)));
        assertTrue(usage.contains("over 10 % after the first window"), "a '%' in a help text stands for itself");
    }

    /**
     * What bench.sh, drill.sh and the generator's start in scripts/system.sh pass, so that a renamed
     * flag fails here rather than in a ten-minute run.
     */
    @Test
    void everyFlagTheScriptsPassIsKnown() throws Exception {
        Set<String> known = new TreeSet<>(Flags.ALL.stream().map(Flags.Flag::name).toList());
        known.add("help");
        Pattern flag = Pattern.compile("(?<![\\w-])--([a-z][a-z0-9-]+)");
        Set<String> passed = new TreeSet<>();
        String system = Files.readString(Path.of("..", "scripts", "system.sh"));
        int start = system.indexOf("run_generator() {");
        assertTrue(start >= 0, "scripts/system.sh starts the generator in run_generator");
        List<String> texts = List.of(Files.readString(Path.of("..", "bench.sh")), Files.readString(Path.of("..", "drill.sh")),
                system.substring(start, system.indexOf("\n}", start)));
        for (String text : texts) {
            Matcher m = flag.matcher(text);
            while (m.find()) {
                passed.add(m.group(1));
            }
        }
        assertTrue(passed.size() > 20, "the scripts were read: " + passed);
        passed.removeAll(known);
        assertEquals(Set.of(), passed);
    }

    @Test
    void aMalformedCommandLineExitsWith2AndHelpWith0() throws Exception {
        Run unknown = run("--no-such-flag", "1");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("load-generator: Unknown option") && unknown.err().contains("'--no-such-flag'"),
                unknown.err());
        Run malformed = run("--rate", "fast");
        assertEquals(2, malformed.exit());
        assertTrue(malformed.err().contains("'fast' is not an integer"), malformed.err());
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--rate=<integer>"), help.out());
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int exit = process.waitFor();
        return new Run(exit, Files.readString(out), Files.readString(err));
    }

    @Test
    void theFlagTableNamesEachFlagOnce() {
        List<String> names = Flags.ALL.stream().map(Flags.Flag::name).toList();
        assertEquals(names.size(), Set.copyOf(names).size());
    }
}
