package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectedBoardTest {

    @Test
    void scoresAreTheSumOfAcknowledgedFoundPoints() {
        ExpectedBoard e = new ExpectedBoard(0, "player");
        e.registered("a");
        e.registered("b");
        e.found("a", "c1", 10);
        e.found("a", "c2", 12);
        e.found("b", "c1", 10);
        assertEquals(22, e.score("a"));
        ExpectedBoard.Comparison c = e.compare(List.of(new ExpectedBoard.Line("a", 22, 2), new ExpectedBoard.Line("b", 10, 1)));
        assertEquals(2, c.matched());
        assertTrue(c.differences().isEmpty());
    }

    @Test
    void theFirstFinderOfAClueGetsTheBonusOnce() {
        ExpectedBoard e = new ExpectedBoard(5, "player");
        e.found("a", "c1", 10);
        e.found("b", "c1", 10);
        assertEquals(15, e.score("a"));
        assertEquals(10, e.score("b"));
    }

    @Test
    void aLowerScoreOnTheBoardIsADifference() {
        ExpectedBoard e = new ExpectedBoard(0, "player");
        e.found("a", "c1", 10);
        ExpectedBoard.Comparison c = e.compare(List.of(new ExpectedBoard.Line("a", 0, 0)));
        assertEquals(1, c.differences().size());
        assertTrue(c.differences().get(0).contains("board score 0"));
    }

    @Test
    void aScoringPlayerMissingFromTheBoardIsADifferenceAScorelessOneIsNot() {
        ExpectedBoard e = new ExpectedBoard(0, "player");
        e.registered("idle");
        e.found("a", "c1", 10);
        ExpectedBoard.Comparison c = e.compare(List.of());
        assertEquals(1, c.differences().size());
        assertTrue(c.differences().get(0).contains("missing"));
        assertEquals(1, c.missingWithoutScore());
    }

    @Test
    void strangersAndDuplicatesOnTheBoardAreDifferences() {
        ExpectedBoard e = new ExpectedBoard(0, "player");
        e.registered("a");
        ExpectedBoard.Comparison c = e.compare(List.of(new ExpectedBoard.Line("a", 0, 0),
                new ExpectedBoard.Line("a", 0, 0), new ExpectedBoard.Line("x", 3, 1)));
        assertEquals(2, c.differences().size());
    }

    @Test
    void playersWithAFindOfUnknownOutcomeAreReportedApart() {
        ExpectedBoard e = new ExpectedBoard(0, "player");
        e.found("a", "c1", 10);
        e.uncertain("a");
        ExpectedBoard.Comparison c = e.compare(List.of(new ExpectedBoard.Line("a", 21, 2)));
        assertTrue(c.differences().isEmpty());
        assertEquals(1, c.uncertain().size());
    }

    @Test
    void aTeamModeBoardIsComparedTeamByTeam() {
        ExpectedBoard e = new ExpectedBoard(0, "team");
        e.registered("owls");
        e.registered("larks");
        // two members' finds of one team add up on the team's line
        e.found("owls", "c1", 10);
        e.found("owls", "c2", 12);
        ExpectedBoard.Comparison c = e.compare(List.of(new ExpectedBoard.Line("owls", 10, 1)));
        assertEquals(2, e.competitors());
        assertEquals(List.of("team owls: board score 10 / 1 clues, acknowledged finds give 22 / 2"), c.differences());
    }
}
