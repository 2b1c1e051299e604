package io.veltrix.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the leaderboard must say, computed from the finds the command service acknowledged:
 * a player's score is the sum of the points of its FOUND answers, plus the first-finder bonus
 * for the first FOUND of each clue (exact only with a bonus of 0, because which of two
 * concurrent finds came first is the server's call; the scenario uses 0 by default).
 */
final class ExpectedBoard {

    /** A board line as read back: enough to compare. */
    record Line(String playerId, int score, int cluesFound) {
    }

    private final int firstFinderBonus;
    private final Map<String, Integer> scores = new HashMap<>();
    private final Map<String, Integer> clues = new HashMap<>();
    private final Set<String> cluesFoundByAnyone = new HashSet<>();
    private final Set<String> uncertainPlayers = new HashSet<>();

    ExpectedBoard(int firstFinderBonus) {
        this.firstFinderBonus = firstFinderBonus;
    }

    synchronized void registered(String playerId) {
        scores.putIfAbsent(playerId, 0);
        clues.putIfAbsent(playerId, 0);
    }

    /** An acknowledged FOUND worth {@code points} (as the reply said). */
    synchronized void found(String playerId, String clueId, int points) {
        int bonus = cluesFoundByAnyone.add(clueId) ? firstFinderBonus : 0;
        scores.merge(playerId, points + bonus, Integer::sum);
        clues.merge(playerId, 1, Integer::sum);
    }

    /** A submission whose outcome is unknown (timeout, 5xx): this player's line cannot be checked exactly. */
    synchronized void uncertain(String playerId) {
        uncertainPlayers.add(playerId);
    }

    synchronized int score(String playerId) {
        return scores.getOrDefault(playerId, 0);
    }

    synchronized int players() {
        return scores.size();
    }

    /**
     * Differences between the expected lines and the board. Players we never registered are
     * differences; registered players missing from the board are differences when they scored.
     */
    synchronized Comparison compare(List<Line> board) {
        List<String> differences = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        Map<String, Line> byPlayer = new LinkedHashMap<>();
        for (Line line : board) {
            if (byPlayer.put(line.playerId(), line) != null) {
                differences.add("player " + line.playerId() + " appears twice on the board");
            }
        }
        int matched = 0;
        int missingWithoutScore = 0;
        for (Map.Entry<String, Integer> expected : scores.entrySet()) {
            String player = expected.getKey();
            int score = expected.getValue();
            int found = clues.getOrDefault(player, 0);
            Line line = byPlayer.remove(player);
            List<String> target = uncertainPlayers.contains(player) ? uncertain : differences;
            if (line == null) {
                if (score == 0 && found == 0) {
                    missingWithoutScore++;
                } else {
                    target.add("player " + player + " missing from the board (expected score " + score + ", " + found + " clues)");
                }
            } else if (line.score() != score || line.cluesFound() != found) {
                target.add("player " + player + ": board score " + line.score() + " / " + line.cluesFound()
                        + " clues, acknowledged finds give " + score + " / " + found);
            } else {
                matched++;
            }
        }
        for (Line stray : byPlayer.values()) {
            differences.add("player " + stray.playerId() + " on the board was never registered by this run (score " + stray.score() + ")");
        }
        return new Comparison(matched, missingWithoutScore, differences, uncertain);
    }

    /**
     * @param missingWithoutScore registered players with no score that the board does not list (not a difference)
     * @param uncertain differences on players with a find of unknown outcome (reported apart)
     */
    record Comparison(int matched, int missingWithoutScore, List<String> differences, List<String> uncertain) {
    }
}
