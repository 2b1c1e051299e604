package io.veltrix.platform.security;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a staff password must not be: short, the example from {@code .env.example}, the user name,
 * a common password, or too simple. Staff passwords guard every hunt's results and can be guessed
 * from any address (failed logins are throttled, not prevented), so a weak one stops the service
 * at start instead of being found out later.
 */
public final class StaffPasswords {

    public static final int MIN_LENGTH = 12;
    private static final int MIN_DISTINCT_CHARACTERS = 5;

    /** How the example values read, with or without separators. */
    private static final Set<String> EXAMPLE_MARKERS = Set.of("change-me", "changeme", "change_me");

    /**
     * Words of common passwords. A password is judged by its letters alone, and refused when they
     * are one or two of these words or the user name: the digits and symbols around them
     * ({@code Password123!}, {@code organizer-secret}) are what a guesser tries first.
     */
    private static final Set<String> COMMON_WORDS = Set.of(
            "password", "passwort", "passw", "pass", "admin", "administrator", "root", "secret", "topsecret",
            "letmein", "welcome", "qwerty", "qwertz", "azerty", "qwertyuiop", "asdf", "asdfgh", "zxcvbn",
            "iloveyou", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "master", "login",
            "test", "testing", "default", "guest", "user", "organizer", "organiser", "auditor", "staff",
            "veltrix", "hunt", "treasure");

    /** Runs along the alphabet, the digits and the keyboard rows. */
    private static final String[] RUNS = {
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "01234567890123456789012345678901234567890",
            "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm"};

    private StaffPasswords() {
    }

    /** Why {@code password} is too weak for {@code user}, as a phrase; empty when it is acceptable. */
    public static Optional<String> weakness(String user, String password) {
        String folded = password.toLowerCase(Locale.ROOT);
        if (EXAMPLE_MARKERS.stream().anyMatch(folded::contains)) {
            return Optional.of("is the example value from .env.example");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("is shorter than " + MIN_LENGTH + " characters");
        }
        if (user != null && folded.equals(user.toLowerCase(Locale.ROOT))) {
            return Optional.of("is the user name");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            return Optional.of("repeats fewer than " + MIN_DISTINCT_CHARACTERS + " different characters");
        }
        String name = user == null ? "" : letters(user.toLowerCase(Locale.ROOT));
        if (isOneOrTwoWords(letters(folded), name)) {
            return Optional.of("is made of common words or the user name");
        }
        for (String run : RUNS) {
            if (run.contains(folded) || new StringBuilder(run).reverse().toString().contains(folded)) {
                return Optional.of("is a run of keys or letters");
            }
        }
        return Optional.empty();
    }

    private static boolean isOneOrTwoWords(String letters, String name) {
        if (letters.isEmpty()) {
            return false;
        }
        for (int split = 0; split < letters.length(); split++) {
            String first = letters.substring(0, split);
            String second = letters.substring(split);
            if ((first.isEmpty() || isWord(first, name)) && isWord(second, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWord(String letters, String name) {
        return COMMON_WORDS.contains(letters) || (!name.isEmpty() && letters.equals(name));
    }

    private static String letters(String text) {
        return text.codePoints().filter(Character::isLetter)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
