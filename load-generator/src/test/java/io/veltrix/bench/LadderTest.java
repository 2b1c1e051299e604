package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {

    private static final Ladder.Slo SLO = new Ladder.Slo(50, 100);

    private static Ladder.Step step(double offered, Double p99, Double lagP99, long errors, long shed) {
        return new Ladder.Step(offered, offered, shed, p99, lagP99, lagP99 == null ? 0 : 40, errors);
    }

    @Test
    void aStepHoldsOnlyWithinBothPercentilesWithoutErrorsOrShedding() {
        assertTrue(Ladder.evaluate(step(200, 50.0, 100.0, 0, 0), SLO).held()); // bounds are inclusive
        assertFalse(Ladder.evaluate(step(200, 50.1, 10.0, 0, 0), SLO).held());
        assertFalse(Ladder.evaluate(step(200, 10.0, 100.5, 0, 0), SLO).held());
        assertFalse(Ladder.evaluate(step(200, 10.0, 10.0, 1, 0), SLO).held());
        Ladder.Verdict shed = Ladder.evaluate(step(200, 10.0, 10.0, 0, 3), SLO);
        assertFalse(shed.held());
        assertEquals(List.of("3 shed"), shed.reasons());
        assertFalse(Ladder.evaluate(step(200, 10.0, null, 0, 0), SLO).held()); // lag not measured: not shown to hold
        assertFalse(Ladder.evaluate(step(200, null, 10.0, 0, 0), SLO).held());
    }

    @Test
    void ratesGrowByTheFactorUpToTheMaximumWhichIsRunItself() {
        List<Double> rates = new ArrayList<>();
        for (Double r = 200.0; r != null; r = Ladder.nextRate(r, 1.4, 1000)) {
            rates.add(r);
        }
        assertEquals(List.of(200.0, 280.0, 392.0, 549.0, 769.0, 1000.0), rates);
    }

    @Test
    void aRefinedRateSplitsTheRatioBetweenTheHeldAndTheBrokenRateUntilItIsFine() {
        assertEquals(2498.0, Ladder.refinedRate(2111, 2955)); // the geometric mean, 2,497.6, rounded
        List<Double> tried = new ArrayList<>();
        double held = 2111;
        double broken = 2955;
        for (Double r = Ladder.refinedRate(held, broken); r != null; r = Ladder.refinedRate(held, broken)) {
            tried.add(r);
            if (r < 2600) { // a service whose true capacity lies between 2,600 and the broken rate
                held = r;
            } else {
                broken = r;
            }
        }
        assertEquals(List.of(2498.0, 2717.0), tried); // then 2,717 / 2,498 = 1.088: finer than a run tells apart
        assertNull(Ladder.refinedRate(1000, 1100));
        assertNull(Ladder.refinedRate(1000, 900));
        assertNull(Ladder.refinedRate(0, 900));
    }

    @Test
    void theLadderStopsAtTheFirstBrokenStepOrAtTheMaximum() {
        assertTrue(Ladder.goesOn(Ladder.evaluate(step(392, 20.0, 30.0, 0, 0), SLO), 392, 1.4, 6000));
        assertFalse(Ladder.goesOn(Ladder.evaluate(step(392, 80.0, 30.0, 0, 0), SLO), 392, 1.4, 6000));
        assertFalse(Ladder.goesOn(Ladder.evaluate(step(6000, 20.0, 30.0, 0, 0), SLO), 6000, 1.4, 6000));
    }

    @Test
    void capacityIsTheHighestOfferedRateOfAHeldStep() {
        List<Ladder.Step> steps = List.of(step(200, 5.0, 20.0, 0, 0), step(280, 8.0, 25.0, 0, 0),
                step(392, 30.0, 120.0, 0, 0));
        assertEquals(280.0, Ladder.capacityAtSlo(steps, SLO));
        // a later step that held counts even after a dip (noise), a shedding one never does
        assertEquals(549.0, Ladder.capacityAtSlo(List.of(step(200, 5.0, 20.0, 0, 0), step(392, 80.0, 20.0, 0, 0),
                step(549, 40.0, 20.0, 0, 0), step(769, 20.0, 20.0, 0, 5)), SLO));
        assertNull(Ladder.capacityAtSlo(List.of(step(200, 500.0, 20.0, 0, 0)), SLO));
    }

    @Test
    void recoveryIsTheTimeUntilEveryLaterWindowIsWithinTheSlo() {
        Ladder.Window ok = new Ladder.Window(20.0, 0, 0);
        Ladder.Window slow = new Ladder.Window(300.0, 0, 0);
        Ladder.Window shedding = new Ladder.Window(20.0, 4, 0);
        assertEquals(0, Ladder.recoverySeconds(List.of(ok, ok, ok), SLO));
        assertEquals(3, Ladder.recoverySeconds(List.of(slow, ok, shedding, ok, ok), SLO));
        assertNull(Ladder.recoverySeconds(List.of(slow, ok, slow), SLO));
        assertNull(Ladder.recoverySeconds(List.of(ok, new Ladder.Window(null, 0, 0)), SLO));
    }
}
