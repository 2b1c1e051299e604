package io.veltrix.command.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keyed hashes of the command side, all derived from one master secret
 * ({@code VELTRIX_ANSWER_KEY}): clue answer hashes, player tokens, join code hashes and team join
 * codes use separate derived keys.
 */
@Component
public class ServerSecrets {

    private static final int MIN_KEY_BYTES = 32;
    static final int TEAM_CODE_LENGTH = 11;
    /** Lower case (join codes are compared case-folded) without 0/o, 1/l/i. */
    private static final String TEAM_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /**
     * One keyed MAC per derived key, never used itself: each hash works on a clone, which skips the
     * provider lookup and key setup of a new instance (a find hashes its answer on a request thread).
     */
    private final Mac answerKey;
    private final Mac tokenKey;
    private final Mac joinCodeKey;
    private final Mac teamCodeKey;

    public ServerSecrets(@Value("${veltrix.answer-key:}") String masterKeyBase64) {
        Mac master = keyed(decode(masterKeyBase64));
        this.answerKey = keyed(hmac(master, "veltrix/answers".getBytes(StandardCharsets.UTF_8)));
        this.tokenKey = keyed(hmac(master, "veltrix/player-tokens".getBytes(StandardCharsets.UTF_8)));
        this.joinCodeKey = keyed(hmac(master, "veltrix/join-codes".getBytes(StandardCharsets.UTF_8)));
        this.teamCodeKey = keyed(hmac(master, "veltrix/team-codes".getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("VELTRIX_ANSWER_KEY is not set: the command service needs a base64 key of "
                    + MIN_KEY_BYTES + "+ bytes, the same on every instance (run.sh generates one)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("VELTRIX_ANSWER_KEY is not valid base64", e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("VELTRIX_ANSWER_KEY must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** Hex HMAC-SHA256 of an already normalized answer with the clue's salt. */
    public String answerHash(String salt, String normalizedAnswer) {
        byte[] message = (salt + '\u0000' + normalizedAnswer).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(hmac(answerKey, message));
    }

    /**
     * Hex HMAC-SHA256 of an already normalized join code, salted with the hunt id. Join codes are
     * short enough to guess offline from a plain hash, so events (which auditors read) carry only this.
     */
    public String joinCodeHash(String huntId, String normalizedCode) {
        byte[] message = (huntId + '\u0000' + normalizedCode).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(hmac(joinCodeKey, message));
    }

    /**
     * A player's bearer token, derived from the player id: shown once at registration, stored
     * only as a hash, and re-derivable so an idempotent retry of the registration can answer again.
     */
    public String playerToken(String playerId) {
        byte[] mac = hmac(tokenKey, playerId.getBytes(StandardCharsets.UTF_8));
        return "vxp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * A team's join code, derived from the team id like a player token: handed to the captain, kept
     * in no event or table (the team's events hold only {@link #joinCodeHash} of it), and re-derivable
     * so an idempotent retry of the team's creation can answer again. {@value #TEAM_CODE_LENGTH}
     * characters of an alphabet without look-alikes (about 54 bits): too many to guess online.
     */
    public String teamJoinCode(String teamId) {
        byte[] mac = hmac(teamCodeKey, teamId.getBytes(StandardCharsets.UTF_8));
        StringBuilder code = new StringBuilder(TEAM_CODE_LENGTH);
        for (int i = 0; i < TEAM_CODE_LENGTH; i++) {
            code.append(TEAM_CODE_ALPHABET.charAt((mac[i] & 0xff) % TEAM_CODE_ALPHABET.length()));
        }
        return code.toString();
    }

    /**
     * A replacement token issued when an organizer revokes a player's tokens: derived from the
     * player id and a random {@code issue} id (kept in the revocation's idempotency record, so a
     * retried revocation answers with the same token), never from the player id alone.
     */
    public String playerToken(String playerId, String issue) {
        byte[] mac = hmac(tokenKey, (playerId + '\u0000' + issue).getBytes(StandardCharsets.UTF_8));
        return "vxp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static Mac keyed(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static byte[] hmac(Mac key, byte[] message) {
        try {
            return ((Mac) key.clone()).doFinal(message);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the runtime's HmacSHA256 cannot be cloned", e);
        }
    }
}
