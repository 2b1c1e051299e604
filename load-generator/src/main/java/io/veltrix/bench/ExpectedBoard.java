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
 * a competitor's score is the sum of the points of its FOUND answers, plus the first-finder bonus
 * for the first FOUND of each clue (exact only with a bonus of 0, because which of two
 * concurrent finds came first is the server's call; the scenario uses 0 by default). The
 * competitors are the players of a solo hunt, the teams of a team-mode one (a member's find
 * scores for the team).
 */
final class ExpectedBoard {

    /** A board line as read back: enough to compare; {@code competitorId} is the player's or the team's id. */
    record Line(String competitorId, int score, int cluesFound) {
    }

    private final int firstFinderBonus;
    /** What a competitor is called in the differences: "player" or "team". */
    private final String noun;
    private final Map<String, Integer> scores = new HashMap<>();
    private final Map<String, Integer> clues = new HashMap<>();
    private final Set<String> cluesFoundByAnyone = new HashSet<>();
    private final Set<String> uncertainCompetitors = new HashSet<>();

    ExpectedBoard(int firstFinderBonus, String noun) {
        this.firstFinderBonus = firstFinderBonus;
        this.noun = noun;
    }

    synchronized void registered(String competitorId) {
        scores.putIfAbsent(competitorId, 0);
        clues.putIfAbsent(competitorId, 0);
    }

    /** An acknowledged FOUND worth {@code points} (as the reply said). */
    synchronized void found(String competitorId, String clueId, int points) {
        int bonus = cluesFoundByAnyone.add(clueId) ? firstFinderBonus : 0;
        scores.merge(competitorId, points + bonus, Integer::sum);
        clues.merge(competitorId, 1, Integer::sum);
    }

    /** A submission whose outcome is unknown (timeout, 5xx): this competitor's line cannot be checked exactly. */
    synchronized void uncertain(String competitorId) {
        uncertainCompetitors.add(competitorId);
    }

    synchronized int score(String competitorId) {
        return scores.getOrDefault(competitorId, 0);
    }

    /** The registered competitors: players, or teams. */
    synchronized int competitors() {
        return scores.size();
    }

    /**
     * Differences between the expected lines and the board. Competitors we never registered are
     * differences; registered ones missing from the board are differences when they scored.
     */
    synchronized Comparison compare(List<Line> board) {
        List<String> differences = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        Map<String, Line> byCompetitor = new LinkedHashMap<>();
        for (Line line : board) {
            if (byCompetitor.put(line.competitorId(), line) != null) {
                differences.add(noun + " " + line.competitorId() + " appears twice on the board");
            }
        }
        int matched = 0;
        int missingWithoutScore = 0;
        for (Map.Entry<String, Integer> expected : scores.entrySet()) {
            String competitor = expected.getKey();
            int score = expected.getValue();
            int found = clues.getOrDefault(competitor, 0);
            Line line = byCompetitor.remove(competitor);
            List<String> target = uncertainCompetitors.contains(competitor) ? uncertain : differences;
            if (line == null) {
                if (score == 0 && found == 0) {
                    missingWithoutScore++;
                } else {
                    target.add(noun + " " + competitor + " missing from the board (expected score " + score + ", " + found + " clues)");
                }
            } else if (line.score() != score || line.cluesFound() != found) {
                target.add(noun + " " + competitor + ": board score " + line.score() + " / " + line.cluesFound()
                        + " clues, acknowledged finds give " + score + " / " + found);
            } else {
                matched++;
            }
        }
        for (Line stray : byCompetitor.values()) {
            differences.add(noun + " " + stray.competitorId() + " on the board was never registered by this run (score " + stray.score() + ")");
        }
        return new Comparison(matched, missingWithoutScore, differences, uncertain);
    }

    /**
     * @param missingWithoutScore registered competitors with no score that the board does not list (not a difference)
     * @param uncertain differences on competitors with a find of unknown outcome (reported apart)
     */
    record Comparison(int matched, int missingWithoutScore, List<String> differences, List<String> uncertain) {
    }
}
