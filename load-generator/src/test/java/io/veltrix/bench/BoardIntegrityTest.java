package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BoardIntegrityTest {

    private static JsonNode board(int... scores) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < scores.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"rank\":").append(i + 1).append(",\"score\":").append(scores[i]).append('}');
        }
        return Http.parse(json.append(']').toString());
    }

    @Test
    void aSmallerBoardServedAsCompleteAfterABiggerOneWasAnsweredIsAnError() {
        BoardIntegrity integrity = new BoardIntegrity();
        Errors errors = new Errors();
        integrity.answered(integrity.floorAtSend(), null, board(30, 20, 10), errors);
        long sent = integrity.floorAtSend();
        integrity.answered(sent, null, board(30, 20), errors); // a player missing: half rebuilt
        assertEquals(1, errors.count());
        assertEquals(1L, integrity.report().get("servedIncomplete"));
    }

    @Test
    void aFlaggedBoardIsNotJudgedAndAnAnswerToAnEarlierRequestMayBeOlder() {
        BoardIntegrity integrity = new BoardIntegrity();
        Errors errors = new Errors();
        long early = integrity.floorAtSend();
        integrity.answered(integrity.floorAtSend(), null, board(40, 30), errors);
        integrity.answered(early, null, board(30, 30), errors); // asked before the bigger one was answered
        integrity.answered(integrity.floorAtSend(), "leaderboard", board(5), errors);
        integrity.answered(integrity.floorAtSend(), null, board(41, 30), errors);
        assertEquals(0, errors.count());
        assertEquals(3L, integrity.report().get("completeBoards"));
        assertEquals(1L, integrity.report().get("flaggedRebuilding"));
    }
}
